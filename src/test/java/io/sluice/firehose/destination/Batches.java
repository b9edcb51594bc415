package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Delivery batches for destination tests: a stream named {@code logs} with one destination. */
public final class Batches {

  private Batches() {}

  /** A destination of {@code kind} configured by {@code json}. */
  public static Destination destination(String kind, String json) {
    try {
      return new Destination("destinationId-000000000001", kind, (ObjectNode) JsonCodec.json().readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A batch {@code batchId} of {@code records} to {@code d}. */
  public static DeliveryBatch batch(Destination d, String batchId, List<DeliveryRecord> records) {
    DeliveryStreamRecord stream = new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", "logs"),
        "DirectPut", 0, 0, 1, 0, List.of(d), null, null, null, Map.of(), 1, null);
    return new DeliveryBatch(stream, d, batchId, 0, records);
  }

  /** A record with id {@code id}, arrived at {@code arrival}, holding {@code data}. */
  public static DeliveryRecord record(String id, long arrival, String data) {
    return DeliveryRecord.of(id, arrival, data.getBytes(StandardCharsets.UTF_8));
  }
}
