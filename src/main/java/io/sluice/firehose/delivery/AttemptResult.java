package io.sluice.firehose.delivery;

import java.util.List;

/**
 * The outcome of one attempt to deliver a batch: the records the destination did not accept (empty
 * when all were delivered) and why. A destination that takes a batch whole or not at all answers all
 * or none of its records; one that answers per record (OpenSearch's {@code _bulk}) only the failed
 * ones, which are retried alone.
 */
public record AttemptResult(List<DeliveryRecord> failed, DeliveryFailure failure) {

  public AttemptResult {
    failed = List.copyOf(failed);
  }

  private static final AttemptResult DELIVERED = new AttemptResult(List.of(), null);

  public static AttemptResult delivered() {
    return DELIVERED;
  }

  public static AttemptResult failed(List<DeliveryRecord> records, DeliveryFailure failure) {
    return new AttemptResult(records, failure);
  }

  public boolean allDelivered() {
    return failed.isEmpty();
  }
}
