package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.model.StreamId;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * DeleteStream: the stream is DELETING for the configured delay, then gone; its records are gone at
 * once. {@code EnforceConsumerDeletion} is accepted (there are no consumers yet).
 */
public final class DeleteStream extends KinesisOperation<DeleteStream.Request, Void> {

  public record Request(String streamName, String streamARN, Boolean enforceConsumerDeletion) {}

  public DeleteStream(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    StreamId id = streamId(ctx, req.streamName(), req.streamARN());
    long now = now();
    return kinesis.store().delete(id, now + kinesis.config().deleteDelayMs(), now).thenApply(deleted -> {
      if (deleted.isEmpty()) {
        throw notFound(id);
      }
      return null;
    });
  }
}
