package io.sluice.firehose.destination;

import io.sluice.firehose.delivery.DeliveryFailure;
import java.util.Map;

/**
 * A {@code _bulk} request OpenSearch answered with some documents failed: the attempt's failure
 * (the first failed document's status and error) and each failed record's own, by RecordId, for the
 * error output ({@code errorCode} is the status OpenSearch gave the document, {@code errorMessage}
 * its error). Retryable: AWS retries failed documents for the retry duration.
 */
public final class BulkFailure extends DeliveryFailure {
  private final Map<String, BulkResponse.Item> byRecord;

  public BulkFailure(Map<String, BulkResponse.Item> byRecord) {
    super(true, String.valueOf(byRecord.values().iterator().next().status()),
        byRecord.values().iterator().next().message());
    this.byRecord = Map.copyOf(byRecord);
  }

  /** The failure of the record with {@code recordId}, or null if it did not fail in this attempt. */
  public BulkResponse.Item of(String recordId) {
    return byRecord.get(recordId);
  }
}
