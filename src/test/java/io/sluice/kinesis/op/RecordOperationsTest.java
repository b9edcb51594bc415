package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record operations on the in-memory store with a manual clock: iterators in time, request limits. */
class RecordOperationsTest {
  private static final String SHARD0 = "shardId-000000000000";
  private final MemoryKinesis kinesis = new MemoryKinesis();

  private String iterator(String type, String sequence, Instant timestamp) {
    return kinesis.call(GetShardIterator::new,
        new GetShardIterator.Request("orders", null, SHARD0, type, sequence, timestamp)).shardIterator();
  }

  private PutRecord.Response put(String partitionKey) {
    return kinesis.call(PutRecord::new, new PutRecord.Request("orders", null, new byte[] {1}, partitionKey, "0", null));
  }

  @Test
  void anIteratorServesForFiveMinutesAndNotAMillisecondMore() {
    kinesis.activeStream("orders", 1);
    String it = iterator("TRIM_HORIZON", null, null);

    kinesis.clock.advanceMillis(300_000);
    GetRecords.Response atFiveMinutes = kinesis.call(GetRecords::new, new GetRecords.Request(it, null, null));
    kinesis.clock.advanceMillis(1);

    assertNotNull(atFiveMinutes.nextShardIterator());
    assertEquals("ExpiredIteratorException", kinesis.errorCode(GetRecords::new, new GetRecords.Request(it, null, null)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(GetRecords::new,
        new GetRecords.Request("not-an-iterator", null, null)));
  }

  @Test
  void anIteratorOfAStreamCreatedAgainFindsNoStream() {
    kinesis.activeStream("orders", 1);
    String it = iterator("TRIM_HORIZON", null, null);
    kinesis.call(DeleteStream::new, new DeleteStream.Request("orders", null, null));
    kinesis.clock.advanceSeconds(1);
    kinesis.activeStream("orders", 1);

    assertEquals("ResourceNotFoundException", kinesis.errorCode(GetRecords::new, new GetRecords.Request(it, null, null)));
  }

  @Test
  void aTimestampInTheFutureOrASequenceNumberOfAnotherStreamIsRefused() {
    kinesis.activeStream("orders", 1);
    String sequence = put("k").sequenceNumber();
    kinesis.call(DeleteStream::new, new DeleteStream.Request("orders", null, null));
    kinesis.clock.advanceSeconds(1);
    kinesis.activeStream("orders", 1);

    assertEquals("InvalidArgumentException", kinesis.errorCode(GetShardIterator::new, new GetShardIterator.Request(
        "orders", null, SHARD0, "AT_TIMESTAMP", null, kinesis.clock.instant().plusMillis(1))));
    assertEquals("InvalidArgumentException", kinesis.errorCode(GetShardIterator::new, new GetShardIterator.Request(
        "orders", null, SHARD0, "AT_SEQUENCE_NUMBER", sequence, null)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(GetShardIterator::new, new GetShardIterator.Request(
        "orders", null, SHARD0, "AFTER_SEQUENCE_NUMBER", null, null)));
    assertEquals("ValidationException", kinesis.errorCode(GetShardIterator::new, new GetShardIterator.Request(
        "orders", null, SHARD0, "NEWEST", null, null)));
  }

  @Test
  void putRecordsTakesAtMost500RecordsAndFiveMebibytes() {
    kinesis.activeStream("orders", 1);
    List<PutRecords.Entry> many = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      many.add(new PutRecords.Entry(new byte[] {1}, null, "k"));
    }
    List<PutRecords.Entry> big = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      big.add(new PutRecords.Entry(new byte[1024 * 1024 - 1], null, "k"));
    }

    assertEquals("ValidationException", kinesis.errorCode(PutRecords::new,
        new PutRecords.Request(many, "orders", null)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(PutRecords::new,
        new PutRecords.Request(big, "orders", null)));
    assertEquals(500, kinesis.call(PutRecords::new, new PutRecords.Request(many.subList(0, 500), "orders", null))
        .records().size());
  }

  @Test
  void getRecordsReturnsAtMostTheLimit() {
    kinesis.activeStream("orders", 1);
    for (int i = 0; i < 5; i++) {
      put("k" + i);
    }
    kinesis.clock.advanceMillis(70);

    GetRecords.Response page = kinesis.call(GetRecords::new,
        new GetRecords.Request(iterator("TRIM_HORIZON", null, null), 3, null));

    assertEquals(3, page.records().size());
    assertEquals(70L, page.millisBehindLatest());
    assertEquals("ValidationException", kinesis.errorCode(GetRecords::new,
        new GetRecords.Request(iterator("LATEST", null, null), 10_001, null)));
  }
}
