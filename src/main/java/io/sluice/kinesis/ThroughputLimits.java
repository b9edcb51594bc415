package io.sluice.kinesis;

import io.sluice.kinesis.model.NewRecord;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.storage.limits.RateLimiter;
import io.sluice.storage.limits.RateLimiter.Rate;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Kinesis's per-shard throughput limits and call rates (Developer Guide, "Quotas and limits", and each
 * action's API reference page), counted in a {@link RateLimiter} every node shares, or not at all when
 * {@code sluice.kinesis.throughput-limits} is off. Each limit is a token bucket holding one second of
 * its rate and refilled continuously: a second's worth may arrive in one burst, then no more than the
 * rate. On-demand streams have the same limits per shard as provisioned ones.
 *
 * <p>SubscribeToShard's "one call per second per registered consumer per shard" needs no bucket: the
 * API reference also answers ResourceInUseException to a call within 5 seconds of a successful one,
 * which {@code ConsumerStore.subscribe} enforces on every node, so no two subscriptions of a consumer
 * to a shard start within a second. Enhanced fan-out reads are not counted against GetRecords' limits.
 */
public final class ThroughputLimits {
  /** Records written per shard: 1,000 a second. */
  private static final Rate WRITE_RECORDS = new Rate("records", 1000);
  /** GetRecords per shard: 5 calls and 2 MiB of data a second. */
  public static final List<Rate> READS = List.of(new Rate("calls", 5), new Rate("bytes", 2 << 20));
  /** GetShardIterator: 5 calls a second per account per open shard. */
  public static final List<Rate> ITERATORS = List.of(new Rate("calls", 5));

  /** What a control-plane action's call rate is counted per. */
  public enum Per { ACCOUNT, STREAM }

  /** A control-plane action's call rate. */
  public record Quota(int perSecond, Per per) {}

  /**
   * The call rates of control-plane actions, as each one's API reference states them; actions not
   * listed have none documented.
   */
  public static final Map<String, Quota> CALLS = Map.ofEntries(
      Map.entry("AddTagsToStream", new Quota(5, Per.ACCOUNT)),
      Map.entry("CreateStream", new Quota(5, Per.ACCOUNT)),
      Map.entry("DeleteStream", new Quota(5, Per.ACCOUNT)),
      Map.entry("DeregisterStreamConsumer", new Quota(5, Per.STREAM)),
      Map.entry("DescribeAccountSettings", new Quota(5, Per.ACCOUNT)),
      Map.entry("DescribeLimits", new Quota(1, Per.ACCOUNT)),
      Map.entry("DescribeStream", new Quota(10, Per.ACCOUNT)),
      Map.entry("DescribeStreamConsumer", new Quota(20, Per.STREAM)),
      Map.entry("DescribeStreamSummary", new Quota(20, Per.ACCOUNT)),
      Map.entry("ListShards", new Quota(1000, Per.STREAM)),
      Map.entry("ListStreamConsumers", new Quota(5, Per.STREAM)),
      Map.entry("ListStreams", new Quota(5, Per.ACCOUNT)),
      Map.entry("ListTagsForStream", new Quota(5, Per.ACCOUNT)),
      Map.entry("MergeShards", new Quota(5, Per.ACCOUNT)),
      Map.entry("RegisterStreamConsumer", new Quota(5, Per.ACCOUNT)),
      Map.entry("RemoveTagsFromStream", new Quota(5, Per.ACCOUNT)),
      Map.entry("SplitShard", new Quota(5, Per.ACCOUNT)),
      Map.entry("UpdateAccountSettings", new Quota(5, Per.ACCOUNT)),
      Map.entry("UpdateShardCount", new Quota(10, Per.ACCOUNT)),
      Map.entry("UpdateStreamWarmThroughput", new Quota(5, Per.ACCOUNT)));

  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  private final RateLimiter limiter;
  private final boolean on;
  private final KinesisMeters meters;

  /** Limits counted in {@code limiter} when {@code on}, reporting throttled calls to {@code meters}. */
  public ThroughputLimits(RateLimiter limiter, boolean on, KinesisMeters meters) {
    this.limiter = limiter;
    this.on = on;
    this.meters = meters;
  }

