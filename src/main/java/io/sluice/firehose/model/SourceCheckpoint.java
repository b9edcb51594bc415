package io.sluice.firehose.model;

/**
 * How far a KinesisStreamAsSource delivery stream has read one shard of its Kinesis stream into its
 * buffer: the sequence number of the last record read (null before the first) and whether the
 * shard was read to its end (a closed shard whose GetRecords answered no next iterator), after
 * which its children may be read. Stored as one string ({@link #encode}).
 */
public record SourceCheckpoint(String sequenceNumber, boolean ended) {

  /** The checkpoint of a shard not read yet. */
  public static final SourceCheckpoint NONE = new SourceCheckpoint(null, false);

  /** This checkpoint as stored: the sequence number, empty if none, then {@code /end} once ended. */
  public String encode() {
    return (sequenceNumber == null ? "" : sequenceNumber) + (ended ? "/end" : "");
  }

  /** The checkpoint {@link #encode} wrote; null or empty for {@link #NONE}. */
  public static SourceCheckpoint decode(String stored) {
    if (stored == null || stored.isEmpty()) {
      return NONE;
    }
    boolean ended = stored.endsWith("/end");
    String sequence = ended ? stored.substring(0, stored.length() - 4) : stored;
    return new SourceCheckpoint(sequence.isEmpty() ? null : sequence, ended);
  }
}
