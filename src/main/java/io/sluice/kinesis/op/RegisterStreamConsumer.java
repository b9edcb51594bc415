package io.sluice.kinesis.op;

import io.sluice.kinesis.ConsumerOperation;
import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.model.ConsumerRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.sluice.kinesis.store.ConsumerStore.Registered;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * RegisterStreamConsumer: a new enhanced fan-out consumer of an ACTIVE stream, CREATING for the
 * configured creation delay, then ACTIVE. At most {@link #MAX_CONSUMERS} per stream (LimitExceeded);
 * a name in use, even by a consumer being deregistered, is ResourceInUse.
 */
public final class RegisterStreamConsumer
    extends ConsumerOperation<RegisterStreamConsumer.Request, RegisterStreamConsumer.Response> {
  /** Consumers a stream may have (Quotas and limits: 20 registered consumers per data stream). */
  public static final int MAX_CONSUMERS = 20;

  public record Request(String streamARN, String consumerName, Map<String, String> tags) {}

  public record Response(Consumer consumer) {}

  public RegisterStreamConsumer(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.streamARN() == null) {
      throw validation(null, "streamARN", "Member must not be null");
    }
    if (req.consumerName() == null) {
      throw validation(null, "consumerName", "Member must not be null");
    }
    String name = consumerName(req.consumerName());
    long now = now();
    return stream(ctx, null, req.streamARN()).thenCompose(stream -> {
      if (stream.status(now) != StreamStatus.ACTIVE) {
        throw AwsException.of(KinesisError.ResourceInUseException, "Stream %s under account %s not ACTIVE, instead "
            + "in state %s", stream.id().name(), stream.id().account(), stream.status(now));
      }
      ConsumerRecord consumer = new ConsumerRecord(stream.id(), stream.createdMillis(), name, now,
          now + kinesis.config().createDelayMs(), null);
      return kinesis.consumers().register(consumer, MAX_CONSUMERS, now).thenApply(result -> switch (result) {
        case STORED -> new Response(Consumer.of(consumer, now, false));
        case NAME_IN_USE -> throw AwsException.of(KinesisError.ResourceInUseException,
            "Consumer %s under stream %s already exists for account %s.", name, stream.id().name(),
            stream.id().account());
        case LIMIT_REACHED -> throw AwsException.of(KinesisError.LimitExceededException,
            "Stream %s under account %s has reached the limit of %d registered consumers.", stream.id().name(),
            stream.id().account(), MAX_CONSUMERS);
      });
    });
  }
}
