package io.sluice.kinesis;

import io.sluice.kinesis.model.ConsumerRecord;
import io.sluice.kinesis.model.StreamNames;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Base of the enhanced fan-out operations: the consumer a request names, by its ARN or by stream and name. */
public abstract class ConsumerOperation<Q, R> extends KinesisOperation<Q, R> {

  /** A consumer as the API describes it ({@code Consumer} and {@code ConsumerDescription}). */
  public record Consumer(String consumerName, String consumerARN, String consumerStatus,
                         Instant consumerCreationTimestamp, String streamARN) {
    public static Consumer of(ConsumerRecord c, long now, boolean withStream) {
      return new Consumer(c.name(), c.arn(), c.status(now), Instant.ofEpochMilli(c.createdMillis()),
          withStream ? c.stream().arn() : null);
    }
  }

  /** A consumer and the stream it reads. */
  public record Found(StreamRecord stream, ConsumerRecord consumer) {}

  protected ConsumerOperation(KinesisServices kinesis) {
    super(kinesis);
  }

  /**
   * The consumer named by {@code consumerArn}, or by {@code streamArn} and {@code consumerName};
   * ResourceNotFoundException if it or its stream does not exist.
   */
  protected CompletionStage<Found> consumer(RequestContext ctx, String streamArn, String consumerName,
                                            String consumerArn) {
    String name;
    String stream;
    long creationSeconds = -1;
    if (consumerArn != null) {
      ConsumerRecord.Arn arn = ConsumerRecord.Arn.parse(consumerArn);
      if (arn == null) {
        throw validation(consumerArn, "consumerARN", "Member must satisfy regular expression pattern: "
            + "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");
      }
      name = arn.name();
      stream = arn.stream().arn();
      creationSeconds = arn.creationSeconds();
    } else if (streamArn != null && consumerName != null) {
      name = consumerName(consumerName);
      stream = streamArn;
    } else {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "Either ConsumerARN or both ConsumerName and StreamARN should be provided.");
    }
    long seconds = creationSeconds;
    String shown = consumerArn != null ? consumerArn : name;
    return stream(ctx, null, stream).thenCompose(s -> kinesis.consumers()
        .find(s.id(), s.createdMillis(), name, now())
        .thenApply(found -> found.filter(c -> seconds < 0 || c.createdMillis() / 1000 == seconds)
            .map(c -> new Found(s, c))
            .orElseThrow(() -> AwsException.of(KinesisError.ResourceNotFoundException,
                "Consumer %s under stream %s not found.", shown, s.id().arn()))));
  }

  /** {@code name}, if it is a valid consumer name. */
  protected static String consumerName(String name) {
    if (!StreamNames.valid(name)) {
      throw validation(name, "consumerName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
    return name;
  }
}
