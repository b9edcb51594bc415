package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.model.ConsumerRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * DeleteStream: the stream is DELETING for the configured delay, then gone; its records and
 * consumers are gone at once. A stream with registered consumers is only deleted with
 * {@code EnforceConsumerDeletion} (else ResourceInUseException, API reference, DeleteStream).
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
    if (!Boolean.TRUE.equals(req.enforceConsumerDeletion())) {
      return limited(ctx, null, () -> kinesis.store().find(id, now))
          .thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(List.<ConsumerRecord>of())
              : kinesis.consumers().list(id, found.get().createdMillis(), now))
          .thenCompose(consumers -> {
            if (!consumers.isEmpty()) {
              throw AwsException.of(KinesisError.ResourceInUseException, "Stream %s under account %s has "
                  + "registered consumers; set EnforceConsumerDeletion to delete it with them.", id.name(),
                  id.account());
            }
            return delete(id, now);
          });
    }
    return limited(ctx, null, () -> delete(id, now));
  }

  private CompletionStage<Void> delete(StreamId id, long now) {
    return kinesis.store().delete(id, now + kinesis.config().deleteDelayMs(), now).thenApply(deleted -> {
      if (deleted.isEmpty()) {
        throw notFound(id);
      }
      return null;
    });
  }
}
