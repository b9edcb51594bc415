package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.DestinationDelivery;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Delivery to the {@code ExtendedS3} and {@code S3} destinations: an attempt writes the batch with
 * {@link S3Output#writeRecords} under the destination's own configuration, one partition (one
 * object) at a time; the records of the partitions that failed are answered failed.
 *
 * <p>Retries (developer guide, "Handle data delivery failure", Amazon S3): Firehose retries S3 for
 * up to 24 hours, its longest retention, and data still undelivered then is lost; with dynamic
 * partitioning, for the {@code DynamicPartitioningConfiguration.RetryOptions} duration (300 s by
 * default). {@link #giveUp} therefore writes nothing (the destination is the S3 bucket that failed;
 * there is no other place AWS puts it): it logs the loss once per batch.
 *
 * <p>{@link #backupSource} writes the source records of an {@code ExtendedS3} destination with
 * {@code S3BackupMode} {@code Enabled} to its {@code S3BackupConfiguration}, as they were before
 * transformation.
 */
public final class S3Delivery implements DestinationDelivery {
  private static final Logger LOG = Logger.getLogger(S3Delivery.class.getName());
  /** How long Firehose retries S3 without dynamic partitioning: its 24-hour retention. */
  static final long S3_RETRY_MILLIS = Duration.ofHours(24).toMillis();
  /** The dynamic-partitioning retry duration when RetryOptions gives none (the console's default). */
  static final int PARTITIONING_RETRY_SECONDS = 300;

  private final S3Output output;
  private final InstantSource clock;

  public S3Delivery(S3Output output, InstantSource clock) {
    this.output = output;
    this.clock = clock;
  }

  @Override
  public Set<String> kinds() {
    return Set.of("ExtendedS3", "S3");
  }

  /**
   * Writes each partition (records with the same partition keys: one object) on its own, so that a
   * retry writes again only the partitions that failed, as Firehose retries per S3 prefix.
   */
  @Override
  public CompletionStage<AttemptResult> attempt(DeliveryBatch batch, int attempt) {
    Map<Map<String, String>, List<DeliveryRecord>> partitions = new LinkedHashMap<>();
    for (DeliveryRecord r : batch.records()) {
      partitions.computeIfAbsent(r.partitionKeys(), k -> new ArrayList<>()).add(r);
    }
    long now = clock.millis();
    List<CompletableFuture<DeliveryFailure>> writes = new ArrayList<>();
    for (List<DeliveryRecord> partition : partitions.values()) {
      CompletionStage<?> written;
      try {
        written = output.writeRecords(batch.stream(), batch.destination().config(), partition, now);
      } catch (RuntimeException e) {
        written = CompletableFuture.failedFuture(e);
      }
      writes.add(written.handle((ok, e) -> e == null ? (DeliveryFailure) null : failure(e)).toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(all -> {
      Set<Map<String, String>> failedPartitions = new HashSet<>();
      DeliveryFailure cause = null;
      int i = 0;
      for (Map<String, String> keys : partitions.keySet()) {
        DeliveryFailure f = writes.get(i++).join();
        if (f != null) {
          failedPartitions.add(keys);
          // A failure no retry can fix ends the retries of the rest too: report it over retryable ones.
          cause = cause == null || (cause.retryable() && !f.retryable()) ? f : cause;
        }
      }
      if (cause == null) {
        return AttemptResult.delivered();
      }
      List<DeliveryRecord> failed = batch.records().stream()
          .filter(r -> failedPartitions.contains(r.partitionKeys())).toList();
      return AttemptResult.failed(failed, cause);
    });
  }

  @Override
  public long retryDurationMillis(Destination destination) {
    JsonNode partitioning = destination.config().path("DynamicPartitioningConfiguration");
    if (partitioning.path("Enabled").asBoolean(false)) {
      return partitioning.path("RetryOptions").path("DurationInSeconds").asInt(PARTITIONING_RETRY_SECONDS) * 1000L;
    }
    return S3_RETRY_MILLIS;
  }

  @Override
  public CompletionStage<Void> giveUp(DeliveryBatch batch, List<DeliveryRecord> failed, DeliveryFailure cause,
                                      int attempts) {
    LOG.warning(() -> String.format("Firehose stream %s dropped %d records for %s after %d attempts to S3: %s %s",
        batch.stream().id().arn(), failed.size(), batch.destination().id(), attempts,
        cause == null ? "" : cause.errorCode(), cause == null ? "" : cause.getMessage()));
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The backup of the source records: where {@code destination} is ExtendedS3 with
   * {@code S3BackupMode} {@code Enabled}, {@code records} as they were put (before any
   * transformation) under the {@code S3BackupConfiguration}'s prefix (its {@code ErrorOutputPrefix}
   * is not used for this); otherwise nothing.
   */
  @Override
  public CompletionStage<Void> received(DeliveryStreamRecord stream, Destination destination,
                                        List<BufferedRecord> records, long now) {
    return backupSource(stream, destination, records, now);
  }

  public CompletionStage<Void> backupSource(DeliveryStreamRecord stream, Destination destination,
                                            List<BufferedRecord> records, long now) {
    JsonNode backup = destination.config().path("S3BackupConfiguration");
    if (!"Enabled".equals(destination.config().path("S3BackupMode").asText()) || !backup.isObject()) {
      return CompletableFuture.completedFuture(null);
    }
    List<DeliveryRecord> source = records.stream()
        .map(r -> DeliveryRecord.of(r.recordId(), r.arrivalMillis(), r.data())).toList();
    return output.writeRecords(stream, (ObjectNode) backup, source, now).thenApply(urls -> null);
  }

  private static DeliveryFailure failure(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause instanceof DeliveryFailure f ? f : S3ObjectStore.failure(cause);
  }
}
