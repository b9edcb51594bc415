package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.Tags;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** UntagResource: removes the named tags of the ACTIVE stream a ResourceARN names (absent keys are ignored). */
public final class UntagResource extends KinesisOperation<UntagResource.Request, Void> {

  public record Request(String resourceARN, List<String> tagKeys) {}

  public UntagResource(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    Tags.checkKeys(req.tagKeys());
    return resource(ctx, req.resourceARN())
        .thenCompose(stream -> StreamChanges.untag(kinesis, stream, req.tagKeys()))
        .thenApply(changed -> null);
  }
}
