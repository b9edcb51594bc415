package io.sluice.sqs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The send-side rules of SendMessage and SendMessageBatch entries, without a server. */
class OutgoingMessageTest {
  private static final RequestContext CTX = new RequestContext("req", "sqs", "SendMessage", WireProtocol.JSON_1_0,
      "us-east-1", "000000000000", "AKIDTEST", "localhost", "http", "/");
  private static final MessagePayloads PAYLOADS = new MessagePayloads(new byte[32]);
  private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  private static QueueRecord queue(String name, Map<String, String> attrs) {
    QueueId id = new QueueId("us-east-1", "000000000000", name);
    return new QueueRecord(id, QueueAttributes.forNewQueue(id, attrs), Map.of(), 0, 0, 1);
  }

  private static final QueueRecord STANDARD = queue("std", Map.of());
  private static final QueueRecord FIFO = queue("f.fifo", Map.of("FifoQueue", "true"));

  private static OutgoingMessage.Params body(String body) {
    return new OutgoingMessage.Params(body, null, null, null, null, null);
  }

  private static OutgoingMessage.Params withAttribute(String name, MessageAttributeValue value) {
    Map<String, MessageAttributeValue> attrs = new HashMap<>();
    attrs.put(name, value);
    return new OutgoingMessage.Params("b", null, attrs, null, null, null);
  }

  private static String codeOf(OutgoingMessage.Params p, QueueRecord q) {
    return assertThrows(AwsException.class, () -> OutgoingMessage.prepare(p, q, CTX, PAYLOADS)).error().code();
  }

  @Test
  void validMessageIsSealedWithItsDigestsAndTheQueueDefaultDelay() {
    // Given a queue with a 7 s default delay
    QueueRecord q = queue("delayed", Map.of("DelaySeconds", "7"));

    // When a message with an attribute and a trace header is prepared
    OutgoingMessage out = OutgoingMessage.prepare(new OutgoingMessage.Params("hello", null,
        Map.of("a", MessageAttributeValue.ofString("String", "x")),
        Map.of("AWSTraceHeader", MessageAttributeValue.ofString("String", TRACE)), null, null), q, CTX, PAYLOADS);

    // Then the store gets the delay and an opaque payload, the response its digests
    assertEquals(7000, out.message().delayMillis());
    assertEquals("5d41402abc4b2a76b9719d911017c592", out.content().md5OfBody());
    assertEquals("5ae4d5d7636402d80f4eb6d213245a88", out.content().md5OfSystemAttributes());
    assertEquals("hello", PAYLOADS.open(out.message().payload()).body());
    assertEquals("AKIDTEST", out.content().senderId());
    assertNull(out.message().deduplicationId());
  }

  @Test
  void bodyRulesGiveAwsCodes() {
    assertEquals("MissingParameter", codeOf(body(null), STANDARD));
    assertEquals("MissingParameter", codeOf(body(""), STANDARD));
    assertEquals("InvalidMessageContents", codeOf(body("a\u0000b"), STANDARD));
    assertEquals("InvalidMessageContents", codeOf(body("\uFFFE"), STANDARD));
    assertEquals("InvalidMessageContents", codeOf(body("lone \uD800 surrogate"), STANDARD));
  }

  @Test
  void allowedCharactersIncludeTabsNewlinesAndAstralPlanes() {
    assertDoesNotThrow(() -> OutgoingMessage.prepare(body("\t\n\r ok \uD83C\uDF0A \uE000"), STANDARD, CTX, PAYLOADS));
  }

  @Test
  void sizeCountsBodyAndAttributeNamesTypesAndValues() {
    // Given a queue limited to 1024 bytes
    QueueRecord small = queue("small", Map.of("MaximumMessageSize", "1024"));
    // name "n" (1) + type "String" (6) + value (17) = 24 bytes
    Map<String, MessageAttributeValue> attrs = Map.of("n", MessageAttributeValue.ofString("String", "v".repeat(17)));

    // Then exactly 1024 bytes pass and one more byte fails
    OutgoingMessage.prepare(new OutgoingMessage.Params("x".repeat(1000), null, attrs, null, null, null), small, CTX,
        PAYLOADS);
    assertEquals("InvalidParameterValue", codeOf(
        new OutgoingMessage.Params("x".repeat(1001), null, attrs, null, null, null), small));
    // multi-byte characters count in UTF-8 bytes
    assertEquals("InvalidParameterValue", codeOf(body("é".repeat(513)), small));
    assertEquals(1026, OutgoingMessage.size(body("é".repeat(513))));
  }

