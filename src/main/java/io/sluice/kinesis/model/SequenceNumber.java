package io.sluice.kinesis.model;

/**
 * A record's sequence number: 56 decimal digits, {@code 4}, the shard's index (6), the arrival
 * millisecond (15), the record's number within that millisecond (20) and the stream's generation
 * (14, its creation millisecond). Within a shard they grow with arrival; each names its shard and
 * stream, so one used against another shard is recognised.
 */
public record SequenceNumber(int shardIndex, long millis, long seq, long generation) {
  private static final int LENGTH = 56;

  public String text() {
    return "4" + pad(shardIndex, 6) + pad(millis, 15) + pad(seq, 20) + pad(generation % 100_000_000_000_000L, 14);
  }

  /** The number {@code text} spells, or null if it is not one of ours. */
  public static SequenceNumber parse(String text) {
    if (text == null || text.length() != LENGTH || text.charAt(0) != '4' || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    try {
      return new SequenceNumber(Integer.parseInt(text.substring(1, 7)), Long.parseLong(text.substring(7, 22)),
          Long.parseLong(text.substring(22, 42)), Long.parseLong(text.substring(42, 56)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether this number belongs to the stream of {@code generation}. */
  public boolean ofGeneration(long streamGeneration) {
    return generation == streamGeneration % 100_000_000_000_000L;
  }

  private static String pad(long value, int width) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }
}
