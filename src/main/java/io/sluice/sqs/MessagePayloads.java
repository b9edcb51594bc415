package io.sluice.sqs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.sqs.model.StoredContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns message content into the opaque bytes the store keeps, and back. Content is CBOR; for
 * queues with server-side encryption (SSE-SQS or a KMS key) it is sealed with AES-256-GCM under a
 * data key derived from the configured master key and the queue's key id, so nothing readable
 * reaches the store. Layout: {@code 0, cbor} or {@code 1, keyIdLength, keyId, nonce(12), ciphertext+tag}.
 */
public final class MessagePayloads {
  /** Key id under which SSE-SQS (SqsManagedSseEnabled) queues are sealed. */
  public static final String SQS_MANAGED_KEY = "sqs-managed";
  private static final byte PLAIN = 0;
  private static final byte SEALED = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private static final ObjectMapper CBOR = CBORMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();
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
  public MessagePayloads(byte[] masterKey) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("master key must be 32 bytes");
    }
    this.masterKey = masterKey.clone();
  }

  /** Serializes {@code content}; seals it when {@code keyId} is not null. */
  public byte[] seal(StoredContent content, String keyId) {
    byte[] cbor;
    try {
      cbor = CBOR.writeValueAsBytes(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (keyId == null) {
      byte[] out = new byte[cbor.length + 1];
      out[0] = PLAIN;
      System.arraycopy(cbor, 0, out, 1, cbor.length);
      return out;
    }
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
      byte[] sealed = cipher.doFinal(cbor);
      ByteBuffer out = ByteBuffer.allocate(2 + id.length + NONCE_BYTES + sealed.length);
      out.put(SEALED).put((byte) id.length).put(id).put(nonce).put(sealed);
      return out.array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal message", e);
    }
  }

  /** Reverses {@link #seal}; fails if the payload was tampered with or sealed under another master key. */
  public StoredContent open(byte[] payload) {
    byte[] cbor;
    if (payload[0] == PLAIN) {
      cbor = java.util.Arrays.copyOfRange(payload, 1, payload.length);
    } else {
      int idLength = payload[1] & 0xFF;
      String keyId = new String(payload, 2, idLength, StandardCharsets.UTF_8);
      int nonceAt = 2 + idLength;
      try {
        Cipher cipher = CIPHER.get();
        cipher.init(Cipher.DECRYPT_MODE, dataKey(keyId),
            new GCMParameterSpec(TAG_BITS, payload, nonceAt, NONCE_BYTES));
        cipher.updateAAD(payload, 2, idLength);
        int dataAt = nonceAt + NONCE_BYTES;
        cbor = cipher.doFinal(payload, dataAt, payload.length - dataAt);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot open message sealed under key " + keyId, e);
      }
    }
    try {
      return CBOR.readValue(cbor, StoredContent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SecretKeySpec dataKey(String keyId) {
    return dataKeys.computeIfAbsent(keyId, id -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(("sluice-sqs-sse:" + id).getBytes(StandardCharsets.UTF_8)), "AES");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
