package io.sluice.kinesis.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream as stored. Its first shards split the hash key space evenly; resharding closes shards and
 * adds children (see {@link Shard}), so that its open shards always cover the space once. Its
 * status follows from time:
 * {@code CREATING} until {@code readyMillis}, then {@code ACTIVE}; {@code DELETING} from its deletion
 * until {@code goneMillis}, after which it no longer exists.
 *
 * @param createdMillis    its creation time, which is also its generation (in its sequence numbers,
 *                         iterators and record keys, so a stream created again under the same name
 *                         shares nothing with the old one)
 * @param shards           every shard it has had, by index: open, sealing and closed
 * @param goneMillis       when its deletion completes, or null while it is not being deleted
 * @param settings         what the control plane set, by the keys named here (absent: AWS's default);
 *                         a map so that one store step edits any of them ({@code StreamChange})
 */
public record StreamRecord(StreamId id, long createdMillis, long readyMillis, List<Shard> shards, StreamMode mode,
                           int retentionHours, Map<String, String> tags, Long goneMillis,
                           Map<String, String> settings) {
  /** Setting: the epoch millis until which the stream is UPDATING. */
  public static final String UPDATING_UNTIL = "updatingUntil";
  /** Setting: the largest record in KiB (1024 when absent). */
  public static final String MAX_RECORD_SIZE_KIB = "maxRecordSizeKiB";
  /** Setting key prefix: one per shard-level metric enabled, with an empty value. */
  public static final String METRIC = "metric:";
  /** Setting: the server-side encryption type (KMS), absent when encryption is off. */
  public static final String ENCRYPTION = "encryption";
  /** Setting: the KMS key of server-side encryption. */
  public static final String KEY_ID = "keyId";
  /** Setting: the warm throughput asked for, in MiB/s. */
  public static final String WARM_THROUGHPUT = "warmThroughputMiBps";
  /** Setting: the stream's resource policy (JSON). */
  public static final String POLICY = "policy";
  /** Setting: when UpdateShardCount scaled the stream within the last day, comma-separated epoch millis. */
  public static final String SCALINGS = "scalings";
  /** The largest record size by default, 1 MiB in KiB. */
  public static final int DEFAULT_MAX_RECORD_SIZE_KIB = 1024;

  public StreamRecord {
    shards = List.copyOf(shards);
    tags = Map.copyOf(tags);
    settings = Map.copyOf(settings);
  }

  /** A stream of {@code shardCount} open shards splitting the hash key space evenly. */
  public StreamRecord(StreamId id, long createdMillis, long readyMillis, int shardCount, StreamMode mode,
                      int retentionHours, Map<String, String> tags, Long goneMillis, Map<String, String> settings) {
    this(id, createdMillis, readyMillis, evenShards(shardCount, createdMillis), mode, retentionHours, tags, goneMillis,
        settings);
  }

  /** A stream of {@code shardCount} even shards with no settings. */
  public StreamRecord(StreamId id, long createdMillis, long readyMillis, int shardCount, StreamMode mode,
                      int retentionHours, Map<String, String> tags, Long goneMillis) {
    this(id, createdMillis, readyMillis, shardCount, mode, retentionHours, tags, goneMillis, Map.of());
  }

  /** {@code count} open shards created at {@code createdMillis}, splitting the hash key space evenly. */
  public static List<Shard> evenShards(int count, long createdMillis) {
    List<Shard> shards = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      shards.add(new Shard(i, HashKeys.start(i, count), HashKeys.end(i, count),
          new SequenceNumber(i, createdMillis, 0, createdMillis)));
    }
    return shards;
  }

  public StreamStatus status(long now) {
    if (goneMillis != null) {
      return StreamStatus.DELETING;
    }
    if (now < readyMillis) {
      return StreamStatus.CREATING;
    }
    String updating = settings.get(UPDATING_UNTIL);
    return updating != null && now < Long.parseLong(updating) ? StreamStatus.UPDATING : StreamStatus.ACTIVE;
  }

  /** The largest record (data and partition key) a put may store, in bytes. */
  public int maxRecordBytes() {
    return Integer.parseInt(settings.getOrDefault(MAX_RECORD_SIZE_KIB, "" + DEFAULT_MAX_RECORD_SIZE_KIB)) * 1024;
  }

  /** KMS while server-side encryption is on, else NONE. */
  public String encryptionType() {
    return settings.getOrDefault(ENCRYPTION, "NONE");
  }

  /** The shard-level metrics enabled, by name. */
  public List<String> shardLevelMetrics() {
    return settings.keySet().stream().filter(k -> k.startsWith(METRIC)).map(k -> k.substring(METRIC.length()))
        .sorted().toList();
  }

  /** Whether it still exists at {@code now} (its deletion, if any, has not completed). */
  public boolean exists(long now) {
    return goneMillis == null || now < goneMillis;
  }

  /** Its open shards in hash key order. */
  public List<Shard> openShards() {
    return shards.stream().filter(Shard::open).sorted(Comparator.comparing(Shard::startingHashKey)).toList();
  }

  public int openShardCount() {
    return (int) shards.stream().filter(Shard::open).count();
  }

  /** The open shard whose range holds {@code hashKey}. */
  public Shard openShardOf(BigInteger hashKey) {
    for (Shard s : shards) {
      if (s.open() && s.holds(hashKey)) {
        return s;
      }
    }
    throw new IllegalStateException("no open shard holds " + hashKey + " in " + id);
  }

  /**
   * The shards listed at {@code now}: all but closed ones whose every record is past retention, which
   * drop out of listings as on AWS.
   */
  public List<Shard> listedShards(long now) {
    long since = retainedSince(now);
    return shards.stream().filter(s -> s.endingMillis() == null || s.endingMillis() >= since).toList();
  }

  /** The shards split or merged from shard {@code index}. */
  public List<Shard> children(int index) {
    return shards.stream().filter(s -> s.parent() == index || s.adjacentParent() == index).toList();
  }

  /** This stream with {@code changed} shards in place of those of their index and the others added. */
  public StreamRecord withShards(List<Shard> changed) {
    List<Shard> all = new ArrayList<>(shards);
    for (Shard s : changed) {
      if (s.index() < all.size()) {
        all.set(s.index(), s);
      } else {
        all.add(s);
      }
    }
    return new StreamRecord(id, createdMillis, readyMillis, all, mode, retentionHours, tags, goneMillis, settings);
  }

  /** The tags in key order. */
  public Map<String, String> sortedTags() {
    return new TreeMap<>(tags);
  }

  /** The oldest arrival time a record may have at {@code now} and still be retained. */
  public long retainedSince(long now) {
    return now - retentionHours * 3_600_000L;
  }

  public StreamRecord withRetention(int hours) {
    return new StreamRecord(id, createdMillis, readyMillis, shards, mode, hours, tags, goneMillis, settings);
  }

  public StreamRecord withTags(Map<String, String> newTags) {
    return new StreamRecord(id, createdMillis, readyMillis, shards, mode, retentionHours, newTags, goneMillis,
        settings);
  }

  public StreamRecord withMode(StreamMode newMode) {
    return new StreamRecord(id, createdMillis, readyMillis, shards, newMode, retentionHours, tags, goneMillis,
        settings);
  }

  public StreamRecord withSettings(Map<String, String> newSettings) {
    return new StreamRecord(id, createdMillis, readyMillis, shards, mode, retentionHours, tags, goneMillis,
        newSettings);
  }

  public StreamRecord deletedUntil(long millis) {
    return new StreamRecord(id, createdMillis, readyMillis, shards, mode, retentionHours, tags, millis, settings);
  }
}
