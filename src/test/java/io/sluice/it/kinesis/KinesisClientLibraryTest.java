package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.it.kinesis.KclApplication.Application;
import io.sluice.it.kinesis.KclApplication.Mode;
import io.sluice.it.kinesis.KclApplication.Received;
import io.sluice.it.kinesis.KclApplication.Record;
import io.sluice.testing.Dynalite;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * The Kinesis Client Library 3.x consuming Sluice streams end to end, its leases and checkpoints in
 * dynalite: in polling and enhanced fan-out mode on both engines, a worker that restarts goes on from
 * its checkpoint; records aggregated in the KPL's format are de-aggregated by KCL; a shard split
 * mid-run keeps each partition key's order across parent and children.
 */
@Timeout(180)
class KinesisClientLibraryTest {
  private static final Duration PROMPT = Duration.ofSeconds(45);
  private static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
  private static Dynalite dynalite;

  @BeforeAll
  static void start() {
    dynalite = Dynalite.start();
  }

  @AfterAll
  static void stop() {
    if (dynalite != null) {
      dynalite.close();
    }
  }

  static Stream<Arguments> enginesAndModes() {
    return Stream.of(Engine.values()).flatMap(e -> Stream.of(Mode.values()).map(m -> Arguments.of(e, m)));
  }

  @ParameterizedTest
  @MethodSource("enginesAndModes")
  void aRestartedWorkerGoesOnFromItsCheckpoint(Engine engine, Mode mode) throws Exception {
    TestSluice node = TestSluice.shared(engine);
    try (KinesisClient kinesis = KinesisTesting.client(node, true)) {
      // Given a stream of two shards holding 20 records of five partition keys, and a KCL application
      String stream = TestSluice.uniqueName("kcl-" + mode.name().toLowerCase());
      createStream(kinesis, stream, 2);
      put(kinesis, stream, 0, 20);
      Application application = Application.create(node.endpoint(), dynalite.endpoint(), stream);
      Received received = application.received();

      // When a worker reads them all and stops, 20 more are put, and another worker starts
      try (KclApplication first = application.worker("worker-1", mode)) {
        received.await(PROMPT, "read the first 20", r -> r.size() >= 20);
      }
      List<String> firstRun = received.data();
      put(kinesis, stream, 20, 40);
      try (KclApplication second = application.worker("worker-2", mode)) {
        received.await(PROMPT, "read the next 20", r -> r.size() >= 40);
      }

      // Then the first worker got the first 20 and the second the next 20, none twice, each key in order
      assertEquals(sorted(expected(0, 20)), sorted(firstRun));
      assertEquals(sorted(expected(0, 40)), sorted(received.data()));
      assertInKeyOrder(received.records);
      assertEquals(List.of(), received.failures);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void kplAggregatedRecordsAreDeaggregatedByKcl(Mode mode) throws Exception {
    TestSluice node = TestSluice.shared(Engine.MEMORY);
    try (KinesisClient kinesis = KinesisTesting.client(node, true)) {
      // Given a stream holding one record aggregated in the KPL's format from four user records,
      // two of them with an explicit hash key of their own, built with KCL's own protobuf classes
      String stream = TestSluice.uniqueName("kcl-kpl-" + mode.name().toLowerCase());
      createStream(kinesis, stream, 1);
      String hashKey = "170141183460469231731687303715884105728";
      byte[] aggregated = aggregate(Messages.AggregatedRecord.newBuilder()
          .addPartitionKeyTable("alpha").addPartitionKeyTable("beta")
          .addExplicitHashKeyTable(hashKey)
          .addRecords(subRecord(0, null, "one"))
          .addRecords(subRecord(1, 0L, "two"))
          .addRecords(subRecord(0, 0L, "three"))
          .addRecords(subRecord(1, null, "four"))
          .build());
      String sequenceNumber = kinesis.putRecord(r -> r.streamName(stream).partitionKey("alpha")
          .data(SdkBytes.fromByteArray(aggregated))).sequenceNumber();
      Application application = Application.create(node.endpoint(), dynalite.endpoint(), stream);
      Received received = application.received();

      // When a KCL worker reads the stream
      try (KclApplication worker = application.worker("worker-1", mode)) {
        received.await(PROMPT, "de-aggregate four records", r -> r.size() >= 4);
      }

      // Then it handed over the four user records under the put's sequence number, numbered 0..3,
      // with their own partition keys and explicit hash keys
      String shard = "shardId-000000000000";
      assertEquals(List.of(
          new Record(shard, sequenceNumber, 0, "alpha", null, "one"),
          new Record(shard, sequenceNumber, 1, "beta", hashKey, "two"),
          new Record(shard, sequenceNumber, 2, "alpha", hashKey, "three"),
          new Record(shard, sequenceNumber, 3, "beta", null, "four")), received.records);
    }
  }

  @ParameterizedTest
  @MethodSource("enginesAndModes")
  void aShardSplitMidRunKeepsEachKeyInOrderAcrossParentAndChildren(Engine engine, Mode mode) throws Exception {
    TestSluice node = TestSluice.shared(engine);
    try (KinesisClient kinesis = KinesisTesting.client(node, true)) {
      // Given a KCL worker reading a one-shard stream that holds 30 records of five keys
      String stream = TestSluice.uniqueName("kcl-split-" + mode.name().toLowerCase());
      createStream(kinesis, stream, 1);
      put(kinesis, stream, 0, 30);
      Application application = Application.create(node.endpoint(), dynalite.endpoint(), stream);
      Received received = application.received();
      try (KclApplication worker = application.worker("worker-1", mode)) {
        received.await(PROMPT, "read the first 30", r -> r.size() >= 30);

        // When the shard is split in the middle of its hash range, and 30 more records are put
        Shard parent = kinesis.listShards(r -> r.streamName(stream)).shards().get(0);
        String middle = new BigInteger(parent.hashKeyRange().endingHashKey()).shiftRight(1).toString();
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(parent.shardId()).newStartingHashKey(middle));
        awaitActive(kinesis, stream);
        put(kinesis, stream, 30, 60);
        received.await(PROMPT, "read the 30 put after the split", r -> r.size() >= 60);
      }

      // Then the parent was read to its end, every record came once, each key in order across the shards
      assertEquals(List.of(parent(kinesis, stream)), received.endedShards);
      assertEquals(sorted(expected(0, 60)), sorted(received.data()));
      assertInKeyOrder(received.records);
      assertTrue(received.records.stream().map(Record::shardId).distinct().count() > 1);
      assertEquals(List.of(), received.failures);
    }
  }

  private static String parent(KinesisClient kinesis, String stream) {
    return kinesis.listShards(r -> r.streamName(stream)).shards().stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() != null).findFirst().orElseThrow().shardId();
  }

