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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The Kinesis Producer Library (its native daemon, which speaks only HTTPS) putting records through
 * Sluice's TLS port, aggregated, and KCL reading them back de-aggregated.
 */
@Timeout(120)
class KinesisProducerLibraryTest {
  private static TestSluice node;
  private static Dynalite dynalite;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, InstantSource.system(), TestSluice.withTls(Map.of()));
    dynalite = Dynalite.start();
  }

  @AfterAll
  static void stop() {
    if (dynalite != null) {
      dynalite.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void recordsPutThroughTheKplOverTlsAreReadBackByKcl() throws Exception {
    try (KinesisClient kinesis = KinesisTesting.client(node, true)) {
      // Given a stream of two shards, and a KPL on the TLS port that has put a first record
      String stream = TestSluice.uniqueName("kpl");
      KinesisClientLibraryTest.createStream(kinesis, stream, 2);
      List<String> data = new ArrayList<>(List.of("first"));
      data.addAll(KinesisClientLibraryTest.expected(0, 50));
      Map<String, UserRecordResult> results = new TreeMap<>();
      KinesisProducer producer = new KinesisProducer(producerConfiguration());
      try {
        // The KPL aggregates only once it knows how the stream distributes records: the first
        // record goes alone, the next ones wait for no one
        results.put("first", put(producer, stream, "first").get(30, TimeUnit.SECONDS));

        // When it puts 50 user records of five partition keys at once
        List<Future<UserRecordResult>> puts = new ArrayList<>();
        for (String d : data.subList(1, data.size())) {
          puts.add(put(producer, stream, d));
        }
        producer.flushSync();
        for (int i = 0; i < puts.size(); i++) {
          results.put(data.get(i + 1), puts.get(i).get(30, TimeUnit.SECONDS));
        }
      } finally {
        producer.destroy();
      }
      results.forEach((d, result) -> assertTrue(result.isSuccessful(), () -> d + ": " + result.getAttempts()));

      // Then a KCL worker reads all 51 back once each, under the shard and sequence number the KPL
      // reported, the 50 in fewer Kinesis records than user records
      Application application = Application.create(node.endpoint(), dynalite.endpoint(), stream);
      Received received = application.received();
      try (KclApplication worker = application.worker("worker-1", Mode.POLLING)) {
        received.await(Duration.ofSeconds(45), "read the KPL's 51 records", r -> r.size() >= 51);
      }
      assertEquals(KinesisClientLibraryTest.sorted(data), KinesisClientLibraryTest.sorted(received.data()));
      for (Record r : received.records) {
        UserRecordResult put = results.get(r.data());
        assertEquals(put.getShardId() + "/" + put.getSequenceNumber(), r.shardId() + "/" + r.sequenceNumber(),
            r.data());
      }
      long kinesisRecords = received.records.stream().filter(r -> !r.data().equals("first"))
          .map(Record::sequenceNumber).distinct().count();
      assertTrue(kinesisRecords < 50, "the KPL aggregated nothing");
    }
  }

  private static Future<UserRecordResult> put(KinesisProducer producer, String stream, String data) {
    String key = data.contains("-") ? data.substring(0, data.indexOf('-')) : data;
    return producer.addUserRecord(stream, key, ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));
  }

  /** The KPL pointed at the node's TLS port for Kinesis and STS, CloudWatch metrics off. */
  private static KinesisProducerConfiguration producerConfiguration() throws Exception {
    // The KPL extracts its 90 MB daemon here once and reuses it while its hash matches.
    Path natives = Files.createDirectories(Path.of("target", "kpl-native"));
    int port = node.tlsEndpoint().getPort();
    return new KinesisProducerConfiguration()
        .setRegion("us-east-1")
        .setCredentialsProvider(TestSluice.credentials())
        .setKinesisEndpoint("127.0.0.1").setKinesisPort(port)
        .setStsEndpoint("127.0.0.1").setStsPort(port)
        .setCloudwatchEndpoint("127.0.0.1").setCloudwatchPort(port)
        .setVerifyCertificate(false)
        .setMetricsLevel("none")
        .setAggregationEnabled(true)
        .setRecordMaxBufferedTime(100)
        .setRequestTimeout(10_000)
        .setTempDirectory(natives.toAbsolutePath().toString())
        .setLogLevel("warning");
  }
}
