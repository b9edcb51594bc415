package io.sluice.firehose.op;

import io.sluice.firehose.Destinations;
import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.model.Encryption;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * StopDeliveryStreamEncryption: DISABLING for the configured delay, then DISABLED; nothing changes on
 * a stream that is not encrypted. Counts toward the 25 Start and Stop calls per 24 hours.
 */
public final class StopDeliveryStreamEncryption extends FirehoseOperation<StopDeliveryStreamEncryption.Request, Void> {

  public record Request(String deliveryStreamName) {}

  public StopDeliveryStreamEncryption(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return change(ctx, req.deliveryStreamName(), s -> {
      if (!s.type().equals("DirectPut")) {
        throw Destinations.invalid("This operation is not supported for a %s delivery stream; server-side "
            + "encryption is only for DirectPut streams.", s.type());
      }
      long now = now();
      Encryption e = s.encryption();
      if (e == null || !e.enabled()) {
        return s;
      }
      return s.withEncryption(new Encryption(false, e.keyType(), e.keyArn(), now,
          StartDeliveryStreamEncryption.recentCalls(s, now)));
    }).thenApply(s -> null);
  }
}
