package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.Tags;
import io.sluice.protocol.RequestContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** AddTagsToStream: adds or overwrites tags of an ACTIVE stream, which may have at most 50. */
public final class AddTagsToStream extends KinesisOperation<AddTagsToStream.Request, Void> {

  public record Request(String streamName, String streamARN, Map<String, String> tags) {}

  public AddTagsToStream(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    Tags.checkRequest(req.tags());
    return stream(ctx, req.streamName(), req.streamARN())
        .thenCompose(stream -> StreamChanges.tag(kinesis, stream, req.tags()))
        .thenApply(changed -> null);
  }
}
