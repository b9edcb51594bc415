package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.Tags;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** RemoveTagsFromStream: removes the named tags of an ACTIVE stream (keys it does not have are ignored). */
public final class RemoveTagsFromStream extends KinesisOperation<RemoveTagsFromStream.Request, Void> {

  public record Request(String streamName, String streamARN, List<String> tagKeys) {}

  public RemoveTagsFromStream(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    Tags.checkKeys(req.tagKeys());
    return stream(ctx, req.streamName(), req.streamARN())
        .thenCompose(stream -> StreamChanges.untag(kinesis, stream, req.tagKeys()))
        .thenApply(changed -> null);
  }
}
