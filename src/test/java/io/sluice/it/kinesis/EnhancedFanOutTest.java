package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.TestSluice;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Enhanced fan-out with the SDK's default {@code KinesisAsyncClient} (HTTP/2 by prior knowledge,
 * CBOR for the control plane, JSON for SubscribeToShard) on both engines: consumers registered and
 * ACTIVE, records pushed to a subscription as they are put and counted on /metrics, ResourceInUse
 * on a quick re-subscribe.
 */
class EnhancedFanOutTest {
  private static final Duration PROMPT = Duration.ofSeconds(3);
  private static final KinesisTesting.Nodes NODES = new KinesisTesting.Nodes();

  @BeforeAll
  static void start() {
    NODES.start();
  }

  @AfterAll
  static void stop() {
    NODES.stop();
  }

  private static KinesisAsyncClient client(Engine engine) {
    return KinesisAsyncClient.builder().endpointOverride(NODES.endpoint(engine)).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build();
  }

  /** An ACTIVE stream of one shard with an ACTIVE consumer; the consumer. */
  static Consumer streamWithConsumer(KinesisAsyncClient kinesis, String stream, Runnable advanceClock)
      throws Exception {
    kinesis.createStream(r -> r.streamName(stream).shardCount(1)).get(10, TimeUnit.SECONDS);
    advanceClock.run();
    String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).get(10, TimeUnit.SECONDS)
        .streamDescriptionSummary().streamARN();
    Consumer registered = kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("app"))
        .get(10, TimeUnit.SECONDS).consumer();
    assertEquals(ConsumerStatus.CREATING, registered.consumerStatus());
    advanceClock.run();
    return registered;
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void recordsPutAfterSubscribingArePushedToTheSubscriber(Engine engine) throws Exception {
    try (KinesisAsyncClient kinesis = client(engine)) {
      // Given an ACTIVE consumer of a stream holding one record
      String stream = TestSluice.uniqueName("efo-" + engine.name().toLowerCase());
      Consumer consumer = streamWithConsumer(kinesis, stream, () -> NODES.clock.advanceSeconds(1));
      assertEquals(ConsumerStatus.ACTIVE, kinesis.describeStreamConsumer(r -> r.consumerARN(consumer.consumerARN()))
          .get(10, TimeUnit.SECONDS).consumerDescription().consumerStatus());
      kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("before")))
          .get(10, TimeUnit.SECONDS);

      // When it subscribes to the shard from its start, and another record is put
      Subscriptions subscription = Subscriptions.fromStart(kinesis, consumer.consumerARN());
      List<String> first = subscription.nextRecords(PROMPT);
      kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("after")))
          .get(10, TimeUnit.SECONDS);

      // Then the initial response came, and both records arrive in order, the second pushed
      assertTrue(subscription.responded.isDone());
      assertEquals(List.of("before"), first);
      assertEquals(List.of("after"), subscription.nextRecords(PROMPT));
      assertEquals(List.of(), subscription.errors);
      subscription.call.cancel(true);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void consumersAreListedAndADeregisteredOneIsDeletingThenGone(Engine engine) throws Exception {
    try (KinesisAsyncClient kinesis = client(engine)) {
      // Given a stream with two ACTIVE consumers
      String stream = TestSluice.uniqueName("efo-listed-" + engine.name().toLowerCase());
      Consumer first = streamWithConsumer(kinesis, stream, () -> NODES.clock.advanceSeconds(1));
      String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).get(10, TimeUnit.SECONDS)
          .streamDescriptionSummary().streamARN();
      kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("other")).get(10, TimeUnit.SECONDS);
      NODES.clock.advanceSeconds(1);

      // When both are listed a page of one at a time, and the first is deregistered
      var page = kinesis.listStreamConsumers(r -> r.streamARN(arn).maxResults(1)).get(10, TimeUnit.SECONDS);
      var rest = kinesis.listStreamConsumers(r -> r.streamARN(arn).nextToken(page.nextToken()))
          .get(10, TimeUnit.SECONDS);
      kinesis.deregisterStreamConsumer(r -> r.consumerARN(first.consumerARN())).get(10, TimeUnit.SECONDS);
      ConsumerStatus deleting = kinesis.describeStreamConsumer(r -> r.consumerARN(first.consumerARN()))
          .get(10, TimeUnit.SECONDS).consumerDescription().consumerStatus();
      NODES.clock.advanceSeconds(1);

      // Then the pages held both, the deregistered one was DELETING and is then no longer listed
      assertEquals(List.of("app", "other"), Stream.concat(page.consumers().stream(),
          rest.consumers().stream()).map(Consumer::consumerName).sorted().toList());
      assertEquals(ConsumerStatus.DELETING, deleting);
      assertEquals(List.of("other"), kinesis.listStreamConsumers(r -> r.streamARN(arn)).get(10, TimeUnit.SECONDS)
          .consumers().stream().map(Consumer::consumerName).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void subscriptionsAndTheirRecordsAreCountedOnMetrics(Engine engine) throws Exception {
    try (KinesisAsyncClient kinesis = client(engine)) {
      // Given an ACTIVE consumer of a stream holding two records
      String stream = TestSluice.uniqueName("efo-metered-" + engine.name().toLowerCase());
      Consumer consumer = streamWithConsumer(kinesis, stream, () -> NODES.clock.advanceSeconds(1));
      kinesis.putRecords(r -> r.streamName(stream).records(
          e -> e.partitionKey("k").data(SdkBytes.fromUtf8String("ab")),
          e -> e.partitionKey("k").data(SdkBytes.fromUtf8String("cde")))).get(10, TimeUnit.SECONDS);

      // When it subscribes from the shard's start and receives both
      Subscriptions subscription = Subscriptions.fromStart(kinesis, consumer.consumerARN());
      assertEquals(List.of("ab", "cde"), subscription.nextRecords(PROMPT));
      subscription.call.cancel(true);

      // Then /metrics counts the subscription and the records it sent
      String metrics = Prometheus.scrape(NODES.endpoint(engine));
      String label = "stream=\"" + stream + "\"";
      assertEquals(1.0, Prometheus.labelledSample(metrics, "kinesis_SubscribeToShard_Success_total", label)
          .orElseThrow());
      assertEquals(2.0, Prometheus.labelledSample(metrics, "kinesis_SubscribeToShardEvent_Records_total", label)
          .orElseThrow());
      assertEquals(5.0, Prometheus.labelledSample(metrics, "kinesis_SubscribeToShardEvent_Bytes_total", label)
          .orElseThrow());
      assertEquals(0.0, Prometheus.labelledSample(metrics, "kinesis_SubscribeToShardEvent_MillisBehindLatest", label)
          .orElseThrow());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void subscribingAgainWithinFiveSecondsIsRefused(Engine engine) throws Exception {
    try (KinesisAsyncClient kinesis = client(engine)) {
      // Given a subscription of a consumer to a shard
      String stream = TestSluice.uniqueName("efo-again-" + engine.name().toLowerCase());
      Consumer consumer = streamWithConsumer(kinesis, stream, () -> NODES.clock.advanceSeconds(1));
      Subscriptions first = Subscriptions.subscribe(kinesis, consumer.consumerARN(), "shardId-000000000000",
          b -> b.startingPosition(p -> p.type(ShardIteratorType.LATEST)));
      first.next(PROMPT);

      // When the same consumer subscribes to the same shard again at once
      Subscriptions second = Subscriptions.subscribe(kinesis, consumer.consumerARN(), "shardId-000000000000",
          b -> b.startingPosition(p -> p.type(ShardIteratorType.LATEST)));

      // Then that call fails with ResourceInUseException
      ExecutionException failed = assertThrows(ExecutionException.class, () -> second.call.get(10, TimeUnit.SECONDS));
      assertInstanceOf(ResourceInUseException.class, failed.getCause());
      first.call.cancel(true);
    }
  }
}
