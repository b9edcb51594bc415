package io.sluice.kinesis.model;

/**
 * A place in a shard, between or at records: records are ordered by their arrival millisecond and
 * their number within it. {@code inclusive} says whether a record at exactly this point is read.
 */
public record Position(long millis, long seq, boolean inclusive) {
  /** Before every record of a shard. */
  public static final Position START = new Position(0, 0, true);

  /** Just after the record at {@code millis}/{@code seq}. */
  public static Position after(long millis, long seq) {
    return new Position(millis, seq, false);
  }

  /** At the record at {@code millis}/{@code seq}, or the first one after where there is none. */
  public static Position at(long millis, long seq) {
    return new Position(millis, seq, true);
  }

  /** Whether a record at {@code millis}/{@code seq} lies at or after this position. */
  public boolean admits(long recordMillis, long recordSeq) {
    int c = recordMillis != millis ? Long.compare(recordMillis, millis) : Long.compare(recordSeq, seq);
    return inclusive ? c >= 0 : c > 0;
  }
}
