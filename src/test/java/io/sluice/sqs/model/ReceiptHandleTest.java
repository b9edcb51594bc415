package io.sluice.sqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Receipt and move-task handles: what Sluice issues reads back, anything else reads as null. */
class ReceiptHandleTest {

  @Test
  void issuedHandleDecodesToTheSameQueueMessageAndToken() {
    ReceiptHandle h = new ReceiptHandle("us-east-1/000000000000/orders", "m-1", "3-abc");

    String text = h.encode();

    assertEquals(h, ReceiptHandle.decode(text));
    assertTrue(text.matches("[A-Za-z0-9_-]+"), "URL-safe, no padding: " + text);
  }

  @Test
  void foreignOrDamagedHandlesAreNotHandles() {
    assertNull(ReceiptHandle.decode(null));
    assertNull(ReceiptHandle.decode(""));
    assertNull(ReceiptHandle.decode("not a handle!"));
    assertNull(ReceiptHandle.decode(encode("only\ntwo")));
    assertNull(ReceiptHandle.decode(encode("a\n\nc")));
    assertNull(ReceiptHandle.decode(encode("a\nb\nc\nd")));
    assertNull(ReceiptHandle.decode("A".repeat(2049)));
  }

  @Test
  void moveTaskHandleRoundTripsAndRejectsGarbage() {
    MoveTaskHandle h = new MoveTaskHandle("t-1", "arn:aws:sqs:us-east-1:000000000000:dlq");

    assertEquals(h, MoveTaskHandle.decode(h.encode()));
    assertNull(MoveTaskHandle.decode("garbage"));
    assertNull(MoveTaskHandle.decode(Base64.getEncoder().encodeToString("{\"taskId\":1}".getBytes(StandardCharsets.UTF_8))));
    assertNull(MoveTaskHandle.decode(null));
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
