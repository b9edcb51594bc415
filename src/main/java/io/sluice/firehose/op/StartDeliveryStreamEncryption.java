package io.sluice.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.Destinations;
import io.sluice.firehose.FirehoseError;
import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Encryption;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * StartDeliveryStreamEncryption: ENABLING for the configured delay, then ENABLED; again on an
 * encrypted stream it changes the key. Only for DirectPut streams (InvalidArgumentException
 * otherwise); a customer managed key needs an ARN in the stream's region (InvalidKMSResourceException
 * for another region's key); 25 Start and Stop calls per stream in 24 hours, then LimitExceededException
 * (API reference, StartDeliveryStreamEncryption).
 */
public final class StartDeliveryStreamEncryption
    extends FirehoseOperation<StartDeliveryStreamEncryption.Request, Void> {
  /** Start and Stop calls a stream allows in 24 hours. */
  public static final int CALLS_PER_DAY = 25;
  private static final long DAY = 24 * 3_600_000L;

  public record Request(String deliveryStreamName, JsonNode deliveryStreamEncryptionConfigurationInput) {}

  public StartDeliveryStreamEncryption(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    JsonNode input = req.deliveryStreamEncryptionConfigurationInput();
    String keyType = input == null ? "AWS_OWNED_CMK" : input.path("KeyType").asText();
    String keyArn = input == null ? null : input.path("KeyARN").asText(null);
    return change(ctx, req.deliveryStreamName(), s -> {
      if (!s.type().equals("DirectPut")) {
        throw Destinations.invalid("This operation is not supported for a %s delivery stream; server-side "
            + "encryption is only for DirectPut streams.", s.type());
      }
      long now = now();
      return s.withEncryption(enabled(ctx, keyType, keyArn, now, recentCalls(s, now)));
    }).thenApply(s -> null);
  }

  /** The Start and Stop calls of the last 24 hours with one more now; LimitExceededException past 25. */
  static List<Long> recentCalls(DeliveryStreamRecord s, long now) {
    List<Long> calls = new ArrayList<>();
    if (s.encryption() != null) {
      s.encryption().calls().stream().filter(t -> t > now - DAY).forEach(calls::add);
    }
    if (calls.size() >= CALLS_PER_DAY) {
      throw AwsException.of(FirehoseError.LimitExceededException, "Start/StopDeliveryStreamEncryption may be "
          + "called %d times per delivery stream in 24 hours.", CALLS_PER_DAY);
    }
    calls.add(now);
    return calls;
  }

  /** Encryption enabled now with {@code keyType} and {@code keyArn}, checked as AWS checks them. */
  static Encryption enabled(RequestContext ctx, String keyType, String keyArn, long now, List<Long> calls) {
    if (keyType.equals("CUSTOMER_MANAGED_CMK")) {
      if (keyArn == null) {
        throw Destinations.invalid("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
      }
      String[] parts = keyArn.split(":", 6);
      if (parts.length < 6 || !parts[3].equals(ctx.region())) {
        throw AwsException.of(FirehoseError.InvalidKMSResourceException,
            "The KMS key %s is not in the delivery stream's region %s.", keyArn, ctx.region());
      }
    } else if (keyArn != null) {
      throw Destinations.invalid("KeyARN must not be specified when KeyType is AWS_OWNED_CMK.");
    }
    return new Encryption(true, keyType, keyArn, now, calls);
  }
}
