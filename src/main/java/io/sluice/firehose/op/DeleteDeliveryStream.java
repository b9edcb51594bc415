package io.sluice.firehose.op;

import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * DeleteDeliveryStream: DELETING for the configured delay, then gone and its name free; its buffered
 * records are dropped at once, as AWS stops delivering on deletion. A stream still CREATING is
 * deleted too. {@code AllowForceDelete} is accepted: Sluice holds no KMS grant whose retirement could
 * fail, so every deletion succeeds as a forced one would.
 */
public final class DeleteDeliveryStream extends FirehoseOperation<DeleteDeliveryStream.Request, Void> {

  public record Request(String deliveryStreamName, Boolean allowForceDelete) {}

  public DeleteDeliveryStream(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    long now = now();
    return firehose.store().delete(id(ctx, req.deliveryStreamName()), now + firehose.config().deleteDelayMs(), now)
        .thenApply(deleted -> {
          if (deleted.isEmpty()) {
            throw notFound(id(ctx, req.deliveryStreamName()));
          }
          return null;
        });
  }
}
