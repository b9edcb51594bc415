package io.sluice.firehose.source;

import io.sluice.firehose.FirehoseError;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.storage.scheduler.Scheduler;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What CreateDeliveryStream asks of the Kinesis source of a new KinesisStreamAsSource stream: that
 * the Kinesis stream exists ({@link #check}), and that some node reads it ({@link #register}).
 */
public final class KinesisSources {
  private final KinesisCalls kinesis;
  private final Scheduler scheduler;

  public KinesisSources(KinesisCalls kinesis, Scheduler scheduler) {
    this.kinesis = kinesis;
    this.scheduler = scheduler;
  }

  /**
   * Completes if the Kinesis stream {@code source} names exists; fails with
   * InvalidArgumentException if it does not (CreateDeliveryStream has no ResourceNotFoundException)
   * or with the Kinesis call's own error otherwise.
   */
  public CompletionStage<Void> check(SourceStream source) {
    return kinesis.call("DescribeStreamSummary", source.region(), source.account(),
            JsonCodec.json().createObjectNode().put("StreamARN", source.arn()))
        .<Void>thenApply(found -> null)
        .exceptionally(failure -> {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          if (cause instanceof AwsException aws && aws.error().code().equals("ResourceNotFoundException")) {
            throw AwsException.of(FirehoseError.InvalidArgumentException,
                "Kinesis stream %s is not found under account %s.", source.arn(), source.account());
          }
          throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
  }

  /**
   * Adds the new stream's source to the scheduler, due when the stream is ACTIVE, before the stream
   * is stored: no crash leaves a stored source without a reader, and the reader of a stream whose
   * creation then failed finds no stream of its generation and ends
   * ({@link KinesisSourceReader#ORPHAN_MILLIS} after it).
   */
  public CompletionStage<Void> register(DeliveryStreamRecord stream, long now) {
    return scheduler.add(List.of(SourceLeases.item(stream, stream.readyMillis())), now);
  }
}