  @Test
  void systemAttributesDoNotCountTowardsTheSize() {
    QueueRecord small = queue("small2", Map.of("MaximumMessageSize", "1024"));
    assertDoesNotThrow(() -> OutgoingMessage.prepare(new OutgoingMessage.Params("x".repeat(1024), null, null,
        Map.of("AWSTraceHeader", MessageAttributeValue.ofString("String", TRACE)), null, null), small, CTX, PAYLOADS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS.x", "amazon.x", ".lead", "trail.", "dou..ble", "sp ace", "ü"})
  void invalidAttributeNamesAreRejected(String name) {
    assertEquals("InvalidParameterValue", codeOf(withAttribute(name, MessageAttributeValue.ofString("String", "v")),
        STANDARD));
  }

  @Test
  void attributeNameMayBe256CharactersButNotMore() {
    OutgoingMessage.prepare(withAttribute("a".repeat(256), MessageAttributeValue.ofString("String", "v")), STANDARD,
        CTX, PAYLOADS);
    assertEquals("InvalidParameterValue",
        codeOf(withAttribute("a".repeat(257), MessageAttributeValue.ofString("String", "v")), STANDARD));
  }

  @Test
  void attributeTypesAndValuesMustMatch() {
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a", MessageAttributeValue.ofString(null, "v")), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a", MessageAttributeValue.ofString("Text", "v")), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a", MessageAttributeValue.ofString("String.", "v")), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a", MessageAttributeValue.ofString("String", "")), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a", MessageAttributeValue.ofString("Binary", "v")), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a", MessageAttributeValue.ofBinary("String", new byte[] {1})), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a", MessageAttributeValue.ofBinary("Binary", new byte[0])), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a", MessageAttributeValue.ofString("Number", "12abc")), STANDARD));
    assertEquals("InvalidMessageContents", codeOf(withAttribute("a", MessageAttributeValue.ofString("String", "\u0001")), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(withAttribute("a",
        new MessageAttributeValue(null, null, java.util.List.of("x"), null, "String")), STANDARD));
  }

  @Test
  void numbersFollowSqsPrecisionAndRange() {
    assertEquals(true, OutgoingMessage.isSqsNumber("-12.5e3"));
    assertEquals(true, OutgoingMessage.isSqsNumber("0"));
    assertEquals(true, OutgoingMessage.isSqsNumber("1" + "0".repeat(60)));
    assertEquals(true, OutgoingMessage.isSqsNumber("1E-128"));
    assertEquals(false, OutgoingMessage.isSqsNumber("1E126"));
    assertEquals(false, OutgoingMessage.isSqsNumber("1E-129"));
    assertEquals(false, OutgoingMessage.isSqsNumber("1." + "1".repeat(38)));
    assertEquals(false, OutgoingMessage.isSqsNumber("NaN"));
  }

  @Test
  void atMostTenAttributes() {
    Map<String, MessageAttributeValue> attrs = new HashMap<>();
    for (int i = 0; i < 11; i++) {
      attrs.put("a" + i, MessageAttributeValue.ofString("String", "v"));
    }
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, attrs, null, null, null),
        STANDARD));
  }

  @Test
  void onlyAWellFormedStringTraceHeaderIsASystemAttribute() {
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, null,
        Map.of("SenderId", MessageAttributeValue.ofString("String", "x")), null, null), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, null,
        Map.of("AWSTraceHeader", MessageAttributeValue.ofString("String", "not-a-trace")), null, null), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, null,
        Map.of("AWSTraceHeader", MessageAttributeValue.ofBinary("Binary", TRACE.getBytes(StandardCharsets.UTF_8))),
        null, null), STANDARD));
  }

  @Test
  void traceHeadersNeedAWellFormedRoot() {
    assertEquals(true, OutgoingMessage.isTraceHeader(TRACE));
    assertEquals(true, OutgoingMessage.isTraceHeader(TRACE + ";Lineage=a87bd80c:1|68fd508a:5;"));
    assertEquals(true, OutgoingMessage.isTraceHeader("Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793"));
    assertEquals(false, OutgoingMessage.isTraceHeader("Parent=53995c3f42cd8ad8;Sampled=1"));
    assertEquals(false, OutgoingMessage.isTraceHeader("Root=1-5759e988-bd862e3f"));
    assertEquals(false, OutgoingMessage.isTraceHeader("Root=2-5759e988-bd862e3fe1be46a994272793"));
    assertEquals(false, OutgoingMessage.isTraceHeader("Root"));
  }

  @Test
  void delayRules() {
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", 901, null, null, null, null), STANDARD));
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", -1, null, null, null, null), STANDARD));
    assertEquals(900_000, OutgoingMessage.prepare(new OutgoingMessage.Params("b", 900, null, null, null, null),
        STANDARD, CTX, PAYLOADS).message().delayMillis());
    // FIFO queues take no per-message delay, though an explicit 0 is harmless
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", 5, null, null, "d", "g"), FIFO));
    OutgoingMessage.prepare(new OutgoingMessage.Params("b", 0, null, null, "d", "g"), FIFO, CTX, PAYLOADS);
  }

  @Test
  void fifoNeedsGroupAndDeduplication() {
    assertEquals("MissingParameter", codeOf(new OutgoingMessage.Params("b", null, null, null, "d", null), FIFO));
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, null, null, null, "g"), FIFO));
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, null, null, "d", "g".repeat(129)), FIFO));
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, null, null, "d d", "g"), FIFO));
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, null, null, "d", ""), FIFO));
  }

  @Test
  void contentBasedDeduplicationHashesTheBodyUnlessAnIdIsGiven() {
    QueueRecord cbd = queue("c.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));

    var derived = OutgoingMessage.prepare(new OutgoingMessage.Params("hello", null, null, null, null, "g"), cbd, CTX,
        PAYLOADS);
    var explicit = OutgoingMessage.prepare(new OutgoingMessage.Params("hello", null, null, null, "mine", "g"), cbd, CTX,
        PAYLOADS);

    assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", derived.message().deduplicationId());
    assertEquals("mine", explicit.message().deduplicationId());
  }

  @Test
  void standardQueuesTakeGroupIdsButNoDeduplicationIds() {
    var fair = OutgoingMessage.prepare(new OutgoingMessage.Params("b", null, null, null, null, "tenant-1"), STANDARD,
        CTX, PAYLOADS);
    assertEquals("tenant-1", fair.message().groupId());
    assertEquals("InvalidParameterValue", codeOf(new OutgoingMessage.Params("b", null, null, null, "d", null), STANDARD));
  }
}
