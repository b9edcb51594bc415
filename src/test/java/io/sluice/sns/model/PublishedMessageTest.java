package io.sluice.sns.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.storage.Sealer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of a published message: sealed, and readable as older versions stored it. */
class PublishedMessageTest {
  private static final Sealer SEALER = new Sealer(new byte[32]);
  private static final PublishedMessage MESSAGE = new PublishedMessage("m-1", "arn:aws:sns:us-east-1:000000000000:t",
      "subject", "the secret text", false, Map.of(), null, null, 1_000L, "http://localhost");

  @Test
  void theSealedFormHidesTheTextAndReadsBack() {
    byte[] stored = MESSAGE.toSealedBytes(SEALER);
    assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("secret"));
    assertEquals(MESSAGE, PublishedMessage.fromStored(SEALER, stored));
  }

  @Test
  void aMessageStoredUnsealedByAnOlderVersionStillReads() {
    assertEquals(MESSAGE, PublishedMessage.fromStored(SEALER, MESSAGE.toBytes()));
  }
}
