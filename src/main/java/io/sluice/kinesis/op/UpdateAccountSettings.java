package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.CommitmentOutput;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * UpdateAccountSettings: enables or disables the caller's minimum throughput billing commitment in
 * the request's region. It lasts at least 24 hours: disabled earlier, it is
 * ENABLED_UNTIL_EARLIEST_ALLOWED_END until then, and enabling it again cancels the end.
 */
public final class UpdateAccountSettings
    extends KinesisOperation<UpdateAccountSettings.Request, UpdateAccountSettings.Response> {

  public record CommitmentInput(String status) {}

  public record Request(CommitmentInput minimumThroughputBillingCommitment) {}

  public record Response(CommitmentOutput minimumThroughputBillingCommitment) {}

  public UpdateAccountSettings(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    CommitmentInput input = req.minimumThroughputBillingCommitment();
    if (input == null) {
      throw validation(null, "minimumThroughputBillingCommitment", "Member must not be null");
    }
    if (input.status() == null) {
      throw validation(null, "minimumThroughputBillingCommitment.status", "Member must not be null");
    }
    if (!input.status().equals("ENABLED") && !input.status().equals("DISABLED")) {
      throw validation(input.status(), "minimumThroughputBillingCommitment.status",
          "Member must satisfy enum value set: [ENABLED, DISABLED]");
    }
    long now = now();
    boolean enable = input.status().equals("ENABLED");
    return limited(ctx, null, () -> kinesis.store().commitment(ctx.region(), ctx.account(), enable, now))
        .thenApply(c -> new Response(CommitmentOutput.of(c, now)));
  }
}
