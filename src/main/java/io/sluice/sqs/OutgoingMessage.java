package io.sluice.sqs;

import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.sqs.model.MessageDigests;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.model.StoredContent;
import io.sluice.storage.QueueStore.NewMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates one message of SendMessage or SendMessageBatch against the queue and AWS's limits and
 * prepares what the store keeps (SendMessage API reference; "Amazon SQS message attributes";
 * "Quotas related to messages").
 *
 * @param message  what the store keeps
 * @param content  the content (for digests in the response)
 */
public record OutgoingMessage(NewMessage message, StoredContent content) {
  private static final int MAX_ATTRIBUTES = 10;
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  private static final Pattern FIFO_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");
  private static final HexFormat HEX = HexFormat.of();

  /** The parameters of one message, as SendMessage and a SendMessageBatch entry both carry them. */
  public record Params(String body, Integer delaySeconds, Map<String, MessageAttributeValue> attributes,
                       Map<String, MessageAttributeValue> systemAttributes, String deduplicationId,
                       String groupId) {}

  /** Validates and prepares; throws {@link AwsException} with AWS's code for the first problem. */
  public static OutgoingMessage prepare(Params p, QueueRecord queue, RequestContext ctx, MessagePayloads payloads) {
    boolean fifo = queue.isFifo();
    if (p.body() == null || p.body().isEmpty()) {
      throw AwsException.missingParameter("MessageBody");
    }
    checkCharacters(p.body(), "message body");
    long size = p.body().getBytes(StandardCharsets.UTF_8).length;
    size += validateAttributes(p.attributes());
    validateSystemAttributes(p.systemAttributes());
    int maxSize = queue.intAttribute(QueueAttributes.MAXIMUM_MESSAGE_SIZE, 1_048_576);
    if (size > maxSize) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "One or more parameters are invalid. Reason: Message must be shorter than %d bytes.", maxSize);
    }
    long delaySeconds;
    if (p.delaySeconds() != null) {
      if (p.delaySeconds() < 0 || p.delaySeconds() > 900) {
        throw AwsException.invalidParameter("DelaySeconds", p.delaySeconds(),
            "DelaySeconds must be >= 0 and <= 900.");
      }
      if (fifo && p.delaySeconds() != 0) {
        throw AwsException.invalidParameter("DelaySeconds", p.delaySeconds(),
            "The request include parameter that is not valid for this queue type.");
      }
      delaySeconds = p.delaySeconds();
    } else {
      delaySeconds = queue.intAttribute(QueueAttributes.DELAY_SECONDS, 0);
    }
    String dedupId = p.deduplicationId();
    if (p.groupId() != null) {
      checkFifoId("MessageGroupId", p.groupId());
    }
    if (fifo) {
      if (p.groupId() == null || p.groupId().isEmpty()) {
        throw AwsException.missingParameter("MessageGroupId");
      }
      if (dedupId != null) {
        checkFifoId("MessageDeduplicationId", dedupId);
      } else if (queue.boolAttribute(QueueAttributes.CONTENT_BASED_DEDUPLICATION)) {
        dedupId = sha256Hex(p.body());
      } else {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId"
                + " provided explicitly");
      }
    } else if (dedupId != null) {
      throw AwsException.invalidParameter("MessageDeduplicationId", dedupId,
          "The request includes a parameter that is not valid for this queue type.");
    }
    Map<String, MessageAttributeValue> attrs = p.attributes() == null || p.attributes().isEmpty()
        ? null : Map.copyOf(p.attributes());
    Map<String, MessageAttributeValue> sys = p.systemAttributes() == null || p.systemAttributes().isEmpty()
        ? null : Map.copyOf(p.systemAttributes());
    String sender = ctx.accessKeyId() == null || ctx.accessKeyId().isEmpty() ? ctx.account() : ctx.accessKeyId();
    StoredContent content = new StoredContent(p.body(), attrs, sys, sender, MessageDigests.ofBody(p.body()),
        MessageDigests.ofAttributes(attrs), MessageDigests.ofAttributes(sys));
    byte[] payload = payloads.seal(content, QueueAttributes.encryptionKeyId(queue));
    NewMessage message = new NewMessage(RandomIds.uuid(), payload, p.groupId(), fifo ? dedupId : null,
        delaySeconds * 1000L);
    return new OutgoingMessage(message, content);
  }

  /** Bytes the attributes count towards the message size: names, types and values. */
  private static long validateAttributes(Map<String, MessageAttributeValue> attributes) {
    if (attributes == null) {
      return 0;
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "Number of message attributes [%d] exceeds the allowed maximum [%d].", attributes.size(), MAX_ATTRIBUTES);
    }
    long size = 0;
    for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
      String name = e.getKey();
      if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
          || name.contains("..") || name.regionMatches(true, 0, "AWS.", 0, 4)
          || name.regionMatches(true, 0, "Amazon.", 0, 7)) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Message (user) attribute '%s' has an invalid name.", name);
      }
      size += name.getBytes(StandardCharsets.UTF_8).length + validateValue("Message (user) attribute", name, e.getValue());
    }
    return size;
  }

  private static void validateSystemAttributes(Map<String, MessageAttributeValue> attributes) {
    if (attributes == null) {
      return;
    }
    for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
      if (!e.getKey().equals("AWSTraceHeader")) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Message system attribute name '%s' is invalid.", e.getKey());
      }
      MessageAttributeValue v = e.getValue();
      validateValue("Message system attribute", e.getKey(), v);
      if (!"String".equals(v.dataType())) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Message system attribute '%s' must have the data type String.", e.getKey());
      }
    }
  }

  private static long validateValue(String kind, String name, MessageAttributeValue v) {
    if (v == null || v.dataType() == null || v.dataType().isEmpty()) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "The message attribute '%s' must contain non-empty message attribute type.", name);
    }
    String type = v.dataType();
    String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
    if (type.length() > 256 || !(base.equals("String") || base.equals("Number") || base.equals("Binary"))) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "The type of message (user) attribute '%s' is invalid. You must use only the following supported type"
              + " prefixes: Binary, Number, String.", name);
    }
    if (v.stringListValues() != null && !v.stringListValues().isEmpty()
        || v.binaryListValues() != null && !v.binaryListValues().isEmpty()) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "%s '%s': list values are not supported.", kind, name);
    }
    long size = type.getBytes(StandardCharsets.UTF_8).length;
    if (base.equals("Binary")) {
      if (v.binaryValue() == null || v.binaryValue().length == 0) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "The message attribute '%s' with type 'Binary' must use field 'Binary'.", name);
      }
      return size + v.binaryValue().length;
    }
    if (v.stringValue() == null || v.stringValue().isEmpty()) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "The message attribute '%s' must contain non-empty message attribute value for message attribute type"
              + " '%s'.", name, type);
    }
    checkCharacters(v.stringValue(), "message attribute '" + name + "'");
    if (base.equals("Number")) {
      try {
        BigDecimal n = new BigDecimal(v.stringValue().trim());
        if (n.precision() > 38 || n.abs().compareTo(new BigDecimal("1E126")) >= 0
            || n.signum() != 0 && n.abs().compareTo(new BigDecimal("1E-128")) < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Can't cast the value of message (user) attribute '%s' to a number.", name);
      }
    }
    return size + v.stringValue().getBytes(StandardCharsets.UTF_8).length;
  }

  /** SQS accepts only XML-safe characters: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF. */
  static void checkCharacters(String s, String where) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok) {
        throw AwsException.of(SqsError.InvalidMessageContents,
            "Invalid binary character '#x%X' was found in the %s, the set of allowed characters is #x9 | #xA | #xD"
                + " | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF", c, where);
      }
      i += Character.charCount(c);
    }
  }

  private static void checkFifoId(String parameter, String value) {
    if (!FIFO_ID.matcher(value).matches()) {
      throw AwsException.invalidParameter(parameter, value,
          parameter + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }
  }

  private static String sha256Hex(String body) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
