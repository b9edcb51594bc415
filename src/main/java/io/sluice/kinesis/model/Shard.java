package io.sluice.kinesis.model;

import java.math.BigInteger;

/**
 * One shard of a stream: its index, id ({@code shardId-000000000000}), hash key range, the shards it
 * was split or merged from, and whether it is closed. A reshard closes its parents at once
 * ({@code closedMillis}: no put is routed to them any more) and seals each in its own store step
 * ({@code endingMillis}: no record is stored after it); between the two a parent is "sealing".
 * A shard created and closed in one change (an intermediate shard of UpdateShardCount) is born
 * sealed and never holds a record.
 *
 * @param parent         the index of the shard it was split from or merged into, or -1
 * @param adjacentParent the index of the other shard it was merged from, or -1
 * @param closedMillis   when a reshard closed it, or null while it is open
 * @param endingMillis   the arrival millisecond of its end (every record of it arrived at or before
 *                       it), or null while it is open or sealing
 */
public record Shard(int index, BigInteger startingHashKey, BigInteger endingHashKey,
                    SequenceNumber startingSequenceNumber, int parent, int adjacentParent, Long closedMillis,
                    Long endingMillis) {

  /** An open shard without parents (one of a stream's first shards). */
  public Shard(int index, BigInteger startingHashKey, BigInteger endingHashKey,
               SequenceNumber startingSequenceNumber) {
    this(index, startingHashKey, endingHashKey, startingSequenceNumber, -1, -1, null, null);
  }

  public String id() {
    return id(index);
  }

  public boolean open() {
    return closedMillis == null;
  }

  /** Closed by a reshard but not yet sealed: records may still be stored up to its seal. */
  public boolean sealing() {
    return closedMillis != null && endingMillis == null;
  }

  /** Whether {@code hashKey} lies in its range. */
  public boolean holds(BigInteger hashKey) {
    return startingHashKey.compareTo(hashKey) <= 0 && hashKey.compareTo(endingHashKey) <= 0;
  }

  /** Its last sequence number once sealed (after every record it holds), else null. */
  public SequenceNumber endingSequenceNumber() {
    return endingMillis == null ? null : new SequenceNumber(index, endingMillis, Long.MAX_VALUE,
        startingSequenceNumber.generation());
  }

  /** Whether it has been open at some time in {@code from..to} (inclusive). */
  public boolean openBetween(long from, long to) {
    return startingSequenceNumber.millis() <= to && (closedMillis == null || closedMillis >= from);
  }

  /** This shard closed at {@code millis}, sealing. */
  public Shard closedAt(long millis) {
    return new Shard(index, startingHashKey, endingHashKey, startingSequenceNumber, parent, adjacentParent, millis,
        null);
  }

  /** This shard sealed with its end at {@code millis}. */
  public Shard sealedAt(long millis) {
    return new Shard(index, startingHashKey, endingHashKey, startingSequenceNumber, parent, adjacentParent,
        closedMillis, millis);
  }

  /** The id of shard {@code index}. */
  public static String id(int index) {
    String digits = Integer.toString(index);
    return "shardId-" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
  }

  /** The index a shard id names, or -1 if it is not a shard id. */
  public static int indexOf(String shardId) {
    if (shardId == null || !shardId.matches("shardId-\\d{12}")) {
      return -1;
    }
    long index = Long.parseLong(shardId.substring("shardId-".length()));
    return index > Integer.MAX_VALUE ? -1 : (int) index;
  }
}
