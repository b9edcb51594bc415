package io.sluice.sns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.bus.ServiceClient;
import io.sluice.ids.RandomIds;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.sns.SnsConfig.SmtpConfig;
import io.sluice.sns.SnsConfig;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.store.InMemoryTopicStore;
import io.sluice.sns.store.TopicStore.PublishEntry;
import io.sluice.sns.store.TopicStore.PublishOptions;
import io.sluice.sns.store.TopicStore.Published;
import io.sluice.testing.Await;
import io.sluice.storage.Sealer;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's leases, on the in-memory store with a manual clock and manual timers: an
 * endpoint that answers when the test says lets an attempt last as long as the test wants. Every
 * step runs on the test's thread, so each assertion sees everything the clock's move caused.
 */
class DeliveryDispatcherTest {
  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = "000000000000";
  private static final long SECOND = 1000;
  private static final long LEASE = 30 * SECOND;
  private static final long HTTP_TIMEOUT = 15 * SECOND;
  /** Three retries one second apart: four attempts in all. */
  private static final String RETRIES = "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,"
      + "\"numRetries\":3,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"numMaxDelayRetries\":0,"
      + "\"backoffFunction\":\"linear\"}}";

  private static Vertx vertx;

  private final ManualClock clock = new ManualClock();
  private final ManualTimers timers = new ManualTimers(clock);
  private final InMemoryTopicStore store = new InMemoryTopicStore();
  private final Endpoint endpoint = new Endpoint();
  private DeliveryDispatcher dispatcher;

  /** How the endpoint answers an attempt. */
  private enum Answer { HANG, FAIL }

  /** An http endpoint that answers as told, in order; an attempt told to hang waits for the test. */
  private static final class Endpoint implements ProtocolDelivery {
    final Deque<Answer> answers = new ArrayDeque<>();
    final List<String> messageIds = new ArrayList<>();
    final List<Promise<Void>> hanging = new ArrayList<>();

