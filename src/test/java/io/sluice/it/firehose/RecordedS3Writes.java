package io.sluice.it.firehose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.DeliveryStreamRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An {@link S3Output} that keeps what it is asked to write, for tests of destinations' backups and failures. */
final class RecordedS3Writes implements S3Output {

  /** One call: {@code errorOutputType} null for records, the records' data or the error lines. */
  record Write(ObjectNode s3, String errorOutputType, List<byte[]> payload) {}

  private final List<Write> writes = new ArrayList<>();

  @Override
  public synchronized CompletionStage<List<String>> writeRecords(DeliveryStreamRecord stream, ObjectNode s3,
                                                                 List<DeliveryRecord> records, long now) {
    writes.add(new Write(s3, null, records.stream().map(DeliveryRecord::data).toList()));
    return CompletableFuture.completedFuture(List.of("s3://recorded/" + writes.size()));
  }

  @Override
  public synchronized CompletionStage<Void> writeErrors(DeliveryStreamRecord stream, ObjectNode s3,
                                                        String errorOutputType, List<byte[]> lines, long now) {
    writes.add(new Write(s3, errorOutputType, List.copyOf(lines)));
    return CompletableFuture.completedFuture(null);
  }

  synchronized List<Write> writes() {
    return new ArrayList<>(writes);
  }
}
