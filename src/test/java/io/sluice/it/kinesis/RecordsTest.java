package io.sluice.it.kinesis;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Records through the AWS SDK v2 {@code KinesisClient}, in CBOR and in JSON, on each engine:
 * PutRecord and PutRecords into the shard of the partition key's MD5 or the explicit hash key,
 * every iterator type, GetRecords paging with its next iterator and MillisBehindLatest, iterator
 * expiry, sequence numbers of another shard refused, and retention dropping old records.
 */
@ParameterizedClass
@CsvSource({"MEMORY,true", "MEMORY,false", "REDIS,true", "REDIS,false"})
class RecordsTest extends KinesisSdkTest {
  static final String SHARD0 = "shardId-000000000000";
  static final String SHARD1 = "shardId-000000000001";
  /** The first hash key of the second of two shards: 2^127. */
  static final String SECOND_HALF = BigInteger.ONE.shiftLeft(127).toString();

  String stream;

  @BeforeEach
  void activeStreamOfTwoShards() {
    stream = name("records");
    kinesis.createStream(r -> r.streamName(stream).shardCount(2));
    CLOCK.advanceSeconds(1);
  }

  private PutRecordResponse put(String data, String explicitHashKey) {
    return kinesis.putRecord(r -> r.streamName(stream).partitionKey("pk").explicitHashKey(explicitHashKey)
        .data(SdkBytes.fromUtf8String(data)));
  }

