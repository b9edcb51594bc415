package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/** GetResourcePolicy: the resource policy of the stream a ResourceARN names, {@code {}} if it has none. */
public final class GetResourcePolicy extends KinesisOperation<GetResourcePolicy.Request, GetResourcePolicy.Response> {

  public record Request(String resourceARN) {}

  public record Response(String policy) {}

  public GetResourcePolicy(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return resource(ctx, req.resourceARN())
        .thenApply(stream -> new Response(stream.settings().getOrDefault(StreamRecord.POLICY, "{}")));
  }
}
