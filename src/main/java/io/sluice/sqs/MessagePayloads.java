package io.sluice.sqs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.sqs.model.StoredContent;
import io.sluice.storage.Sealer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns message content into the opaque bytes the store keeps, and back. Content is CBOR; for
 * queues with server-side encryption (SSE-SQS or a KMS key) it is sealed by {@link Sealer} under the
 * queue's key id, so nothing readable reaches the store. Layout: {@code 0, cbor} or a sealed value.
 */
public final class MessagePayloads {
  /** Key id under which SSE-SQS (SqsManagedSseEnabled) queues are sealed. */
  public static final String SQS_MANAGED_KEY = "sqs-managed";
  private static final byte PLAIN = 0;

  private static final ObjectMapper CBOR = CBORMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private final Sealer sealer;

  /** @param masterKey 32 bytes of key material from configuration */
  public MessagePayloads(byte[] masterKey) {
    this.sealer = new Sealer(masterKey);
  }

  /** Serializes {@code content}; seals it when {@code keyId} is not null. */
  public byte[] seal(StoredContent content, String keyId) {
    byte[] cbor;
    try {
      cbor = CBOR.writeValueAsBytes(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (keyId != null) {
      return sealer.seal(cbor, keyId);
    }
    byte[] out = new byte[cbor.length + 1];
    out[0] = PLAIN;
    System.arraycopy(cbor, 0, out, 1, cbor.length);
    return out;
  }

  /** Reverses {@link #seal}; fails if the payload was tampered with or sealed under another master key. */
  public StoredContent open(byte[] payload) {
    byte[] cbor = payload[0] == PLAIN ? java.util.Arrays.copyOfRange(payload, 1, payload.length) : sealer.open(payload);
    try {
      return CBOR.readValue(cbor, StoredContent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
