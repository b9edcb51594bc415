package io.sluice.firehose.delivery;

import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Records delivered as they were put: the processing of a destination without processors. */
public final class Unprocessed implements RecordProcessing {

  @Override
  public CompletionStage<Processed> process(DeliveryStreamRecord stream, Destination destination, String invocationId,
                                            List<BufferedRecord> records, long now) {
    return CompletableFuture.completedFuture(new Processed(
        records.stream().map(r -> DeliveryRecord.of(r.recordId(), r.arrivalMillis(), r.data())).toList(), List.of()));
  }
}
