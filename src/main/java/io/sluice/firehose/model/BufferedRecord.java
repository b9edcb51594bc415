package io.sluice.firehose.model;

/**
 * A record in a delivery stream's buffer: its RecordId, when it arrived and its data as put; for a
 * record read from a Kinesis source, where it came from ({@code kinesis}, else null) and its arrival
 * is its Kinesis arrival.
 */
public record BufferedRecord(String recordId, long arrivalMillis, byte[] data, KinesisRecordMetadata kinesis) {

  /** A record put directly. */
  public BufferedRecord(String recordId, long arrivalMillis, byte[] data) {
    this(recordId, arrivalMillis, data, null);
  }

  /**
   * The RecordId of the {@code number}th record stored in millisecond {@code arrivalMillis} into the
   * buffer of the stream of generation {@code generation}: unique in the stream, growing in the
   * order records were stored.
   */
  public static String recordId(long generation, long arrivalMillis, long number) {
    return String.format("%015d%020d%014d", arrivalMillis, number, generation);
  }
}
