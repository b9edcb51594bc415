package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kinesis.ShardFeed.SubscribeToShardEvent;
import io.sluice.kinesis.op.SubscribeToShard.StartingPosition;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.eventstream.EventStreamReply;
import io.sluice.protocol.eventstream.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SubscribeToShard on the in-memory store with a manual clock and {@link ManualSignals}: where a
 * subscription starts, records pushed when announced, heartbeats every 5 s, back-pressure,
 * ResourceInUse on a quick re-subscribe, and the end when the stream goes.
 */
class SubscribeToShardTest {
  private static final String SHARD0 = "shardId-000000000000";
  private final MemoryKinesis kinesis = new MemoryKinesis();
  private String consumer;

  /** Collects what a subscription emits, requesting only what the test asks for. */
  private static final class Collector implements Flow.Subscriber<StreamEvent> {
    final List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
    volatile Throwable error;
    volatile boolean completed;
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(StreamEvent item) {
      assertEquals("SubscribeToShardEvent", item.eventType());
      events.add((SubscribeToShardEvent) item.payload());
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onComplete() {
      completed = true;
    }

    List<String> data(int event) {
      return events.get(event).records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
    }
  }

  @BeforeEach
  void activeConsumer() {
    kinesis.activeStream("orders", 1);
    String stream = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().streamARN();
    consumer = kinesis.call(RegisterStreamConsumer::new, new RegisterStreamConsumer.Request(stream, "app", null))
        .consumer().consumerARN();
    kinesis.clock.advanceSeconds(1);
  }

  private String put(String data) {
    return kinesis.call(PutRecord::new, new PutRecord.Request("orders", null, data.getBytes(StandardCharsets.UTF_8),
        "k", null, null)).sequenceNumber();
  }

  private EventStreamReply<SubscribeToShard.Response> subscribe(StartingPosition start) {
    return kinesis.call(SubscribeToShard::new, new SubscribeToShard.Request(consumer, SHARD0, start));
  }

  private Collector collect(StartingPosition start) {
    Collector c = new Collector();
    subscribe(start).events().subscribe(c);
    return c;
  }

  private static StartingPosition of(String type) {
    return new StartingPosition(type, null, null);
  }

  @Test
  void eachStartingPositionStartsWhereAnIteratorWould() {
    String one = put("one");
    kinesis.clock.advanceMillis(10);
    Instant second = kinesis.clock.instant();
    put("two");
    kinesis.clock.advanceSeconds(5);
    List<StartingPosition> starts = List.of(of("TRIM_HORIZON"), new StartingPosition("AT_SEQUENCE_NUMBER", one, null),
        new StartingPosition("AFTER_SEQUENCE_NUMBER", one, null), new StartingPosition("AT_TIMESTAMP", null, second),
        of("LATEST"));
    List<List<String>> got = new java.util.ArrayList<>();

    for (StartingPosition start : starts) {
      Collector c = collect(start);
      c.subscription.request(1);
      got.add(c.data(0));
      c.subscription.cancel();
      kinesis.clock.advanceSeconds(5);
    }

    assertEquals(List.of(List.of("one", "two"), List.of("one", "two"), List.of("two"), List.of("two"), List.of()),
        got);
  }

  @Test
  void recordsSealedAtRestArePushedAsTheyWerePut() {
    // Given a record put before encryption and one put while it is on
    put("plain");
    kinesis.call(StartStreamEncryption::new, new StartStreamEncryption.Request("orders", "KMS", "alias/aws/kinesis",
        null));
    kinesis.clock.advanceSeconds(1);
    put("secret");

    // When a subscription reads the shard from its start
    Collector c = collect(of("TRIM_HORIZON"));
    c.subscription.request(1);

    // Then both come as they were put, the sealed one marked as encrypted
    assertEquals(List.of("plain", "secret"), c.data(0));
    assertEquals(java.util.Arrays.asList(null, "KMS"),
        c.events.get(0).records().stream().map(GetRecords.Record::encryptionType).toList());
  }

  @Test
  void recordsArePushedWhenAnnouncedAndOnlyAsFarAsRequested() {
    // Given a subscription to an empty shard whose first (empty) event was taken
    Collector c = collect(of("LATEST"));
    c.subscription.request(1);

    // When a record is put without a request outstanding, then one event is requested, then another record put
    String first = put("first");
    int beforeRequest = c.events.size();
    c.subscription.request(1);
    c.subscription.request(1);
    int waitingAfterDrain = kinesis.signals.waiting();
    String second = put("second");

    // Then nothing came before the request; each record came in its own event, pushed
    assertEquals(1, beforeRequest);
    assertEquals(List.of(), c.data(0));
    assertEquals(List.of("first"), c.data(1));
    assertEquals(first, c.events.get(1).continuationSequenceNumber());
    assertEquals(1, waitingAfterDrain);
    assertEquals(List.of("second"), c.data(2));
    assertEquals(second, c.events.get(2).continuationSequenceNumber());
    assertEquals(0L, c.events.get(2).millisBehindLatest());
  }

