package io.sluice.sqs.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns so clients can check what arrived: of the body, and of the message
 * (system) attributes in the encoding the SQS Developer Guide describes ("Calculating the MD5 message
 * digest for message attributes"): names sorted; for each, length-prefixed name, length-prefixed
 * data type, a transport byte (1 string, 2 binary) and the length-prefixed value.
 */
public final class MessageDigests {
  private static final HexFormat HEX = HexFormat.of();

  private MessageDigests() {}

  public static String ofBody(String body) {
    return HEX.formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Null when there are no attributes, as SQS omits the digest then. */
  public static String ofAttributes(Map<String, MessageAttributeValue> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    MessageDigest md = md5();
    for (Map.Entry<String, MessageAttributeValue> e : new TreeMap<>(attributes).entrySet()) {
      MessageAttributeValue v = e.getValue();
      lengthPrefixed(md, e.getKey().getBytes(StandardCharsets.UTF_8));
      lengthPrefixed(md, v.dataType().getBytes(StandardCharsets.UTF_8));
      if (v.isBinary()) {
        md.update((byte) 2);
        lengthPrefixed(md, v.binaryValue());
      } else {
        md.update((byte) 1);
        lengthPrefixed(md, v.stringValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return HEX.formatHex(md.digest());
  }

  private static void lengthPrefixed(MessageDigest md, byte[] bytes) {
    md.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    md.update(bytes);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
