package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.assertAwsError;
import static io.sluice.it.sqs.SqsTesting.createQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.TestSluice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Long polling in real time: a waiting receive answers as soon as something arrives, however it
 * arrives, and otherwise after its wait. Bounds are generous on purpose: a waiting receive that
 * was not woken would take its full 20 s.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class LongPollingTest extends SharedNodeTest {
  private static final Duration WELL_BEFORE_THE_WAIT = Duration.ofSeconds(10);
  /** Far below the 20 s a poll that was not woken would take. */
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void sendThroughAnotherClientWakesAWaitingReceiveAtOnce() throws Exception {
    // Given a receive waiting up to 20 s on an empty queue (async client)
    String url = createQueue(sqs(), "wake");
    long started = System.nanoTime();
    CompletableFuture<ReceiveMessageResponse> waiting = sqsAsync().receiveMessage(b -> b.queueUrl(url)
        .waitTimeSeconds(20));
    Thread.sleep(300);
    assertFalse(waiting.isDone(), "an empty queue makes the receive wait");

    // When a message is sent through the other (sync) client
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("wake up"));

    // Then the waiting receive returns it, well before its wait time
    List<Message> got = await(waiting).messages();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(List.of("wake up"), got.stream().map(Message::body).toList());
    assertTrue(took.compareTo(WELL_BEFORE_THE_WAIT) < 0, "took " + took);
  }

  @Test
  void batchSendWakesEveryWaitingReceive() throws Exception {
    // Given three receives waiting on one queue
    String url = createQueue(sqs(), "wakeall");
    long started = System.nanoTime();
    List<CompletableFuture<ReceiveMessageResponse>> waiting = IntStream.range(0, 3)
        .mapToObj(i -> sqsAsync().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20))).toList();
    Thread.sleep(300);

    // When a batch of three is sent
    sqs().sendMessageBatch(b -> b.queueUrl(url).entries(e -> e.id("a").messageBody("a"), e -> e.id("b").messageBody("b"),
        e -> e.id("c").messageBody("c")));

    // Then all three answer soon, one message each
    int total = 0;
    for (CompletableFuture<ReceiveMessageResponse> w : waiting) {
      total += await(w).messages().size();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(WELL_BEFORE_THE_WAIT) < 0, "took " + took);
    assertEquals(3, total);
  }

  @Test
  void emptyQueueAnswersAfterTheWaitTimeWithNoMessages() {
    // Given an empty queue
    String url = createQueue(sqs(), "empty");

    // When a receive waits 1 s
    long started = System.nanoTime();
    List<Message> got = sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Then it waited about that long and returned nothing
    assertTrue(got.isEmpty());
    assertTrue(took.toMillis() >= 950, "took " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "took " + took);
  }

  @Test
  void queueReceiveWaitTimeAppliesWhenTheCallNamesNone() throws Exception {
    // Given a queue whose receives wait 20 s by default, and one that waits 1 s
    String longUrl = createQueue(sqs(), "qwait", Map.of(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20"));
    String shortUrl = createQueue(sqs(), "qshort", Map.of(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "1"));

    // When receives without WaitTimeSeconds are made
    long started = System.nanoTime();
    CompletableFuture<ReceiveMessageResponse> waiting = sqsAsync().receiveMessage(b -> b.queueUrl(longUrl));
    List<Message> none = sqs().receiveMessage(b -> b.queueUrl(shortUrl)).messages();
    long shortTook = (System.nanoTime() - started) / 1_000_000;
    assertFalse(waiting.isDone(), "the 20 s queue's receive is still waiting");
    sqs().sendMessage(b -> b.queueUrl(longUrl).messageBody("late"));

    // Then the short one waited its second, and the long one returned the message when it came
    assertTrue(none.isEmpty());
    assertTrue(shortTook >= 950, "short receive took " + shortTook + " ms");
    assertEquals("late", await(waiting).messages().get(0).body());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(WELL_BEFORE_THE_WAIT) < 0);
    // and WaitTimeSeconds=0 overrides the queue's wait
    long quick = System.nanoTime();
    sqs().receiveMessage(b -> b.queueUrl(longUrl).waitTimeSeconds(0));
    assertTrue(Duration.ofNanos(System.nanoTime() - quick).compareTo(Duration.ofSeconds(5)) < 0);
  }

  @Test
  void delayedMessageBecomingVisibleEndsTheWait() {
    // Given a message delayed by 1 s
    String url = createQueue(sqs(), "delaywake");
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(1));

    // When a receive waits up to 20 s
    long started = System.nanoTime();
    List<Message> got = sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Then it returns the message once the delay is over
    assertEquals("later", got.get(0).body());
    assertTrue(took.toMillis() >= 500, "took " + took);
    assertTrue(took.compareTo(WELL_BEFORE_THE_WAIT) < 0, "took " + took);
  }

  @Test
  void inFlightMessageBecomingVisibleEndsTheWait() {
    // Given a message received with a 1 s visibility timeout
    String url = createQueue(sqs(), "visiblewake");
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("again"));
    sqs().receiveMessage(b -> b.queueUrl(url).visibilityTimeout(1));

    // When a receive waits up to 20 s
    long started = System.nanoTime();
    List<Message> got = sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Then it gets the message back when its timeout ends
    assertEquals("again", got.get(0).body());
    assertTrue(took.compareTo(WELL_BEFORE_THE_WAIT) < 0, "took " + took);
  }

  @Test
  void visibilityChangedToZeroAnswersAHeldPollAtOnce() throws Exception {
    // Given a message in flight for 60 s and a 20 s poll held on its queue
    String url = createQueue(sqs(), "cmvzero");
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("redeliver"));
    Message inFlight = sqs().receiveMessage(b -> b.queueUrl(url).visibilityTimeout(60)).messages().get(0);
    long started = System.nanoTime();
    CompletableFuture<ReceiveMessageResponse> waiting = sqsAsync().receiveMessage(b -> b.queueUrl(url)
        .waitTimeSeconds(20));
    Prometheus.awaitHeldPolls(TestSluice.shared(engine).endpoint(), 1);

    // When another client makes it visible at once (as the SQS JMS library's Session.recover() does)
    sqs().changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(inFlight.receiptHandle()).visibilityTimeout(0));

    // Then the held poll answers it well before its wait ends
    assertEquals(List.of("redeliver"), await(waiting).messages().stream().map(Message::body).toList());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(PROMPTLY) < 0, "took " + took);
  }

  @Test
  void visibilityShortenedInABatchAnswersAHeldPollWhenTheNewTimeoutEnds() throws Exception {
    // Given a message in flight for 60 s and a 20 s poll held on its queue
    String url = createQueue(sqs(), "cmvshort");
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("sooner"));
    Message inFlight = sqs().receiveMessage(b -> b.queueUrl(url).visibilityTimeout(60)).messages().get(0);
    long started = System.nanoTime();
    CompletableFuture<ReceiveMessageResponse> waiting = sqsAsync().receiveMessage(b -> b.queueUrl(url)
        .waitTimeSeconds(20));
    Prometheus.awaitHeldPolls(TestSluice.shared(engine).endpoint(), 1);

    // When another client shortens its visibility to 1 s in a batch
    sqs().changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(e -> e.id("1")
        .receiptHandle(inFlight.receiptHandle()).visibilityTimeout(1)));

    // Then the held poll answers it once that second is over, well before its wait ends
    assertEquals(List.of("sooner"), await(waiting).messages().stream().map(Message::body).toList());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(PROMPTLY) < 0, "took " + took);
  }

  @Test
  void waitTimeOutsideZeroToTwentyIsInvalid() {
    String url = createQueue(sqs(), "badwait");

    assertAwsError("InvalidParameterValue", () -> sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21)));
    assertAwsError("InvalidParameterValue", () -> sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(-1)));
  }
}
