package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A node reading a Kinesis source is killed with kill -9: another node on the same Redis takes the
 * source over once the dead node's lease ran out and goes on from the checkpoints stored with the
 * records, so every record is buffered once and in order.
 */
class KinesisSourceTakeoverTest {
  private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

  private static FirehoseClient firehose(URI endpoint) {
    return FirehoseClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials()).httpClient(ApacheHttpClient.builder().build()).build();
  }

  private static KinesisClient kinesis(URI endpoint) {
    return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials()).httpClient(ApacheHttpClient.builder().build()).build();
  }

  private static List<String> put(KinesisClient kinesis, String stream, int from, int count) {
    List<String> put = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String data = "r-" + i;
      kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String(data)));
      put.add(data);
    }
    return put;
  }

  @Test
  void aSourceOfAKilledNodeIsTakenOverFromItsCheckpoints() {
    String prefix = RedisTestServer.uniquePrefix("firehose-takeover");
    Map<String, String> env = new HashMap<>(Map.of("SLUICE_REDIS_KEY_PREFIX", prefix,
        "SLUICE_FIREHOSE_SOURCE_POLL_MS", "100", "SLUICE_FIREHOSE_SOURCE_LEASE_MS", "3000"));
    String stream = TestSluice.uniqueName("takeover");
    String delivery = TestSluice.uniqueName("takeover");
    Vertx vertx = Vertx.vertx();
    Redis redis = Redis.createClient(vertx, RedisTestServer.url());
    Supplier<List<String>> buffered = () -> KinesisSourceTest.buffered(redis, prefix, delivery);
    List<String> put = new ArrayList<>();
    try {
      // Given a source read by a node that is then killed outright
      try (SluiceProcess first = SluiceProcess.start(Engine.REDIS, env);
           KinesisClient kinesis = kinesis(first.endpoint()); FirehoseClient firehose = firehose(first.endpoint())) {
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        KinesisSourceTest.waitFor("the stream", () -> kinesis.describeStreamSummary(r -> r.streamName(stream))
            .streamDescriptionSummary().streamStatusAsString().equals("ACTIVE"));
        String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        firehose.createDeliveryStream(r -> r.deliveryStreamName(delivery)
            .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
            .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(arn).roleARN(ROLE))
            .extendedS3DestinationConfiguration(s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::bucket")
                .bufferingHints(h -> h.intervalInSeconds(900).sizeInMBs(128))));
        put.addAll(put(kinesis, stream, 0, 20));
        KinesisSourceTest.waitFor("the first node's reads", () -> buffered.get().size() == 20);
        first.kill();
      }

      // When another node starts on the same Redis and more records are put
      try (TestSluice second = TestSluice.start(Engine.REDIS, InstantSource.system(), env, prefix);
           KinesisClient kinesis = kinesis(second.endpoint())) {
        put.addAll(put(kinesis, stream, 20, 20));

        // Then it reads them once the dead node's lease ran out, each once, after the first node's
        KinesisSourceTest.waitFor("the second node's reads", () -> buffered.get().size() >= put.size());

        assertEquals(put, buffered.get());
      }
    } finally {
      redis.close();
      RedisEngineFixture.join(vertx.close());
    }
  }
}