  private String iterator(String shard, ShardIteratorType type, String sequence) {
    return kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard).shardIteratorType(type)
        .startingSequenceNumber(sequence)).shardIterator();
  }

  private static List<String> texts(List<Record> records) {
    return records.stream().map(r -> r.data().asUtf8String()).toList();
  }

  @Test
  void recordsPutAreReadBackInOrderWithTheirBytesAndArrivalTime() {
    byte[] binary = {0, (byte) 0xff, 0x10, (byte) 0x80};
    PutRecordResponse first = put("one", "0");
    PutRecordResponse second = kinesis.putRecord(r -> r.streamName(stream).partitionKey("pk").explicitHashKey("1")
        .data(SdkBytes.fromByteArray(binary)));

    GetRecordsResponse read = kinesis.getRecords(r -> r.shardIterator(iterator(SHARD0, ShardIteratorType.TRIM_HORIZON,
        null)));

    assertEquals(SHARD0, first.shardId());
    assertEquals(56, first.sequenceNumber().length());
    assertTrue(new BigInteger(second.sequenceNumber()).compareTo(new BigInteger(first.sequenceNumber())) > 0);
    assertEquals(2, read.records().size());
    assertEquals("one", read.records().get(0).data().asUtf8String());
    assertArrayEquals(binary, read.records().get(1).data().asByteArray());
    assertEquals(first.sequenceNumber(), read.records().get(0).sequenceNumber());
    assertEquals("pk", read.records().get(0).partitionKey());
    assertEquals(Instant.ofEpochMilli(CLOCK.millis()), read.records().get(0).approximateArrivalTimestamp());
    assertEquals(0L, read.millisBehindLatest());
  }

  @Test
  void aPartitionKeyGoesToTheShardHoldingItsMd5() {
    // MD5("a") = 0cc175b9…, in the first half of the hash key space; MD5("b") = 92eb5ffe…, in the second
    PutRecordResponse a = kinesis.putRecord(r -> r.streamName(stream).partitionKey("a").data(SdkBytes.fromUtf8String("x")));
    PutRecordResponse b = kinesis.putRecord(r -> r.streamName(stream).partitionKey("b").data(SdkBytes.fromUtf8String("y")));
    PutRecordResponse explicit = put("z", SECOND_HALF);

    assertEquals(SHARD0, a.shardId());
    assertEquals(SHARD1, b.shardId());
    assertEquals(SHARD1, explicit.shardId());
  }

  @Test
  void putRecordsAnswersEachRecordInRequestOrder() {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).explicitHashKey(i % 2 == 0 ? "0" : SECOND_HALF)
          .data(SdkBytes.fromUtf8String("r" + i)).build());
    }

    PutRecordsResponse put = kinesis.putRecords(r -> r.streamName(stream).records(entries));
    List<Record> shard0 = kinesis.getRecords(r -> r.shardIterator(iterator(SHARD0, ShardIteratorType.TRIM_HORIZON,
        null))).records();
    List<Record> shard1 = kinesis.getRecords(r -> r.shardIterator(iterator(SHARD1, ShardIteratorType.TRIM_HORIZON,
        null))).records();

    assertEquals(0, put.failedRecordCount());
    assertEquals(List.of(SHARD0, SHARD1, SHARD0, SHARD1, SHARD0, SHARD1),
        put.records().stream().map(e -> e.shardId()).toList());
    assertEquals(List.of("r0", "r2", "r4"), texts(shard0));
    assertEquals(List.of("r1", "r3", "r5"), texts(shard1));
    assertEquals(put.records().get(1).sequenceNumber(), shard1.get(0).sequenceNumber());
  }

  @Test
  void everyIteratorTypeStartsWhereAwsSays() {
    PutRecordResponse first = put("one", "0");
    CLOCK.advanceMillis(10);
    Instant secondArrival = CLOCK.instant();
    put("two", "0");
    String latest = iterator(SHARD0, ShardIteratorType.LATEST, null);
    put("three", "0");

    assertEquals(List.of("one", "two", "three"), texts(kinesis.getRecords(r -> r.shardIterator(
        iterator(SHARD0, ShardIteratorType.TRIM_HORIZON, null))).records()));
    assertEquals(List.of("one", "two", "three"), texts(kinesis.getRecords(r -> r.shardIterator(
        iterator(SHARD0, ShardIteratorType.AT_SEQUENCE_NUMBER, first.sequenceNumber()))).records()));
    assertEquals(List.of("two", "three"), texts(kinesis.getRecords(r -> r.shardIterator(
        iterator(SHARD0, ShardIteratorType.AFTER_SEQUENCE_NUMBER, first.sequenceNumber()))).records()));
    assertEquals(List.of("two", "three"), texts(kinesis.getRecords(r -> r.shardIterator(
        kinesis.getShardIterator(q -> q.streamName(stream).shardId(SHARD0)
            .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(secondArrival)).shardIterator())).records()));
    assertEquals(List.of("three"), texts(kinesis.getRecords(r -> r.shardIterator(latest)).records()));
  }

  @Test
  void getRecordsPagesWithItsNextIteratorAndSaysHowFarBehindItIs() {
    for (int i = 0; i < 5; i++) {
      put("r" + i, "0");
    }
    CLOCK.advanceMillis(2000);

    GetRecordsResponse first = kinesis.getRecords(r -> r.limit(2).shardIterator(
        iterator(SHARD0, ShardIteratorType.TRIM_HORIZON, null)));
    GetRecordsResponse rest = kinesis.getRecords(r -> r.shardIterator(first.nextShardIterator()));
    GetRecordsResponse none = kinesis.getRecords(r -> r.shardIterator(rest.nextShardIterator()));
    put("r5", "0");
    GetRecordsResponse later = kinesis.getRecords(r -> r.shardIterator(none.nextShardIterator()));

    assertEquals(List.of("r0", "r1"), texts(first.records()));
    assertEquals(2000L, first.millisBehindLatest());
    assertEquals(List.of("r2", "r3", "r4"), texts(rest.records()));
    assertEquals(0L, rest.millisBehindLatest());
    assertEquals(List.of(), none.records());
    assertEquals(List.of("r5"), texts(later.records()));
  }

  @Test
  void aSequenceNumberOfAnotherShardIsRefused() {
    PutRecordResponse inShard1 = put("x", SECOND_HALF);

    assertEquals("InvalidArgumentException", codeOf(() -> iterator(SHARD0, ShardIteratorType.AT_SEQUENCE_NUMBER,
        inShard1.sequenceNumber())));
  }

  @Test
  void anIteratorExpiresAfterFiveMinutesAndATamperedOneIsRefused() {
    String it = iterator(SHARD0, ShardIteratorType.TRIM_HORIZON, null);
    String tampered = it.substring(0, 10) + (it.charAt(10) == 'A' ? 'B' : 'A') + it.substring(11);

    assertEquals("InvalidArgumentException", codeOf(() -> kinesis.getRecords(r -> r.shardIterator(tampered))));
    CLOCK.advanceSeconds(301);
    assertEquals("ExpiredIteratorException", codeOf(() -> kinesis.getRecords(r -> r.shardIterator(it))));
  }

  @Test
  void recordsPastTheRetentionPeriodAreGone() {
    put("old", "0");
    CLOCK.advanceSeconds(23 * 3600);
    put("new", "0");
    CLOCK.advanceSeconds(3600 + 1);

    List<Record> read = kinesis.getRecords(r -> r.shardIterator(iterator(SHARD0, ShardIteratorType.TRIM_HORIZON,
        null))).records();

    assertEquals(List.of("new"), texts(read));
  }

  @Test
  void wrongRecordsAreRefusedAsAwsRefusesThem() {
    assertEquals("InvalidArgumentException", codeOf(() -> put("x", BigInteger.ONE.shiftLeft(128).toString())));
    assertEquals("ValidationException", codeOf(() -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("")
        .data(SdkBytes.fromUtf8String("x")))));
    assertEquals("ValidationException", codeOf(() -> kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
        .data(SdkBytes.fromByteArray(new byte[1024 * 1024 + 1])))));
    assertEquals("ResourceNotFoundException", codeOf(() -> kinesis.putRecord(r -> r.streamName(stream + "-none")
        .partitionKey("k").data(SdkBytes.fromUtf8String("x")))));
    assertEquals("ResourceNotFoundException", codeOf(() -> iterator("shardId-000000000002",
        ShardIteratorType.LATEST, null)));
  }
}
