package io.sluice.sns.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.protocol.JsonCodec;
import io.sluice.storage.Sealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A message as accepted by Publish, kept in the outbox until every subscription has it.
 *
 * @param structured    true when published with {@code MessageStructure=json}: {@code message} is
 *                      then a JSON object with a message per protocol and a {@code default}
 * @param endpointBase  {@code scheme://host} the publisher called; the base of the SigningCertURL
 *                      and UnsubscribeURL in the notifications
 * @param timestamp     epoch millis of the publish
 */
public record PublishedMessage(String messageId, String topicArn, String subject, String message,
                               boolean structured, Map<String, MessageAttribute> attributes, String groupId,
                               String deduplicationId, long timestamp, String endpointBase) {

  private static final ObjectMapper JSON = JsonCodec.json();
  private static final String SEAL_KEY = "sns-message";

  public PublishedMessage {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /**
   * The text a subscription of {@code protocol} receives: the protocol's own entry of a structured
   * message, else its {@code default}.
   */
  public String messageFor(String protocol) {
    if (!structured) {
      return message;
    }
    try {
      JsonNode node = JSON.readTree(message);
      JsonNode own = node.get(protocol);
      if (own != null && own.isTextual()) {
        return own.asText();
      }
      return node.path("default").asText("");
    } catch (IOException e) {
      return message;
    }
  }

  /** The stored form (compact JSON). */
  public byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored form sealed by {@code sealer}, so that the store keeps no message content readable. */
  public byte[] toSealedBytes(Sealer sealer) {
    return sealer.seal(toBytes(), SEAL_KEY);
  }

  /** A message stored by {@link #toSealedBytes}, or by {@link #toBytes} (as versions before sealing did). */
  public static PublishedMessage fromStored(Sealer sealer, byte[] stored) {
    return fromBytes(sealer.openIfSealed(stored));
  }

  public static PublishedMessage fromBytes(byte[] stored) {
    try {
      return JSON.readValue(stored, PublishedMessage.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
