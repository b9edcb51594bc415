package io.sluice.sqs.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The receipt handle handed to a consumer: which queue, which message, and which receive (the
 * store's token). Opaque to clients: URL-safe base64 of {@code queueKey \n messageId \n token}.
 */
public record ReceiptHandle(String queueKey, String messageId, String token) {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  public String encode() {
    return ENCODER.encodeToString((queueKey + "\n" + messageId + "\n" + token).getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a handle; null when it is not one Sluice issued. */
  public static ReceiptHandle decode(String handle) {
    if (handle == null || handle.isEmpty() || handle.length() > 2048) {
      return null;
    }
    try {
      String text = new String(DECODER.decode(handle), StandardCharsets.UTF_8);
      String[] parts = text.split("\n", -1);
      if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
        return null;
      }
      return new ReceiptHandle(parts[0], parts[1], parts[2]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
