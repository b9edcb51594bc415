package io.sluice.firehose.delivery;

import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import java.util.List;

/**
 * One flush of one destination: records in buffer order, after processing. {@code batchId} is the
 * same for every attempt of this flush, on any node (it is derived from the stream generation, the
 * destination and the first record's id); the HTTP endpoint's {@code X-Amz-Firehose-Request-Id} is
 * derived from it.
 * {@code firstAttemptMillis} is when the first attempt started (a retry's deadline counts from it,
 * or from its failure: {@link DestinationDelivery#retryDurationFromFirstFailure}).
 */
public record DeliveryBatch(DeliveryStreamRecord stream, Destination destination, String batchId,
                            long firstAttemptMillis, List<DeliveryRecord> records) {

  public DeliveryBatch {
    records = List.copyOf(records);
  }

  /** This flush with only {@code remaining} of its records (a retry of those that failed). */
  public DeliveryBatch with(List<DeliveryRecord> remaining) {
    return new DeliveryBatch(stream, destination, batchId, firstAttemptMillis, remaining);
  }

  /** The records' total size in bytes. */
  public long bytes() {
    long n = 0;
    for (DeliveryRecord r : records) {
      n += r.data().length;
    }
    return n;
  }
}
