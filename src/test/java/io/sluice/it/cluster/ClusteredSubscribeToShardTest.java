package io.sluice.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import io.sluice.testing.TwoNodeCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Two clustered JVMs on one Redis: a record put through node A reaches a SubscribeToShard held on
 * node B at once, because A announces the shard to B over the clustered event bus (B would
 * otherwise find it only at its next heartbeat read, 5 s after its last event).
 */
class ClusteredSubscribeToShardTest {
  /** Generous for a push that takes milliseconds, and far below the 5 s to the next heartbeat. */
  private static final long PROMPT_MS = 2000;

  private static SluiceProcess a;
  private static SluiceProcess b;
  private static KinesisAsyncClient viaA;
  private static KinesisAsyncClient viaB;

  @BeforeAll
  static void startCluster() {
    List<Map<String, String>> nodes = TwoNodeCluster.environments("cluster-efo", Map.of());
    a = SluiceProcess.start(Engine.REDIS, nodes.get(0));
    b = SluiceProcess.start(Engine.REDIS, nodes.get(1));
    viaA = client(a);
    viaB = client(b);
    assertTrue(b.printed("joined: 2 nodes", Duration.ofSeconds(30)), String.join("\n", b.output()));
  }

  private static KinesisAsyncClient client(SluiceProcess node) {
    return KinesisAsyncClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build();
  }

  @AfterAll
  static void stopCluster() {
    for (AutoCloseable c : new AutoCloseable[] {viaA, viaB, b, a}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the next one is still closed
      }
    }
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertTrue(condition.getAsBoolean(), "condition not met within 10 s");
  }

  @Test
  void aRecordPutOnNodeAIsPushedToASubscriptionHeldOnNodeB() throws Exception {
    // Given an ACTIVE consumer of a stream, and its subscription held on node B, past its first event
    String stream = TestSluice.uniqueName("clustered-efo");
    viaA.createStream(r -> r.streamName(stream).shardCount(1)).get(10, TimeUnit.SECONDS);
    eventually(() -> viaA.describeStreamSummary(r -> r.streamName(stream)).join().streamDescriptionSummary()
        .streamStatusAsString().equals("ACTIVE"));
    String streamArn = viaA.describeStreamSummary(r -> r.streamName(stream)).get(10, TimeUnit.SECONDS)
        .streamDescriptionSummary().streamARN();
    String consumer = viaA.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("app"))
        .get(10, TimeUnit.SECONDS).consumer().consumerARN();
    eventually(() -> viaB.describeStreamConsumer(r -> r.consumerARN(consumer)).join().consumerDescription()
        .consumerStatusAsString().equals("ACTIVE"));
    LinkedBlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    var call = viaB.subscribeToShard(r -> r.consumerARN(consumer).shardId("shardId-000000000000")
            .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
        SubscribeToShardResponseHandler.builder().subscriber(SubscribeToShardResponseHandler.Visitor.builder()
            .onSubscribeToShardEvent(events::add).build()).build());
    SubscribeToShardEvent first = events.poll(10, TimeUnit.SECONDS);
    assertEquals(List.of(), first.records());

    // When a record is put through node A
    viaA.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("across")))
        .get(10, TimeUnit.SECONDS);
    long put = System.nanoTime();

    // Then B's subscription has it within milliseconds, long before its next heartbeat
    SubscribeToShardEvent pushed = events.poll(5, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - put) / 1_000_000;
    System.out.printf("subscription on B had the record %d ms after the put on A%n", tookMs);
    assertEquals(List.of("across"), pushed.records().stream().map(r -> r.data().asUtf8String()).toList());
    assertTrue(tookMs < PROMPT_MS, "took " + tookMs + " ms");
    call.cancel(true);
  }
}
