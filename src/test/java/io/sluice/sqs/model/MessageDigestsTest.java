package io.sluice.sqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The digests against values computed outside Sluice: the body MD5 of "hello" as AWS returns it,
 * and attribute digests from an independent implementation of the Developer Guide's algorithm
 * (cross-checked with moto).
 */
class MessageDigestsTest {

  @Test
  void bodyDigestIsTheMd5OfItsUtf8Bytes() {
    assertEquals("5d41402abc4b2a76b9719d911017c592", MessageDigests.ofBody("hello"));
    assertEquals("3d3ff574b2a6456eb15dc0b8bfe99f09", MessageDigests.ofBody("grüße 🌊"));
  }

  @Test
  void attributeDigestCoversStringNumberAndBinaryInNameOrder() {
    // Given attributes passed in an order that is not their name order
    Map<String, MessageAttributeValue> attrs = Map.of(
        "Population", MessageAttributeValue.ofString("Number", "1250800"),
        "Greeting", MessageAttributeValue.ofBinary("Binary", "Hello, World!".getBytes(StandardCharsets.UTF_8)),
        "City", MessageAttributeValue.ofString("String", "Any City"));

    // Then the digest is AWS's
    assertEquals("28eb0e573cf8e8a77e349a2f968eac4a", MessageDigests.ofAttributes(attrs));
  }

  @Test
  void attributeDigestKeepsCustomTypeLabels() {
    Map<String, MessageAttributeValue> attrs = Map.of(
        "b.custom", MessageAttributeValue.ofString("String.custom", "x"),
        "a", MessageAttributeValue.ofString("Number.float", "3.14"),
        "img", MessageAttributeValue.ofBinary("Binary.gif", new byte[] {0, 1, 2, (byte) 255}));

    assertEquals("8cf6abad4878edebc00a38ffdb9cb660", MessageDigests.ofAttributes(attrs));
  }

  @Test
  void systemAttributeDigestUsesTheSameEncoding() {
    String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    assertEquals("5ae4d5d7636402d80f4eb6d213245a88",
        MessageDigests.ofAttributes(Map.of("AWSTraceHeader", MessageAttributeValue.ofString("String", trace))));
  }

  @Test
  void noAttributesHaveNoDigest() {
    assertNull(MessageDigests.ofAttributes(null));
    assertNull(MessageDigests.ofAttributes(Map.of()));
  }
}
