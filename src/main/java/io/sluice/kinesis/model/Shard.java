package io.sluice.kinesis.model;

import java.math.BigInteger;

/** One shard of a stream: its index, id ({@code shardId-000000000000}) and hash key range. */
public record Shard(int index, BigInteger startingHashKey, BigInteger endingHashKey,
                    SequenceNumber startingSequenceNumber) {

  public String id() {
    return id(index);
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
