package io.sluice.firehose.delivery;

import io.sluice.firehose.delivery.RecordProcessing.Processed;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import java.util.List;

/** What a flush reports as it goes (Firehose's delivery metrics); called on the flush's thread, must not block. */
public interface FlushListener {

  /** {@code records} read from the buffer were processed into {@code processed}. */
  default void processed(DeliveryStreamRecord stream, Destination destination, List<BufferedRecord> records,
                         Processed processed) {}

  /** An attempt to deliver {@code sent} of {@code batch} ended at {@code now} with {@code result}. */
  default void attempted(DeliveryBatch batch, List<DeliveryRecord> sent, AttemptResult result, long now) {}

  FlushListener NONE = new FlushListener() { };
}