  static void createStream(KinesisClient kinesis, String stream, int shards) throws InterruptedException {
    kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
    awaitActive(kinesis, stream);
  }

  /** Waits up to 10 s for the stream to be ACTIVE (the SDK's waiter polls every 10 s). */
  static void awaitActive(KinesisClient kinesis, String stream) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(stream + " did not become ACTIVE");
      }
      Thread.sleep(50);
    }
  }

  /** Records {@code from} to {@code to} (exclusive): data {@code k<i % 5>-<i>}, partition key {@code k<i % 5>}. */
  static void put(KinesisClient kinesis, String stream, int from, int to) {
    List<PutRecordsRequestEntry> entries = IntStream.range(from, to).mapToObj(i -> PutRecordsRequestEntry.builder()
        .partitionKey("k" + i % 5).data(SdkBytes.fromUtf8String("k" + i % 5 + "-" + i)).build()).toList();
    assertEquals(0, kinesis.putRecords(r -> r.streamName(stream).records(entries)).failedRecordCount());
  }

  static List<String> expected(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "k" + i % 5 + "-" + i).toList();
  }

  static List<String> sorted(List<String> data) {
    return data.stream().sorted().toList();
  }

  /** Each partition key's records arrived in the order they were put (the number after the dash grows). */
  static void assertInKeyOrder(List<Record> records) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (Record r : records) {
      byKey.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>())
          .add(Integer.parseInt(r.data().substring(r.data().indexOf('-') + 1)));
    }
    byKey.forEach((key, numbers) ->
        assertEquals(numbers.stream().sorted().toList(), numbers, "order of partition key " + key));
  }

  private static Messages.Record subRecord(int partitionKey, Long explicitHashKey, String data) {
    Messages.Record.Builder r = Messages.Record.newBuilder().setPartitionKeyIndex(partitionKey)
        .setData(com.google.protobuf.ByteString.copyFromUtf8(data));
    if (explicitHashKey != null) {
      r.setExplicitHashKeyIndex(explicitHashKey);
    }
    return r.build();
  }

  /** The KPL's aggregation format: magic, the protobuf message, the MD5 of the message. */
  static byte[] aggregate(Messages.AggregatedRecord record) throws Exception {
    byte[] message = record.toByteArray();
    byte[] digest = MessageDigest.getInstance("MD5").digest(message);
    byte[] all = Arrays.copyOf(KPL_MAGIC, KPL_MAGIC.length + message.length + digest.length);
    System.arraycopy(message, 0, all, KPL_MAGIC.length, message.length);
    System.arraycopy(digest, 0, all, KPL_MAGIC.length + message.length, digest.length);
    return all;
  }
}
