package io.sluice.firehose.delivery;

import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What a flush does to buffered records before a destination sees them, as the destination's
 * {@code ProcessingConfiguration} and {@code DynamicPartitioningConfiguration} say: the Lambda
 * transformation ({@code Ok}, {@code Dropped}, {@code ProcessingFailed}), then, for an S3
 * destination with dynamic partitioning, the partition keys (JQ metadata extraction, inline parsing,
 * or the keys the Lambda returned) and the delimiter. Records it cannot process come back as error
 * lines for {@link S3Output#writeErrors}, with their error-output type.
 */
public interface RecordProcessing {

  /** Processes {@code records} (in buffer order) for {@code destination}; {@code invocationId} is stable across retries. */
  CompletionStage<Processed> process(DeliveryStreamRecord stream, Destination destination, String invocationId,
                                     List<BufferedRecord> records, long now);

  /** Records to deliver, in order, and error lines by error-output type ({@code processing-failed}, …). */
  record Processed(List<DeliveryRecord> records, List<ErrorLine> errors) {
    public Processed {
      records = List.copyOf(records);
      errors = List.copyOf(errors);
    }
  }

  /** One failed record's error-output document and the type it is written under. */
  record ErrorLine(String errorOutputType, byte[] line) {}
}
