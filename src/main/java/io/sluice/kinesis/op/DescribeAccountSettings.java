package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.CommitmentOutput;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/** DescribeAccountSettings: the caller's minimum throughput billing commitment in the request's region. */
public final class DescribeAccountSettings
    extends KinesisOperation<DescribeAccountSettings.Request, DescribeAccountSettings.Response> {

  public record Request() {}

  public record Response(CommitmentOutput minimumThroughputBillingCommitment) {}

  public DescribeAccountSettings(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    long now = now();
    return limited(ctx, null, () -> kinesis.store().commitment(ctx.region(), ctx.account(), null, now))
        .thenApply(c -> new Response(CommitmentOutput.of(c, now)));
  }
}
