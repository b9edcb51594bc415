package io.sluice.firehose.destination;

import io.sluice.firehose.Destinations;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.Destination;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the HTTP endpoint and Splunk destinations write to their {@code S3Configuration}: failed
 * records as error output, delivered ones when {@code S3BackupMode} backs up all; and their
 * {@code RetryOptions}.
 */
final class EndpointS3Writes {

  private EndpointS3Writes() {}

  /** {@code RetryOptions.DurationInSeconds} in milliseconds, {@code defaultSeconds} when not given. */
  static long retryDurationMillis(Destination destination, long defaultSeconds) {
    return destination.config().path("RetryOptions").path("DurationInSeconds").asLong(defaultSeconds) * 1000;
  }

  /** Writes {@code failed} as error output of {@code errorOutputType} under the error prefix. */
  static CompletionStage<Void> failed(S3Output s3, DeliveryBatch batch, String errorOutputType,
                                      List<DeliveryRecord> failed, DeliveryFailure cause, int attempts, long now) {
    return s3.writeErrors(batch.stream(), Destinations.s3ConfigurationOf(batch.destination()), errorOutputType,
        EndpointErrorOutput.lines(errorOutputType, failed, attempts, cause, now), now);
  }

  /** Writes the delivered {@code batch} to S3 if its {@code S3BackupMode} is {@code allMode}. */
  static CompletionStage<Void> delivered(S3Output s3, DeliveryBatch batch, String allMode, long now) {
    if (!allMode.equals(batch.destination().config().path("S3BackupMode").asText())) {
      return CompletableFuture.completedFuture(null);
    }
    return s3.writeRecords(batch.stream(), Destinations.s3ConfigurationOf(batch.destination()), batch.records(), now)
        .thenApply(written -> null);
  }
}
