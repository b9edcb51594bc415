package io.sluice.firehose;

import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.store.DeliveryStreamStore;
import io.sluice.storage.limits.RateLimiter;
import io.sluice.storage.limits.RateLimiter.Rate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Direct PUT quota of a delivery stream, PutRecord and PutRecordBatch combined (Firehose
 * Developer Guide, "Amazon Data Firehose Quota"): in US East (N. Virginia), US West (Oregon) and
 * Europe (Ireland) 500,000 records, 2,000 requests and 5 MiB a second; in other regions 100,000
 * records, 1,000 requests and 1 MiB a second. Each is a token bucket holding one second of its rate,
 * counted in a {@link RateLimiter} every node shares (on Redis beside the stream, under its tag).
 * Past it, a call is refused with ServiceUnavailableException ("Slow down.") and, within a batch,
 * each record that no longer fits gets that error code. Off with {@code sluice.firehose.direct-put-quota}.
 */
public final class DirectPutQuota {
  private static final Set<String> LARGE_REGIONS = Set.of("us-east-1", "us-west-2", "eu-west-1");
  private static final long MIB = 1024L * 1024;

  private final RateLimiter limiter;
  private final boolean on;

  public DirectPutQuota(RateLimiter limiter, boolean on) {
    this.limiter = limiter;
    this.on = on;
  }

  /** The quota's buckets in {@code region}: requests, records and bytes per second. */
  static List<Rate> rates(String region) {
    boolean large = LARGE_REGIONS.contains(region);
    return List.of(new Rate("requests", large ? 2_000 : 1_000), new Rate("records", large ? 500_000 : 100_000),
        new Rate("bytes", (large ? 5 : 1) * MIB));
  }

  /**
   * Takes one request and then each record of {@code records} in order: whether each record fits
   * (all true when the quota is off). ServiceUnavailableException when the request itself does not.
   */
  public CompletionStage<List<Boolean>> admit(DeliveryStreamId stream, List<byte[]> records, long now) {
    if (!on) {
      List<Boolean> all = new ArrayList<>(records.size());
      records.forEach(r -> all.add(true));
      return CompletableFuture.completedFuture(all);
    }
    // The request is asked last: the records before it then fit only while the request bucket is
    // not empty, so a call refused for its request takes no record either.
    List<long[]> costs = new ArrayList<>(records.size() + 1);
    for (byte[] r : records) {
      costs.add(new long[] {0, 1, r.length});
    }
    costs.add(new long[] {1, 0, 0});
    return limiter.take(DeliveryStreamStore.flushPartition(stream), "directput", rates(stream.region()), costs, now)
        .thenApply(taken -> {
          if (!taken.get(records.size())) {
            throw slowDown();
          }
          return taken.subList(0, records.size());
        });
  }

  public static io.sluice.protocol.AwsException slowDown() {
    return io.sluice.protocol.AwsException.of(FirehoseError.ServiceUnavailableException, "Slow down.");
  }
}
