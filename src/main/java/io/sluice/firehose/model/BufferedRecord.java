package io.sluice.firehose.model;

/**
 * A record in a delivery stream's buffer: its RecordId, when it arrived and its data as put.
 */
public record BufferedRecord(String recordId, long arrivalMillis, byte[] data) {

  /**
   * The RecordId of the {@code number}th record stored in millisecond {@code arrivalMillis} into the
   * buffer of the stream of generation {@code generation}: unique in the stream, growing in the
   * order records were stored.
   */
  public static String recordId(long generation, long arrivalMillis, long number) {
    return String.format("%015d%020d%014d", arrivalMillis, number, generation);
  }
}
