package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.Tags;
import io.sluice.protocol.RequestContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** TagResource: adds or overwrites tags of the ACTIVE stream a ResourceARN names (at most 50 tags). */
public final class TagResource extends KinesisOperation<TagResource.Request, Void> {

  public record Request(String resourceARN, Map<String, String> tags) {}

  public TagResource(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    Tags.checkRequest(req.tags());
    return resource(ctx, req.resourceARN())
        .thenCompose(stream -> StreamChanges.tag(kinesis, stream, req.tags()))
        .thenApply(changed -> null);
  }
}
