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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Delivery batches built directly, for the tests of destinations. */
public final class TestBatches {
  public static final DeliveryStreamId STREAM = new DeliveryStreamId("us-east-1", "123456789012", "logs");

  private TestBatches() {}

  /** A batch of {@code records} for a destination of {@code kind} configured as {@code configJson}. */
  public static DeliveryBatch batch(String kind, String configJson, String batchId, List<DeliveryRecord> records) {
    Destination destination = new Destination("destinationId-000000000001", kind, config(configJson));
    DeliveryStreamRecord stream = new DeliveryStreamRecord(STREAM, "DirectPut", 1_000L, 1_000L, 1, 1_000L,
        List.of(destination), null, null, null, Map.of(), 1, null);
    return new DeliveryBatch(stream, destination, batchId, 2_000L, records);
  }

  /** Records with these texts as data, arrived at 1,500 ms and on, ids {@code r0}, {@code r1}, …. */
  public static List<DeliveryRecord> records(String... texts) {
    List<DeliveryRecord> records = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      records.add(DeliveryRecord.of("r" + i, 1_500L + i, texts[i].getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }

  public static ObjectNode config(String json) {
    try {
      return (ObjectNode) JsonCodec.json().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
