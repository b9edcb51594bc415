package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The SNS scenarios (Sluice only: ElasticMQ has no SNS), each run against one freshly started
 * server. SNS is spoken in the query protocol ({@link SnsWire}), SQS in AWS JSON 1.0
 * ({@link SqsWire}); every subscription is an SQS queue, by default without raw message delivery,
 * so that each queue message is the signed JSON notification envelope ({@code --raw-delivery}).
 * (g) Publish to a topic with one subscriber and (h) with {@code fanout} subscribers, both in the
 * closed loop of scenarios a–c and followed by a count of what reached the queues; (i) the time from
 * a Publish call's start to the message's arrival at a consumer long-polling the queue, with
 * publishes at a fixed rate.
 */
final class SnsScenarios {
  private static final String HOST = "127.0.0.1";
  /** Long polls the consumer of (i) holds on its queue: one waits while the other's reply is handled. */
  private static final int CONSUMER_POLLS = 8;
  /** How long the queues may go without a new message before the count of g and h gives up. */
  private static final long COUNT_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long COUNT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(180);
  private static final String[] DEPTH_ATTRIBUTES = {"ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"};

  private final Options options;
  private final Vertx vertx;
  private final List<Context> contexts;
  private final String body;

  /** A topic and the URLs of the queues subscribed to it. */
  private record Topic(String arn, List<String> queueUrls) {}

  SnsScenarios(Options options, Vertx vertx, List<Context> contexts) {
    this.options = options;
    this.vertx = vertx;
    this.contexts = contexts;
    this.body = Scenarios.messageBody(options.bodyBytes());
  }

  // --- (g), (h) --------------------------------------------------------------------------------

  /** (g) Publish of one body to a topic with one SQS subscriber, back to back from {@code concurrency} connections. */
  Result publish(Servers.Running s) {
    return fanout(s, "bench-g", 1);
  }

  /** (h) The same with {@code fanout} SQS subscribers: each Publish makes that many deliveries. */
  Result publishFanout(Servers.Running s) {
    return fanout(s, "bench-h", options.fanout());
  }

  private Result fanout(Servers.Running s, String name, int subscribers) {
    SqsWire sqs = new SqsWire(vertx, HOST, s.port, 8);
    SnsWire sns = new SnsWire(vertx, HOST, s.port, options.concurrency());
    try {
      Topic topic = topicWithQueues(sns, sqs, name, subscribers);
      Buffer publish = SnsWire.publish(topic.arn(), body);
      LongAdder acknowledged = new LongAdder();
      long begin = System.nanoTime();
      ClosedLoop.Outcome o = new ClosedLoop(contexts, options.concurrency()).run(
          () -> sns.callOk("Publish", publish).map(xml -> {
            acknowledged.increment();
            return 1;
          }), options.warmupSeconds(), options.durationSeconds(), new CpuMeter(s.serverPids()));
      // run() returns once every request it made was answered: this is (about) the last reply.
      long lastReply = System.nanoTime();
      return countArrivals(o, subscribers, sqs, topic.queueUrls(), acknowledged.sum(), begin, lastReply);
    } finally {
      sqs.close();
      sns.close();
    }
  }

  /**
   * Polls the queues' depths (visible + in flight + delayed) until each holds {@code acknowledged}
   * messages, or the depths stop growing for {@link #COUNT_PATIENCE_NANOS}.
   */
  private Result.Fanout countArrivals(ClosedLoop.Outcome o, int subscribers, SqsWire sqs, List<String> urls,
                                      long acknowledged, long begin, long lastReply) {
    long[] depths = new long[urls.size()];
    long lastChange = System.nanoTime();
    long complete = -1;
    String countError = null;
    while (true) {
      long t;
      try {
        long[] now = depths(sqs, urls);
        t = System.nanoTime();
        countError = null;
        if (!Arrays.equals(now, depths)) {
          lastChange = t;
          depths = now;
        }
        if (Arrays.stream(depths).allMatch(d -> d >= acknowledged)) {
          complete = t;
          break;
        }
      } catch (RuntimeException e) {
        // A busy server may not answer in time: try again, within the overall limit.
        t = System.nanoTime();
        lastChange = t;
        countError = "counting the queues failed: " + Scenarios.rootMessage(e);
      }
      if (t - lastChange > COUNT_PATIENCE_NANOS || t - lastReply > COUNT_LIMIT_NANOS) {
        break;
      }
      Servers.sleep(20);
    }
    long arrived = Arrays.stream(depths).sum();
    long lost = Arrays.stream(depths).map(d -> Math.max(0, acknowledged - d)).sum();
    long extra = Arrays.stream(depths).map(d -> Math.max(0, d - acknowledged)).sum();
    long end = complete >= 0 ? complete : lastChange;
    double catchUp = complete >= 0 ? Math.max(0, (complete - lastReply) / 1e9) : Double.NaN;
    double deliveriesPerSecond = end > begin ? arrived / ((end - begin) / 1e9) : 0;
    return new Result.Fanout(o, options.concurrency(), subscribers, acknowledged, arrived, lost, extra, catchUp,
        deliveriesPerSecond, countError);
  }

