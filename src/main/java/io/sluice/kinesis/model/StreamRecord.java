package io.sluice.kinesis.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream as stored. Its shards split the hash key space evenly; its status follows from time:
 * {@code CREATING} until {@code readyMillis}, then {@code ACTIVE}; {@code DELETING} from its deletion
 * until {@code goneMillis}, after which it no longer exists.
 *
 * @param createdMillis    its creation time, which is also its generation (in its sequence numbers,
 *                         iterators and record keys, so a stream created again under the same name
 *                         shares nothing with the old one)
 * @param goneMillis       when its deletion completes, or null while it is not being deleted
 */
public record StreamRecord(StreamId id, long createdMillis, long readyMillis, int shardCount, StreamMode mode,
                           int retentionHours, Map<String, String> tags, Long goneMillis) {

  public StreamRecord {
    tags = Map.copyOf(tags);
  }

  public StreamStatus status(long now) {
    if (goneMillis != null) {
      return StreamStatus.DELETING;
    }
    return now < readyMillis ? StreamStatus.CREATING : StreamStatus.ACTIVE;
  }

  /** Whether it still exists at {@code now} (its deletion, if any, has not completed). */
  public boolean exists(long now) {
    return goneMillis == null || now < goneMillis;
  }

  public List<Shard> shards() {
    List<Shard> shards = new ArrayList<>(shardCount);
    for (int i = 0; i < shardCount; i++) {
      shards.add(new Shard(i, HashKeys.start(i, shardCount), HashKeys.end(i, shardCount),
          new SequenceNumber(i, createdMillis, 0, createdMillis)));
    }
    return shards;
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
    return new StreamRecord(id, createdMillis, readyMillis, shardCount, mode, hours, tags, goneMillis);
  }

  public StreamRecord withTags(Map<String, String> newTags) {
    return new StreamRecord(id, createdMillis, readyMillis, shardCount, mode, retentionHours, newTags, goneMillis);
  }

  public StreamRecord deletedUntil(long millis) {
    return new StreamRecord(id, createdMillis, readyMillis, shardCount, mode, retentionHours, tags, millis);
  }
}
