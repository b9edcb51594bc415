package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sealing with the SSE key: round trips, nothing readable, tampering and other keys detected, unsealed text kept. */
class SealerTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] OTHER_KEY = filled(7);
  private final Sealer sealer = new Sealer(KEY);

  private static byte[] filled(int value) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) value);
    return key;
  }

  @Test
  void sealedBytesOpenToTheOriginalAndHideIt() {
    byte[] plain = "the message text".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = sealer.seal(plain, "k");
    assertTrue(Sealer.isSealed(sealed));
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("message text"));
    assertArrayEquals(plain, sealer.open(sealed));
    assertNotEquals(Arrays.toString(sealed), Arrays.toString(sealer.seal(plain, "k")), "a fresh nonce each time");
  }

  @Test
  void tamperedBytesDoNotOpen() {
    byte[] sealed = sealer.seal(new byte[] {1, 2, 3}, "k");
    sealed[sealed.length - 1] ^= 1;
    assertThrows(IllegalStateException.class, () -> sealer.open(sealed));
  }

  @Test
  void anotherKeyCannotOpen() {
    byte[] sealed = sealer.seal(new byte[] {1, 2, 3}, "k");
    assertThrows(IllegalStateException.class, () -> new Sealer(OTHER_KEY).open(sealed));
  }

  @Test
  void sealedTextOpensAndUnsealedTextIsReadAsItIs() {
    String sealed = sealer.sealText("-----BEGIN PRIVATE KEY-----", "k");
    assertFalse(sealed.contains("PRIVATE KEY"));
    assertEquals("-----BEGIN PRIVATE KEY-----", sealer.openText(sealed));
    assertEquals("-----BEGIN PRIVATE KEY-----", sealer.openText("-----BEGIN PRIVATE KEY-----"));
  }

  @Test
  void unsealedBytesAreReadAsTheyAre() {
    byte[] json = "{\"messageId\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(json, sealer.openIfSealed(json));
  }

  @Test
  void aKeyOfAnotherLengthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Sealer(new byte[16]));
  }
}
