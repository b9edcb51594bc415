package io.sluice.it.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Await;
import io.sluice.testing.Engine;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestCluster;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What SNS keeps in Redis is sealed with the SSE key: after publishing to a standard topic (a queue,
 * an email subscription kept in the outbox, a Lambda subscription whose delivery stays pending) and
 * to a FIFO topic with an archive, no key under the node's prefix holds the message text or the
 * private signing key in the clear, while the deliveries still arrive readable.
 */
class SealedContentTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern SUBSCRIBE_URL = Pattern.compile("http://\\S+Action=ConfirmSubscription\\S+");
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:unreachable";
  private static TestSluice node;
  private static Vertx vertx;
  private static Redis redis;

  @BeforeAll
  static void start() {
    // A function whose URL refuses connections: its delivery is retried, so it stays pending in Redis.
    node = TestSluice.start(Engine.REDIS, InstantSource.system(),
        Map.of("SLUICE_SNS_LAMBDA_ENDPOINTS", FUNCTION + "=http://127.0.0.1:1/refused"));
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, RedisTestServer.url());
  }

  @AfterAll
  static void stop() {
    node.close();
    redis.close();
    RedisEngineFixture.join(vertx.close());
  }

  @Test
  void snsContentAndTheSigningKeyAreNotReadableInRedis() throws Exception {
    SnsClient sns = node.sns();
    SqsClient sqs = node.sqs();
    String secret = "top-secret-" + UUID.randomUUID();

    // Given a standard topic with a queue, an email (kept in the outbox) and a Lambda subscription
    String topic = sns.createTopic(b -> b.name(TestSluice.uniqueName("sealed"))).topicArn();
    String queue = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("sealed-q"))).queueUrl();
    sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arnOf(queue)));
    sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint(FUNCTION));
    String address = TestSluice.uniqueName("sealed") + "@example.com";
    sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint(address));
    Matcher confirm = SUBSCRIBE_URL.matcher(kept(address, "Subscription Confirmation").path("body").asText());
    assertTrue(confirm.find());
    get(confirm.group());

    // and a FIFO topic that archives its messages, with a FIFO queue
    String fifo = sns.createTopic(b -> b.name(TestSluice.uniqueName("sealed") + ".fifo")
        .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true",
            "ArchivePolicy", "{\"MessageRetentionPeriod\":\"2\"}"))).topicArn();
    String fifoQueue = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("sealed-q") + ".fifo")
        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
    sns.subscribe(b -> b.topicArn(fifo).protocol("sqs").endpoint(arnOf(fifoQueue)));

    // When the secret is published to both
    sns.publish(b -> b.topicArn(topic).subject("sealed").message(secret));
    sns.publish(b -> b.topicArn(fifo).message(secret).messageGroupId("g"));

    // Then it is delivered readable: to both queues and to the outbox
    assertTrue(Await.receiveOne(sqs, queue, WAIT).body().contains(secret));
    assertTrue(Await.receiveOne(sqs, fifoQueue, WAIT).body().contains(secret));
    assertTrue(kept(address, "sealed").path("body").asText().startsWith(secret));

    // but no key under the node's prefix holds it, or a private key, in the clear
    List<String> keys = RedisTestCluster.keys(redis, node.redisPrefix() + ":*");
    assertTrue(keys.stream().anyMatch(k -> k.contains("sns-outbox")), keys.toString());
    assertTrue(keys.stream().anyMatch(k -> k.contains("sns-signing-keys")), keys.toString());
    assertTrue(keys.stream().anyMatch(k -> k.contains("scheduler:sns-deliveries")), keys.toString());
    List<String> readable = new ArrayList<>();
    for (String key : keys) {
      String value = new String(valueOf(key), StandardCharsets.ISO_8859_1);
      if (value.contains(secret) || value.contains("PRIVATE KEY")) {
        readable.add(key);
      }
    }
    assertEquals(List.of(), readable, "keys holding the message text or the private key in the clear");
  }

  private static String arnOf(String queueUrl) {
    String[] path = URI.create(queueUrl).getPath().split("/");
    return "arn:aws:sqs:us-east-1:" + path[1] + ":" + path[2];
  }

  /** Everything stored under {@code key}, whatever its type, concatenated. */
  private static byte[] valueOf(String key) {
    String type = send(Request.cmd(Command.TYPE).arg(key)).toString();
    Response r = switch (type) {
      case "string" -> send(Request.cmd(Command.GET).arg(key));
      case "hash" -> send(Request.cmd(Command.HGETALL).arg(key));
      case "list" -> send(Request.cmd(Command.LRANGE).arg(key).arg(0).arg(-1));
      case "set" -> send(Request.cmd(Command.SMEMBERS).arg(key));
      case "zset" -> send(Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1));
      case "stream" -> send(Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+"));
      default -> null;
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    flatten(r, out);
    return out.toByteArray();
  }

  private static void flatten(Response r, ByteArrayOutputStream out) {
    if (r == null) {
      return;
    }
    switch (r.type()) {
      case BULK -> out.writeBytes(r.toBytes());
      case MULTI -> {
        if (r.isMap()) {
          for (String field : r.getKeys()) {
            out.writeBytes(field.getBytes(StandardCharsets.ISO_8859_1));
            flatten(r.get(field), out);
          }
        } else {
          r.forEach(child -> flatten(child, out));
        }
      }
      default -> out.writeBytes(r.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Response send(Request request) {
    return RedisEngineFixture.join(redis.send(request));
  }

  /** The outbox mail to {@code address} whose subject contains {@code subject}, once it is there. */
  private static JsonNode kept(String address, String subject) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode listing = JSON.readTree(get(node.endpoint() + "/_sluice/sns/outbox?protocol=email"));
      for (JsonNode m : listing.path("messages")) {
        if (address.equals(m.path("endpoint").asText())
            && m.path("details").path("subject").asText().contains(subject)) {
          return m;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no mail '" + subject + "' to " + address);
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return answer.body();
  }
}