    @Override
    public Future<Void> deliver(Attempt attempt) {
      messageIds.add(attempt.message().messageId());
      Answer answer = answers.isEmpty() ? Answer.FAIL : answers.poll();
      if (answer == Answer.FAIL) {
        return Future.failedFuture(new DeliveryFailure(true, "HttpStatus500", "the endpoint answered HTTP 500"));
      }
      Promise<Void> hung = Promise.promise();
      hanging.add(hung);
      return hung.future();
    }
  }

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close();
  }

  @BeforeEach
  void startDispatcher() {
    dispatcher = newDispatcher();
  }

  /** A dispatcher on the test's store, endpoint and time, as a node starts one. */
  private DeliveryDispatcher newDispatcher() {
    SnsConfig config = new SnsConfig(LEASE, SECOND, true, HTTP_TIMEOUT, Optional.empty(), Optional.empty(),
        Map.of(), Optional.empty(), new SmtpConfig("", 25, false, "", "", "sns@example.com"), 0);
    NotificationBodies bodies = new NotificationBodies(Future.succeededFuture());
    DeadLetters deadLetters = new DeadLetters(new ServiceClient(vertx, new ServiceRegistry(List.of()), 1000), bodies);
    DeliveryDispatcher started = new DeliveryDispatcher(BlockingWork.workerPool(vertx), timers, store, clock, config,
        Map.of("http", endpoint), deadLetters, bodies, new Sealer(new byte[32]));
    started.start();
    return started;
  }

  @AfterEach
  void stopDispatcher() {
    dispatcher.stop();
  }

  @Test
  void anAttemptThatOutlastsItsLeaseIsTakenOverAndItsOwnRetriesStop() {
    // Given an http subscription retrying three times a second apart, whose endpoint hangs on the
    // first attempt and fails every other, and a message published to it
    TopicRecord topic = topic("orders", Map.of());
    SubscriptionRecord sub = subscribe(topic, Map.of("DeliveryPolicy", RETRIES, "RawMessageDelivery", "true"));
    endpoint.answers.add(Answer.HANG);
    PublishedMessage message = publishAndDispatch(topic, sub, null);

    // When the lease runs out while that attempt hangs (the sweep takes the delivery over and makes
    // its first attempt, which fails), and the hung attempt then fails too
    clock.advanceMillis(LEASE);
    int afterTakeover = endpoint.messageIds.size();
    endpoint.hanging.get(0).fail(new DeliveryFailure(true, "HttpStatus500", "the endpoint answered HTTP 500"));

    // Then only the takeover's retry is pending, and with it the delivery gets the policy's four
    // attempts beside the hung one, and no more
    assertEquals(2, afterTakeover);
    assertEquals(List.of(clock.millis() + SECOND), timers.oneShots());
    clock.advanceSeconds(1);
    clock.advanceSeconds(1);
    clock.advanceSeconds(1);
    clock.advanceMillis(3 * LEASE);
    assertEquals(List.of(message.messageId(), message.messageId(), message.messageId(), message.messageId(),
        message.messageId()), endpoint.messageIds);
    assertEquals(List.of(), timers.oneShots());
    assertEquals(List.of(), Await.await(store.deliveries().claim(clock.millis(), 10, "test", clock.millis() + LEASE)));
  }

  @Test
  void anAttemptThatFailsWhileItsNodeStopsLeavesItsAttemptCountToTheNextNode() {
    // Given an http subscription retrying three times a second apart, a message published to it,
    // and its first attempt under way at an endpoint that has not answered yet
    TopicRecord topic = topic("orders", Map.of());
    SubscriptionRecord sub = subscribe(topic, Map.of("DeliveryPolicy", RETRIES, "RawMessageDelivery", "true"));
    endpoint.answers.add(Answer.HANG);
    PublishedMessage message = publishAndDispatch(topic, sub, null);

    // When the node stops, the attempt then fails, and another node starts
    Future<Void> stopped = dispatcher.stop();
    boolean stoppedBeforeTheAttemptEnded = stopped.isComplete();
    endpoint.hanging.get(0).fail(new DeliveryFailure(true, "HttpStatus500", "the endpoint answered HTTP 500"));
    dispatcher = newDispatcher();
    clock.advanceMillis(3 * LEASE);
    clock.advanceMillis(3 * LEASE);

    // Then the next node made only the three retries left, four attempts in all, and the stop
    // waited for the attempt's outcome to be stored
    assertEquals(List.of(message.messageId(), message.messageId(), message.messageId(), message.messageId()),
        endpoint.messageIds);
    assertEquals(false, stoppedBeforeTheAttemptEnded);
    assertEquals(true, stopped.isComplete());
  }

  @Test
  void aFifoDeliveryThatWaitedBehindItsGroupRenewsItsLeaseSoASlowAttemptIsNotTakenOver() {
    // Given a FIFO topic's subscription whose endpoint is slow, and two messages of one group
    // published at once (the second waits for the first's attempt)
    TopicRecord topic = topic("orders.fifo", Map.of("FifoTopic", "true"));
    SubscriptionRecord sub = subscribe(topic, Map.of());
    endpoint.answers.add(Answer.HANG);
    endpoint.answers.add(Answer.HANG);
    PublishedMessage first = publishAndDispatch(topic, sub, "group");
    PublishedMessage second = publishAndDispatch(topic, sub, "group");

    // When the first attempt takes 20 s and the second, starting then, 12 s (each within the HTTP
    // timeout, the second ending after the lease granted by the publish)
    clock.advanceSeconds(20);
    endpoint.hanging.get(0).complete();
    clock.advanceSeconds(12);
    endpoint.hanging.get(1).complete();

    // Then each message was delivered once, in order
    clock.advanceMillis(3 * LEASE);
    assertEquals(List.of(first.messageId(), second.messageId()), endpoint.messageIds);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private TopicRecord topic(String name, Map<String, String> attributes) {
    return Await.await(store.createTopic(new TopicRecord(TopicRecord.arnOf(REGION, ACCOUNT, name), REGION, ACCOUNT,
        name, attributes, Map.of(), clock.millis())));
  }

  private SubscriptionRecord subscribe(TopicRecord topic, Map<String, String> attributes) {
    SubscriptionRecord candidate = new SubscriptionRecord(topic.arn() + ":" + RandomIds.uuid(), topic.arn(), ACCOUNT,
        "http", "http://example.com/hook", attributes, null, false, clock.millis());
    return Await.await(store.subscribe(candidate)).orElseThrow().subscription();
  }

  /** Publishes a message to the subscription as Publish does, and hands its delivery to the dispatcher. */
  private PublishedMessage publishAndDispatch(TopicRecord topic, SubscriptionRecord sub, String groupId) {
    String messageId = RandomIds.uuid();
    PublishedMessage message = new PublishedMessage(messageId, topic.arn(), null, "hello", false, Map.of(), groupId,
        groupId == null ? null : messageId, clock.millis(), "http://localhost:4566");
    PublishOptions options = new PublishOptions(topic.isFifo(), dispatcher.newHolder(), dispatcher.leaseUntil(), 0);
    Published published = Await.await(store.publish(topic.arn(), List.of(new PublishEntry(messageId,
        message.deduplicationId(), message.toBytes(), List.of(sub.arn()))), options, clock.millis())).orElseThrow()
        .get(0);
    dispatcher.dispatch(topic, message, Map.of(sub.arn(), sub), published.deliveries());
    return message;
  }
}
