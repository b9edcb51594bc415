package io.sluice.firehose.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.KinesisRecordMetadata;
import io.sluice.storage.Sealer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Records as buffers keep them: plain, sealed, or from a Kinesis source with its metadata, each read back as put. */
class StoredRecordsTest {
  private final StoredRecords records = new StoredRecords(new Sealer(new byte[32]));
  private final byte[] data = "{\"n\":1}\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void plainAndSealedRecordsOpenToTheirData() {
    BufferedRecord plain = records.open(new BufferedRecord("r1", 5, records.store(data, null)));
    BufferedRecord sealed = records.open(new BufferedRecord("r2", 6, records.store(data, "firehose:aws-owned")));

    assertArrayEquals(data, plain.data());
    assertArrayEquals(data, sealed.data());
    assertEquals(6, sealed.arrivalMillis());
    assertNull(plain.kinesis());
  }

  @Test
  void aKinesisRecordKeepsItsMetadataAndItsKinesisArrival() {
    KinesisRecordMetadata m = new KinesisRecordMetadata("shardId-000000000001", "user-7", 1_700_000_000_123L,
        "49590338271490256608559692538361571095921575989136588898", "2");

    BufferedRecord read = records.open(new BufferedRecord("r3", 1_700_000_001_000L, records.storeFromKinesis(data, m)));

    assertArrayEquals(data, read.data());
    assertEquals(m, read.kinesis());
    assertEquals(1_700_000_000_123L, read.arrivalMillis());
    assertArrayEquals(data, records.open(records.storeFromKinesis(data, m)));
  }

  @Test
  void theDataLengthOfAStoredRecordIsTheLengthOfTheDataPutHoweverItIsKept() {
    KinesisRecordMetadata m = new KinesisRecordMetadata("shardId-000000000001", "user-7", 1_700_000_000_123L,
        "49590338271490256608559692538361571095921575989136588898", "2");

    assertEquals(data.length, StoredRecords.dataLength(records.store(data, null)));
    assertEquals(data.length, StoredRecords.dataLength(records.store(data, "firehose:aws-owned")));
    assertEquals(data.length, StoredRecords.dataLength(records.store(data,
        StoredRecords.keyId("arn:aws:kms:us-east-1:000000000000:key/k-1"))));
    assertEquals(data.length, StoredRecords.dataLength(records.storeFromKinesis(data, m)));
    assertEquals(0, StoredRecords.dataLength(records.store(new byte[0], null)));
    assertEquals(0, StoredRecords.dataLength(records.store(new byte[0], "firehose:aws-owned")));
    assertEquals(0, StoredRecords.dataLength(records.storeFromKinesis(new byte[0], m)));
  }
}