  /**
   * Which of {@code records} (in order, all for {@code shard}) may be written now: each is taken
   * while the shard's buckets hold it, so only the records past the limit fail.
   */
  public CompletionStage<List<Boolean>> write(StreamRecord stream, int shard, List<NewRecord> records, long now) {
    if (!on) {
      return CompletableFuture.completedFuture(Collections.nCopies(records.size(), true));
    }
    // 1 MiB a second, bursting up to the stream's largest record: "To accommodate large records, a
    // Kinesis data stream can burst up to 10 MiBs, while averaging 1 MiB per second" (Developer Guide,
    // "Handle large records").
    List<Rate> rates = List.of(WRITE_RECORDS, new Rate("bytes", 1 << 20, Math.max(1 << 20, stream.maxRecordBytes())));
    List<long[]> costs = new ArrayList<>(records.size());
    for (NewRecord r : records) {
      costs.add(new long[] {1, r.data().length + (long) r.partitionKey().length()});
    }
    return limiter.take(shardTag(stream, shard), "write", rates, costs, now);
  }

  /** AWS's message for a write past a shard's limit (PutRecord's error, PutRecords' ErrorMessage). */
  public static String writeExceeded(StreamRecord stream, int shard) {
    return String.format("Rate exceeded for shard %s in stream %s under account %s.", Shard.id(shard),
        stream.id().name(), stream.id().account());
  }

  /**
   * Admits a GetRecords of the shard, or fails with ProvisionedThroughputExceededException: at most 5
   * a second, and none while the data read before is more than the shard's 2 MiB a second has made up
   * for (see {@link #read(StreamRecord, int, long, long)}).
   */
  public CompletionStage<Void> read(StreamRecord stream, int shard, long now) {
    return admit(shardTag(stream, shard), "read", READS, new long[] {1, 0}, now, () -> {
      meters.readExceeded(stream, shard);
      return AwsException.of(KinesisError.ProvisionedThroughputExceededException, "Rate exceeded for Shard - %s/%s/%s",
          stream.id().account(), stream.id().name(), Shard.id(shard));
    });
  }

  /**
   * Counts {@code bytes} read from the shard against its 2 MiB a second. The charge may exceed what the
   * bucket holds: "If a call returns 10 MiB, subsequent calls made within the next 5 seconds throw
   * ProvisionedThroughputExceededException" (API reference, GetRecords).
   */
  public CompletionStage<Void> read(StreamRecord stream, int shard, long bytes, long now) {
    if (!on || bytes == 0) {
      return DONE;
    }
    return limiter.charge(shardTag(stream, shard), "read", READS, new long[] {0, bytes}, now);
  }

  /** Admits a GetShardIterator of the shard by the caller, or fails with ProvisionedThroughputExceededException. */
  public CompletionStage<Void> iterator(RequestContext ctx, StreamRecord stream, int shard, long now) {
    return admit(shardTag(stream, shard), "iterator:" + ctx.account(), ITERATORS, new long[] {1}, now,
        () -> AwsException.of(KinesisError.ProvisionedThroughputExceededException, writeExceeded(stream, shard)));
  }

  /**
   * Admits a call of a control-plane {@code action} by the caller on {@code stream} (null for actions
   * of the account), or fails with LimitExceededException past the action's rate ({@link #CALLS}).
   */
  public CompletionStage<Void> call(RequestContext ctx, String action, StreamId stream, long now) {
    Quota quota = CALLS.get(action);
    if (quota == null || (quota.per() == Per.STREAM && stream == null)) {
      return DONE;
    }
    boolean perStream = quota.per() == Per.STREAM;
    return admit(perStream ? streamTag(stream) : "idx:" + ctx.region() + "/" + ctx.account(), "api:" + action,
        List.of(new Rate("calls", quota.perSecond())), new long[] {1}, now, () -> perStream
            ? AwsException.of(KinesisError.LimitExceededException, "Rate exceeded for stream %s under account %s.",
                stream.name(), stream.account())
            : AwsException.of(KinesisError.LimitExceededException, "Rate exceeded for %s under account %s.", action,
                ctx.account()));
  }

  /** Takes {@code cost} from the group's buckets, or fails with {@code refusal}'s error; nothing when off. */
  private CompletionStage<Void> admit(String tag, String group, List<Rate> rates, long[] cost, long now,
                                      Supplier<AwsException> refusal) {
    if (!on) {
      return DONE;
    }
    return limiter.take(tag, group, rates, List.<long[]>of(cost), now).thenAccept(taken -> {
      if (!taken.getFirst()) {
        throw refusal.get();
      }
    });
  }

  /** The hash tag of a shard's records, so its limits live in its slot. */
  private static String shardTag(StreamRecord stream, int shard) {
    StreamId id = stream.id();
    return "shard:" + id.region() + "/" + id.account() + "/" + id.name() + "/" + stream.createdMillis() + "/" + shard;
  }

  /** The hash tag of a stream's metadata. */
  private static String streamTag(StreamId id) {
    return "stream:" + id.region() + "/" + id.account() + "/" + id.name();
  }
}
