package io.sluice.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals bytes for the store with the node's SSE key: AES-256-GCM under a data key derived from the
 * master key and a key id, the key id bound as associated data. Layout:
 * {@code 1, keyIdLength, keyId, nonce(12), ciphertext+tag}; the leading 1 lets a caller keep
 * unsealed bytes beside sealed ones behind a 0. Sealed text is {@code sealed:} and the base64 of
 * the sealed bytes. SQS message bodies, STS secrets and SNS content (messages, outbox, signing key)
 * use it, each under key ids of its own.
 */
public final class Sealer {
  /** The first byte of every sealed value. */
  public static final byte SEALED = 1;
  private static final String TEXT_PREFIX = "sealed:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  private final byte[] masterKey;
  private final Map<String, SecretKeySpec> dataKeys = new ConcurrentHashMap<>();

  /** @param masterKey 32 bytes of key material from configuration */
  public Sealer(byte[] masterKey) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("master key must be 32 bytes");
    }
    this.masterKey = masterKey.clone();
  }

  /** Seals {@code plain} under the data key of {@code keyId} (at most 255 UTF-8 bytes). */
  public byte[] seal(byte[] plain, String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    if (id.length > 255) {
      throw new IllegalArgumentException("key id too long");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.get().nextBytes(nonce);
    try {
      Cipher cipher = CIPHER.get();
      cipher.init(Cipher.ENCRYPT_MODE, dataKey(keyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(id);
      byte[] sealed = cipher.doFinal(plain);
      ByteBuffer out = ByteBuffer.allocate(2 + id.length + NONCE_BYTES + sealed.length);
      out.put(SEALED).put((byte) id.length).put(id).put(nonce).put(sealed);
      return out.array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal", e);
    }
  }

  /** True when {@code bytes} start as {@link #seal} output does. */
  public static boolean isSealed(byte[] bytes) {
    return bytes.length > 0 && bytes[0] == SEALED;
  }

  /** {@code bytes} opened if sealed, else unchanged (content written before it was sealed). */
  public byte[] openIfSealed(byte[] bytes) {
    return isSealed(bytes) ? open(bytes) : Arrays.copyOf(bytes, bytes.length);
  }

  /** {@code text} sealed as text ({@code sealed:<base64>}). */
  public String sealText(String text, String keyId) {
    return TEXT_PREFIX + Base64.getEncoder().encodeToString(seal(text.getBytes(StandardCharsets.UTF_8), keyId));
  }

  /** Reverses {@link #sealText}; text that is not sealed (written before sealing) comes back unchanged. */
  public String openText(String text) {
    if (text == null || !text.startsWith(TEXT_PREFIX)) {
      return text;
    }
    return new String(open(Base64.getDecoder().decode(text.substring(TEXT_PREFIX.length()))), StandardCharsets.UTF_8);
  }

  /** Reverses {@link #seal}; fails if the bytes were tampered with or sealed under another master key. */
  public byte[] open(byte[] sealed) {
    int idLength = sealed[1] & 0xFF;
    String keyId = new String(sealed, 2, idLength, StandardCharsets.UTF_8);
    int nonceAt = 2 + idLength;
    try {
      Cipher cipher = CIPHER.get();
      cipher.init(Cipher.DECRYPT_MODE, dataKey(keyId), new GCMParameterSpec(TAG_BITS, sealed, nonceAt, NONCE_BYTES));
      cipher.updateAAD(sealed, 2, idLength);
      int dataAt = nonceAt + NONCE_BYTES;
      return cipher.doFinal(sealed, dataAt, sealed.length - dataAt);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open a value sealed under key " + keyId, e);
    }
  }

  private SecretKeySpec dataKey(String keyId) {
    return dataKeys.computeIfAbsent(keyId, id -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
        // The label predates the other users; changing it would make stored SQS bodies unreadable.
        return new SecretKeySpec(mac.doFinal(("sluice-sqs-sse:" + id).getBytes(StandardCharsets.UTF_8)), "AES");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