  /** Each queue's messages: visible, in flight and delayed. */
  private static long[] depths(SqsWire sqs, List<String> urls) {
    List<Future<JsonObject>> replies = new ArrayList<>();
    for (String url : urls) {
      replies.add(sqs.callOk("GetQueueAttributes", SqsWire.getQueueAttributes(url, DEPTH_ATTRIBUTES)));
    }
    Scenarios.await(Future.all(replies), 30);
    long[] depths = new long[urls.size()];
    for (int q = 0; q < depths.length; q++) {
      JsonObject attributes = replies.get(q).result().getJsonObject("Attributes", new JsonObject());
      for (String name : DEPTH_ATTRIBUTES) {
        depths[q] += Long.parseLong(attributes.getString(name, "0"));
      }
    }
    return depths;
  }

  // --- (i) -------------------------------------------------------------------------------------

  /**
   * (i) Publish-to-queue latency. A topic with one SQS subscriber; a consumer holds
   * {@link #CONSUMER_POLLS} long polls (WaitTimeSeconds=20, up to 10 messages, SentTimestamp asked
   * for) on the queue, re-arms each as soon as its reply comes and deletes what it got (a receive
   * that comes back full, a sign the consumer may be behind, is counted). Publishes go out open
   * loop at {@code publish-rate} per second, each numbered in its body. Per message: from the Publish call's start to the reply of the
   * receive that brought it (both {@link System#nanoTime()} of this JVM), and from the same start in
   * wall-clock time to the queue's SentTimestamp (this machine's clock too, to the millisecond).
   * Publishes of the first {@code warmup} seconds are not measured.
   */
  Result publishToQueue(Servers.Running s) {
    int rate = options.publishRate();
    SqsWire sqs = new SqsWire(vertx, HOST, s.port, 8);
    SnsWire sns = new SnsWire(vertx, HOST, s.port, 64);
    AtomicBoolean finished = new AtomicBoolean();
    try {
      Topic topic = topicWithQueues(sns, sqs, "bench-i", 1);
      String url = topic.queueUrls().get(0);
      int warmup = rate * options.warmupSeconds();
      int total = warmup + rate * options.durationSeconds();
      AtomicLongArray startNanos = new AtomicLongArray(total);
      AtomicLongArray startEpochMicros = new AtomicLongArray(total);
      AtomicLongArray callNanos = new AtomicLongArray(total);
      AtomicLongArray receivedNanos = new AtomicLongArray(total);
      AtomicLongArray sentMillis = new AtomicLongArray(total);
      AtomicLong replies = new AtomicLong();
      AtomicLong duplicates = new AtomicLong();
      AtomicLong fullReceives = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicReference<String> firstError = new AtomicReference<>();
      Buffer receive = SqsWire.receiveMessage(url, 10, 20, 600, "SentTimestamp");

      final class Consumer {
        void poll() {
          if (finished.get()) {
            return;
          }
          sqs.call("ReceiveMessage", receive).onComplete(ar -> {
            long t = System.nanoTime();
            if (finished.get()) {
              return;
            }
            if (ar.failed() || !ar.result().ok()) {
              errors.incrementAndGet();
              firstError.compareAndSet(null, "ReceiveMessage: "
                  + (ar.failed() ? Scenarios.rootMessage(ar.cause()) : ar.result().error()));
              vertx.setTimer(100, id -> poll());
              return;
            }
            poll(); // re-armed before anything else, so the queue is hardly ever without a waiting receive
            JsonArray messages = SqsWire.messages(ar.result().json());
            if (messages.size() == 10) {
              fullReceives.incrementAndGet();
            }
            for (int m = 0; m < messages.size(); m++) {
              JsonObject message = messages.getJsonObject(m);
              int k = publishIndex(message.getString("Body", ""));
              if (k < 0 || k >= total) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, "a received message is not one of the publishes: "
                    + message.getString("Body", ""));
              } else if (!receivedNanos.compareAndSet(k, 0, t)) {
                duplicates.incrementAndGet();
              } else {
                JsonObject attributes = message.getJsonObject("Attributes", new JsonObject());
                sentMillis.set(k, Long.parseLong(attributes.getString("SentTimestamp", "0")));
              }
            }
            if (!messages.isEmpty()) {
              sqs.callOk("DeleteMessageBatch", SqsWire.deleteMessageBatch(url, messages)).onFailure(e -> {
                errors.incrementAndGet();
                firstError.compareAndSet(null, Scenarios.rootMessage(e));
              });
            }
          });
        }
      }
      for (int p = 0; p < CONSUMER_POLLS; p++) {
        contexts.get(p % contexts.size()).runOnContext(v -> new Consumer().poll());
      }
      Servers.sleep(200);

      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      long first = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      for (int k = 0; k < total; k++) {
        Buffer publish = SnsWire.publish(topic.arn(), numbered(k));
        long wait = first + k * interval - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        int index = k;
        contexts.get(k % contexts.size()).runOnContext(v -> {
          long start = System.nanoTime();
          startNanos.set(index, start);
          startEpochMicros.set(index, epochMicros());
          sns.callOk("Publish", publish).onComplete(ar -> {
            if (ar.succeeded()) {
              callNanos.set(index, Math.max(1, System.nanoTime() - start));
            } else {
              errors.incrementAndGet();
              firstError.compareAndSet(null, Scenarios.rootMessage(ar.cause()));
            }
            replies.incrementAndGet();
          });
        });
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (replies.get() < total && System.nanoTime() < deadline) {
        Servers.sleep(5);
      }
      // Give what was acknowledged up to 15 s to arrive.
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline && !allReceived(callNanos, receivedNanos, warmup, total)) {
        Servers.sleep(5);
      }
      finished.set(true);

