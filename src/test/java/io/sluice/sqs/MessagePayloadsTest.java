package io.sluice.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.sqs.model.StoredContent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagePayloadsTest {
  private static final byte[] KEY = new byte[32];
  private final MessagePayloads payloads = new MessagePayloads(KEY);
  private final StoredContent content = new StoredContent("secret body",
      Map.of("color", MessageAttributeValue.ofString("String", "classified-value")), null, "AKID", "md5", null, null);

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + n.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + n.length, n, 0, n.length)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void sealedPayloadsHideBodyAndAttributesAndOpenAgain() {
    byte[] sealed = payloads.seal(content, MessagePayloads.SQS_MANAGED_KEY);
    assertFalse(contains(sealed, "secret body"));
    assertFalse(contains(sealed, "classified-value"));
    assertEquals(content.body(), payloads.open(sealed).body());
    assertEquals("classified-value", payloads.open(sealed).attributes().get("color").stringValue());
  }

  @Test
  void unsealedPayloadsOpenToo() {
    byte[] plain = payloads.seal(content, null);
    assertTrue(contains(plain, "secret body"));
    assertEquals(content, payloads.open(plain));
  }

  @Test
  void eachSealUsesAFreshNonce() {
    assertFalse(Arrays.equals(payloads.seal(content, "k"), payloads.seal(content, "k")));
  }

  @Test
  void aTamperedOrForeignPayloadDoesNotOpen() {
    byte[] sealed = payloads.seal(content, "kms:alias/x");
    byte[] tampered = sealed.clone();
    tampered[tampered.length - 1] ^= 1;
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThrows(IllegalStateException.class, () -> payloads.open(tampered));
    assertThrows(IllegalStateException.class, () -> new MessagePayloads(otherKey).open(sealed));
  }
}
