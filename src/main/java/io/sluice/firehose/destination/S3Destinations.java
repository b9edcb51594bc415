package io.sluice.firehose.destination;

import io.sluice.firehose.delivery.ObjectStore;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The S3 side of Firehose's delivery, built once per node: the {@link S3Writer} every destination
 * writes to S3 with (records, backups, failed records) and the {@link S3Delivery} of the S3
 * destinations, over one {@link ObjectStore}.
 *
 * @param writer   the S3 output of every destination
 * @param delivery the {@code ExtendedS3} and {@code S3} destinations
 */
public record S3Destinations(S3Writer writer, S3Delivery delivery) {

  /** The store on the configured S3 endpoint, if {@code settings} has one; the caller closes it. */
  public static Optional<S3ObjectStore> endpointStore(S3Settings settings) {
    return settings.configured() ? Optional.of(S3ObjectStore.open(settings)) : Optional.empty();
  }

  /** Writer and delivery over {@code store}, compressing on the common fork-join pool. */
  public static S3Destinations create(ObjectStore store, InstantSource clock) {
    return create(store, clock, ForkJoinPool.commonPool());
  }

  /** Writer and delivery over {@code store}, compressing on {@code compressor}. */
  public static S3Destinations create(ObjectStore store, InstantSource clock, Executor compressor) {
    S3Writer writer = new S3Writer(store, new ObjectKeys(), compressor);
    return new S3Destinations(writer, new S3Delivery(writer, clock));
  }
}