  @Test
  void theContinuationOfAnEventWithoutRecordsResumesWhereTheSubscriptionStood() {
    put("old");
    kinesis.clock.advanceMillis(10);
    List<String> continuations = new java.util.ArrayList<>();
    List<List<String>> resumed = new java.util.ArrayList<>();

    for (String type : List.of("LATEST", "AT_TIMESTAMP")) {
      Collector c = collect(new StartingPosition(type, null, kinesis.clock.instant()));
      c.subscription.request(1);
      continuations.add(c.data(0).isEmpty() ? c.events.getFirst().continuationSequenceNumber() : "had records");
      c.subscription.cancel();
      kinesis.clock.advanceSeconds(5);
      put("new " + type);
      Collector again = collect(new StartingPosition("AFTER_SEQUENCE_NUMBER", continuations.getLast(), null));
      again.subscription.request(1);
      resumed.add(again.data(0));
      again.subscription.cancel();
      kinesis.clock.advanceSeconds(5);
    }

    assertEquals(List.of(List.of("new LATEST"), List.of("new AT_TIMESTAMP")), resumed);
  }

  @Test
  void anEmptyEventComesEveryFiveSecondsAndContinuesWhereTheLastRecordWas() {
    String last = put("r");
    Collector c = collect(of("TRIM_HORIZON"));
    c.subscription.request(3);

    kinesis.clock.advanceMillis(4_999);
    kinesis.signals.fireDue();
    int before = c.events.size();
    kinesis.clock.advanceMillis(1);
    kinesis.signals.fireDue();

    assertEquals(1, before);
    assertEquals(2, c.events.size());
    assertEquals(List.of(), c.data(1));
    assertEquals(last, c.events.get(1).continuationSequenceNumber());
  }

  @Test
  void theSameConsumerAndShardAreRefusedForFiveSecondsAfterASubscription() {
    subscribe(of("LATEST"));
    kinesis.clock.advanceMillis(4_999);

    assertEquals("ResourceInUseException", kinesis.errorCode(SubscribeToShard::new,
        new SubscribeToShard.Request(consumer, SHARD0, of("LATEST"))));
    kinesis.clock.advanceMillis(1);
    assertEquals(Duration.ofMinutes(5), subscribe(of("LATEST")).maxDuration());
  }

  @Test
  void aSubscriptionFiveSecondsLaterTakesOverAndTheOldOneEndsWithResourceInUse() {
    Collector old = collect(of("LATEST"));
    old.subscription.request(2);
    kinesis.clock.advanceMillis(5_000);

    Collector taking = collect(of("LATEST"));
    taking.subscription.request(1);

    assertEquals(1, old.events.size());
    AwsException error = assertInstanceOf(AwsException.class, old.error);
    assertEquals("ResourceInUseException", error.error().code());
    assertEquals(1, taking.events.size());
    assertEquals(null, taking.error);
  }

  @Test
  void aConsumerNotActiveOrAShardNotThereIsRefused() {
    String stream = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().streamARN();
    String creating = kinesis.call(RegisterStreamConsumer::new, new RegisterStreamConsumer.Request(stream, "new",
        null)).consumer().consumerARN();

    assertEquals("ResourceInUseException", kinesis.errorCode(SubscribeToShard::new,
        new SubscribeToShard.Request(creating, SHARD0, of("LATEST"))));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(SubscribeToShard::new,
        new SubscribeToShard.Request(consumer, "shardId-000000000001", of("LATEST"))));
    assertEquals("ValidationException", kinesis.errorCode(SubscribeToShard::new,
        new SubscribeToShard.Request(consumer, SHARD0, of("NEWEST"))));
    assertEquals("InvalidArgumentException", kinesis.errorCode(SubscribeToShard::new,
        new SubscribeToShard.Request(consumer, SHARD0, of("AT_SEQUENCE_NUMBER"))));
  }

  @Test
  void aSubscriptionEndsWithResourceNotFoundWhenItsStreamIsDeleted() {
    Collector c = collect(of("LATEST"));
    c.subscription.request(2);

    kinesis.call(DeleteStream::new, new DeleteStream.Request("orders", null, true));
    kinesis.clock.advanceSeconds(5);
    kinesis.signals.fireDue();

    assertEquals(1, c.events.size());
    AwsException error = assertInstanceOf(AwsException.class, c.error);
    assertEquals("ResourceNotFoundException", error.error().code());
    assertTrue(c.error != null);
  }

  @Test
  void aClosedShardsSubscriptionSendsItsLastRecordsThenItsChildrenWithoutContinuationAndEnds() {
    // Given a subscription that read the shard's first record
    put("one");
    Collector c = collect(of("TRIM_HORIZON"));
    c.subscription.request(1);
    put("two");

    // When the shard is split while the subscription waits, and the client asks for more
    kinesis.call(SplitShard::new, new SplitShard.Request("orders", null, SHARD0,
        java.math.BigInteger.ONE.shiftLeft(127).toString()));
    c.subscription.request(5);

    // Then the remaining record comes with the children and no continuation, and the stream ends
    assertEquals(2, c.events.size());
    assertEquals(List.of("one"), c.data(0));
    assertTrue(c.events.get(0).childShards() == null);
    SubscribeToShardEvent last = c.events.get(1);
    assertEquals(List.of("two"), c.data(1));
    assertEquals(null, last.continuationSequenceNumber());
    assertEquals(List.of("shardId-000000000001", "shardId-000000000002"),
        last.childShards().stream().map(io.sluice.kinesis.Shapes.ChildShard::shardId).toList());
    assertEquals(List.of(SHARD0), last.childShards().getFirst().parentShards());
    assertTrue(c.completed);
    assertEquals(null, c.error);
  }
}
