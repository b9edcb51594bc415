package io.sluice.firehose.delivery;

import java.util.Map;

/**
 * A record on its way to a destination: its RecordId and arrival as buffered, its data after
 * processing (the Lambda transformation's output, the delimiter dynamic partitioning may append),
 * and the partition keys dynamic partitioning gave it (empty without dynamic partitioning; names as
 * in the prefix expressions {@code !{partitionKeyFromQuery:name}} and {@code !{partitionKeyFromLambda:name}},
 * keyed {@code partitionKeyFromQuery:name} / {@code partitionKeyFromLambda:name}).
 */
public record DeliveryRecord(String recordId, long arrivalMillis, byte[] data, Map<String, String> partitionKeys) {

  public DeliveryRecord {
    partitionKeys = Map.copyOf(partitionKeys);
  }

  /** A record as put, with no partition keys. */
  public static DeliveryRecord of(String recordId, long arrivalMillis, byte[] data) {
    return new DeliveryRecord(recordId, arrivalMillis, data, Map.of());
  }
}
