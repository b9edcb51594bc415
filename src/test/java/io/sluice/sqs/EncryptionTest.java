package io.sluice.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.config.SluiceConfig;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.op.CreateQueue;
import io.sluice.sqs.op.ReceiveMessage;
import io.sluice.sqs.op.SendMessage;
import io.sluice.sqs.store.QueueStore.ReceiveOptions;
import io.sluice.sqs.store.QueueStore;
import io.sluice.storage.StoreEngine;
import io.sluice.storage.StoreEngines;
import io.sluice.testing.Engine;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Server-side encryption as the store sees it: messages are sent through the SQS operations, then
 * read back raw from the engine with {@link QueueStore#receive}. With SSE-SQS or a KMS key the
 * stored payload shows neither body nor attribute values; without SSE it does (so the check can
 * fail), and either way ReceiveMessage answers the plaintext.
 */
@FullLoop
@ParameterizedClass
@EnumSource(Engine.class)
class EncryptionTest {
  private static final String SECRET_BODY = "the-secret-body-7f3a";
  private static final String SECRET_STRING = "secret-attribute-value-91c2";
  private static final byte[] SECRET_BYTES = "secret-binary-value-55ab".getBytes(StandardCharsets.UTF_8);
  private static final RequestContext CTX = new RequestContext("req", "sqs", "SendMessage", WireProtocol.JSON_1_0,
      "us-east-1", "000000000000", "AKIDTEST", "localhost", "http", "/");

  @Parameter
  Engine engine;

  private final ManualClock clock = new ManualClock();
  private Vertx vertx;
  private StoreEngine storeEngine;
  private QueueStore store;
  private SqsServices sqs;

  @BeforeEach
  void engine() throws Exception {
    vertx = Vertx.vertx();
    SluiceConfig config = Sluice.loadConfig(TestSluice.environment(engine, Map.of(),
        RedisTestServer.uniquePrefix("encryption")));
    storeEngine = StoreEngines.create(config, vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    store = storeEngine.open(SqsModule.STORE);
    sqs = new SqsServices(store, new QueueDirectory(store, clock, 0), clock,
        new MessagePayloads(Base64.getDecoder().decode(TestSluice.TEST_SSE_KEY)), new QuietArrivals(),
        config.service(SqsConfig.SECTION), SqsMeters.NONE);
  }

  @AfterEach
  void close() throws Exception {
    if (storeEngine != null) {
      storeEngine.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Creates a queue, sends the secret message through SendMessage and returns the raw stored payload. */
  private byte[] storedPayload(String name, Map<String, String> attributes) {
    String url = join(new CreateQueue(sqs).execute(CTX, new CreateQueue.Request(name, attributes, null))).queueUrl();
    join(new SendMessage(sqs).execute(CTX, new SendMessage.Request(url, SECRET_BODY, null, Map.of(
        "s", MessageAttributeValue.ofString("String", SECRET_STRING),
        "b", MessageAttributeValue.ofBinary("Binary", SECRET_BYTES)), null, null, null)));
    QueueId id = new QueueId("us-east-1", "000000000000", name);
    List<QueueStore.ReceivedMessage> raw = join(store.receive(id,
        new ReceiveOptions(10, 0, 1000, null, null), clock.millis())).messages();
    assertEquals(1, raw.size());
    return raw.get(0).payload();
  }

  private String plaintextReceived(String name) {
    String url = "http://localhost/000000000000/" + name;
    ReceiveMessage.Response r = join(new ReceiveMessage(sqs).execute(CTX, new ReceiveMessage.Request(url, null, null,
        List.of("All"), 1, null, 0, null)));
    assertEquals(SECRET_STRING, r.messages().get(0).messageAttributes().get("s").stringValue());
    return r.messages().get(0).body();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /** Sends the secret message to a new queue with {@code attributes}; it must be unreadable at rest. */
  private void assertEncryptedAtRest(String base, Map<String, String> attributes) {
    String name = TestSluice.uniqueName(base);

    byte[] payload = storedPayload(name, attributes);

    assertFalse(contains(payload, SECRET_BODY.getBytes(StandardCharsets.UTF_8)), "body readable in the store");
    assertFalse(contains(payload, SECRET_STRING.getBytes(StandardCharsets.UTF_8)), "attribute readable in the store");
    assertFalse(contains(payload, SECRET_BYTES), "binary attribute readable in the store");
    assertEquals(SECRET_BODY, plaintextReceived(name));
  }

  @Test
  void sqsManagedEncryptionHidesBodyAndAttributeValuesFromTheStore() {
    assertEncryptedAtRest("sse-sqs", Map.of("SqsManagedSseEnabled", "true"));
  }

  @Test
  void newQueuesAreEncryptedByDefault() {
    assertEncryptedAtRest("sse-default", Map.of());
  }

  @Test
  void kmsKeyEncryptionHidesBodyAndAttributeValuesFromTheStore() {
    assertEncryptedAtRest("sse-kms", Map.of("KmsMasterKeyId", "alias/aws/sqs"));
  }

  @Test
  void withoutEncryptionTheStoredPayloadIsPlain() {
    String name = TestSluice.uniqueName("sse-off");

    byte[] payload = storedPayload(name, Map.of("SqsManagedSseEnabled", "false"));

    assertTrue(contains(payload, SECRET_BODY.getBytes(StandardCharsets.UTF_8)));
    assertTrue(contains(payload, SECRET_STRING.getBytes(StandardCharsets.UTF_8)));
    assertEquals(SECRET_BODY, plaintextReceived(name));
  }
}
