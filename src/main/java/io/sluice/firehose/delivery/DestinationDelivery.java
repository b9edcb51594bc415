package io.sluice.firehose.delivery;

import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Delivers flushed batches to one or more destination kinds ({@link Destination#kind()}:
 * {@code ExtendedS3}, {@code HttpEndpoint}, …). The flush (the {@code Flusher}) calls
 * {@link #attempt} and retries the records it answers failed, with backoff, until
 * {@link #retryDurationMillis} after the first attempt (or its failure, see
 * {@link #retryDurationFromFirstFailure}) or a failure that is not retryable; then it
 * calls {@link #giveUp} with what is left. After a batch is delivered it calls {@link #delivered}
 * (the S3 backup of all data, where the configuration asks for it). The flush moves the
 * destination's cursor past the batch only once these stages completed: a node that dies before
 * delivers the batch again from another node (delivery is at least once, as on AWS).
 *
 * <p>Implementations hold no state of a flush between calls and never block the calling thread.
 */
public interface DestinationDelivery {

  /** The destination kinds this delivers. */
  Set<String> kinds();

  /**
   * One attempt ({@code attempt} from 1). A failed stage counts as every record failed with a
   * retryable error.
   */
  CompletionStage<AttemptResult> attempt(DeliveryBatch batch, int attempt);

  /** How long Firehose retries this destination after the first attempt ({@code RetryOptions}, the kind's default). */
  long retryDurationMillis(Destination destination);

  /**
   * Whether the retry duration starts when the first attempt failed (HTTP endpoint, Splunk: "This
   * duration starts after the initial attempt … fails", API reference, {@code HttpEndpointRetryOptions},
   * {@code SplunkRetryOptions}) rather than when it started (the default; Redshift: "starting from the
   * initial request and including the first attempt").
   */
  default boolean retryDurationFromFirstFailure(Destination destination) {
    return false;
  }

  /**
   * Retries are over: {@code failed} records go where AWS puts them (the S3 backup's error prefix,
   * in AWS's error-output layout for this kind). Completes when they are stored.
   */
  CompletionStage<Void> giveUp(DeliveryBatch batch, List<DeliveryRecord> failed, DeliveryFailure cause, int attempts);

  /**
   * The records a flush read, as they were put, before processing: the source backup where the
   * configuration asks for one (ExtendedS3 {@code S3BackupMode} {@code Enabled}). The flush goes on
   * once it completed.
   */
  default CompletionStage<Void> received(DeliveryStreamRecord stream, Destination destination,
                                         List<BufferedRecord> records, long now) {
    return CompletableFuture.completedFuture(null);
  }

  /** After every record of {@code batch} was delivered: the S3 backup of all data, where configured. */
  default CompletionStage<Void> delivered(DeliveryBatch batch) {
    return CompletableFuture.completedFuture(null);
  }
}