      long[] toReceive = new long[total - warmup];
      long[] toSent = new long[total - warmup];
      long[] calls = new long[total - warmup];
      int n = 0;
      int answered = 0;
      long lost = 0;
      for (int k = warmup; k < total; k++) {
        if (callNanos.get(k) == 0) {
          continue; // not acknowledged: counted among the errors
        }
        calls[answered++] = callNanos.get(k);
        if (receivedNanos.get(k) == 0) {
          lost++;
          continue;
        }
        toReceive[n] = receivedNanos.get(k) - startNanos.get(k);
        toSent[n] = sentMillis.get(k) * 1_000_000 - startEpochMicros.get(k) * 1_000;
        n++;
      }
      int last = total - 1;
      long span = startNanos.get(last) - startNanos.get(warmup);
      double achieved = last > warmup && span > 0 ? (last - warmup) / (span / 1e9) : 0;
      return new Result.PublishToQueue(rate, achieved, Arrays.copyOf(toReceive, n), Arrays.copyOf(toSent, n),
          Arrays.copyOf(calls, answered), total - warmup, lost, duplicates.get(), fullReceives.get(), errors.get(),
          firstError.get());
    } finally {
      finished.set(true);
      sqs.close();
      sns.close();
    }
  }

  /** The message of publish {@code k}: {@code i-<k>-} then the body, {@code body-bytes} long in all. */
  private String numbered(int k) {
    String prefix = "i-" + k + "-";
    return prefix + body.substring(0, Math.max(0, body.length() - prefix.length()));
  }

  /** The number in a received message: the SNS envelope's Message (or a raw body) is {@code i-<k>-…}; -1 if not. */
  static int publishIndex(String queueBody) {
    String message = queueBody;
    if (queueBody.startsWith("{")) {
      try {
        message = new JsonObject(queueBody).getString("Message", "");
      } catch (RuntimeException e) {
        return -1;
      }
    }
    int dash = message.indexOf('-', 2);
    if (!message.startsWith("i-") || dash < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(message.substring(2, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean allReceived(AtomicLongArray callNanos, AtomicLongArray receivedNanos, int from, int to) {
    for (int k = from; k < to; k++) {
      if (callNanos.get(k) != 0 && receivedNanos.get(k) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Wall-clock time in microseconds (the same clock the server stamps SentTimestamp from, to the ms). */
  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Creates a standard topic and {@code queues} queues ({@code <name>-0}…) subscribed to it. */
  private Topic topicWithQueues(SnsWire sns, SqsWire sqs, String name, int queues) {
    String arn = SnsWire.element(Scenarios.await(sns.callOk("CreateTopic", SnsWire.createTopic(name)), 30),
        "TopicArn");
    List<String> urls = new ArrayList<>();
    for (int q = 0; q < queues; q++) {
      String url = Scenarios.createQueue(sqs, name + "-" + q, Map.of());
      String queueArn = Scenarios.await(sqs.callOk("GetQueueAttributes", SqsWire.getQueueAttributes(url, "QueueArn")),
          30).getJsonObject("Attributes").getString("QueueArn");
      Scenarios.await(sns.callOk("Subscribe", SnsWire.subscribeQueue(arn, queueArn, options.rawDelivery())), 30);
      urls.add(url);
    }
    return new Topic(arn, urls);
  }
}
