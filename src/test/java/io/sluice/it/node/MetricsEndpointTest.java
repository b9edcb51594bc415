package io.sluice.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.RawHttp;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code GET /metrics}: per-queue counters as operations happen, and per-queue gauges re-read from
 * the store every {@code metrics-refresh-ms}, named after SQS's CloudWatch metrics.
 */
class MetricsEndpointTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
  private static TestSluice node;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, CLOCK, Map.of("SLUICE_METRICS_REFRESH_MS", "200"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void operationsCountPerQueue() {
    // Given a queue to which two messages are sent, one received and deleted, and one empty receive
    SqsClient sqs = node.sqs();
    String name = TestSluice.uniqueName("counted");
    String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("12345"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("678"));
    var got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(600)).messages();
    got.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
    sqs.receiveMessage(b -> b.queueUrl(url));

    // When /metrics is scraped
    String metrics = Prometheus.scrape(node.endpoint());

    // Then the counters show what happened to that queue
    assertEquals(2.0, Prometheus.queueSample(metrics, "sqs_NumberOfMessagesSent_total", name).orElseThrow());
    assertEquals(8.0, Prometheus.queueSample(metrics, "sqs_SentMessageSize_total", name).orElseThrow());
    assertEquals(got.size(), Prometheus.queueSample(metrics, "sqs_NumberOfMessagesReceived_total", name).orElseThrow());
    assertEquals(got.size(), Prometheus.queueSample(metrics, "sqs_NumberOfMessagesDeleted_total", name).orElseThrow());
    assertEquals(1.0, Prometheus.queueSample(metrics, "sqs_NumberOfEmptyReceives_total", name).orElseThrow());
  }

  @Test
  void gaugesFollowTheQueuesContents() {
    // Given a queue with two messages sent 2 minutes ago, one of them in flight, and one delayed
    SqsClient sqs = node.sqs();
    String name = TestSluice.uniqueName("gauged");
    String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("a"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("b"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(900));
    assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(3600)).messages().size());
    CLOCK.advanceSeconds(120);

    // When the gauges are next refreshed, Then /metrics shows the queue's state
    String metrics = Prometheus.awaitQueueSample(node.endpoint(), "sqs_ApproximateAgeOfOldestMessage_seconds", name,
        v -> v == 120.0, WAIT);
    assertEquals(1.0, Prometheus.queueSample(metrics, "sqs_ApproximateNumberOfMessagesVisible", name).orElseThrow());
    assertEquals(1.0, Prometheus.queueSample(metrics, "sqs_ApproximateNumberOfMessagesNotVisible", name).orElseThrow());
    assertEquals(1.0, Prometheus.queueSample(metrics, "sqs_ApproximateNumberOfMessagesDelayed", name).orElseThrow());
    assertTrue(metrics.contains("account=\"000000000000\""));
  }

  @Test
  void gaugesOfWipedQueuesDisappear() {
    // Given a queue whose gauges are on /metrics
    String name = TestSluice.uniqueName("wiped");
    node.sqs().createQueue(b -> b.queueName(name));
    Prometheus.awaitQueueSample(node.endpoint(), "sqs_ApproximateNumberOfMessagesVisible", name, v -> v == 0.0, WAIT);

    // When all state is wiped
    assertEquals(200, RawHttp.post(node.endpoint().resolve("/_sluice/reset"), Map.of(), "").status());

    // Then its gauges go with the next refresh
    Prometheus.awaitQueueSample(node.endpoint(), "sqs_ApproximateNumberOfMessagesVisible", name, Double::isNaN, WAIT);
  }

  @Test
  void vertxAndJvmMetricsAreExposed() {
    RawHttp.postForm(node.endpoint(), "Action=LaunchRocket");
    long deadline = System.nanoTime() + WAIT.toNanos();
    String metrics;
    do {
      metrics = Prometheus.scrape(node.endpoint());
    } while (!metrics.contains("jvm_memory_used_bytes") && System.nanoTime() < deadline);
    assertTrue(metrics.contains("vertx_http_server_requests_total"), "no Vert.x HTTP metrics");
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "no JVM metrics");
  }
}
