package io.sluice.sqs;

import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.sqs.model.MessageDigests;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.model.StoredContent;
import io.sluice.sqs.store.QueueStore.NewMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
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
  /** The largest message AWS accepts, and the largest total of a SendMessageBatch (1 MiB). */
  public static final int MAX_MESSAGE_BYTES = 1_048_576;
  private static final int MAX_ATTRIBUTES = 10;
  private static final int MAX_NAME_LENGTH = 256;
  private static final int MAX_DELAY_SECONDS = 900;
  private static final String TRACE_HEADER = "AWSTraceHeader";
  private static final Set<String> BASE_TYPES = Set.of("String", "Number", "Binary");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  private static final Pattern CUSTOM_TYPE = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern TRACE_ROOT = Pattern.compile("1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}");
  private static final BigDecimal NUMBER_MAX = new BigDecimal("1E126");
  private static final BigDecimal NUMBER_MIN = new BigDecimal("1E-128");
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
    validateAttributes(p.attributes());
    validateSystemAttributes(p.systemAttributes());
    // Attribute names, types and values count towards the limit; system attributes do not
    // (SendMessage API reference, MessageAttributeValue and MessageSystemAttributes).
    long size = size(p);
    int maxSize = queue.intAttribute(QueueAttributes.MAXIMUM_MESSAGE_SIZE, MAX_MESSAGE_BYTES);
    if (size > maxSize) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "One or more parameters are invalid. Reason: Message must be shorter than %d bytes.", maxSize);
    }
    long delaySeconds = delaySeconds(p.delaySeconds(), queue);
    String dedupId = p.deduplicationId();
    if (p.groupId() != null) {
      checkFifoId("MessageGroupId", p.groupId());
    }
    if (fifo) {
      if (p.groupId() == null) {
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

  /**
   * Bytes a message counts towards the size limits: the UTF-8 body plus each attribute's name, data
   * type and value. Lenient about malformed attributes (they count what they have), so a batch's
   * total can be measured before its entries are validated one by one.
   */
  public static long size(Params p) {
    long size = p.body() == null ? 0 : utf8Length(p.body());
    if (p.attributes() != null) {
      for (Map.Entry<String, MessageAttributeValue> e : p.attributes().entrySet()) {
        size += utf8Length(e.getKey());
        MessageAttributeValue v = e.getValue();
        if (v != null) {
          size += v.dataType() == null ? 0 : utf8Length(v.dataType());
          size += v.stringValue() == null ? 0 : utf8Length(v.stringValue());
          size += v.binaryValue() == null ? 0 : v.binaryValue().length;
        }
      }
    }
    return size;
  }

  private static long delaySeconds(Integer requested, QueueRecord queue) {
    if (requested == null) {
      return queue.intAttribute(QueueAttributes.DELAY_SECONDS, 0);
    }
    if (requested < 0 || requested > MAX_DELAY_SECONDS) {
      throw AwsException.invalidParameter("DelaySeconds", requested, "DelaySeconds must be >= 0 and <= 900.");
    }
    // FIFO queues take their delay from the queue only; an explicit 0 changes nothing and is accepted.
    if (queue.isFifo() && requested != 0) {
      throw AwsException.invalidParameter("DelaySeconds", requested,
          "The request include parameter that is not valid for this queue type.");
    }
    return requested;
  }

  private static void validateAttributes(Map<String, MessageAttributeValue> attributes) {
    if (attributes == null) {
      return;
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "Number of message attributes [%d] exceeds the allowed maximum [%d].", attributes.size(), MAX_ATTRIBUTES);
    }
    for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
      String name = e.getKey();
      // Naming rules: "Amazon SQS message attributes" in the SQS Developer Guide.
      if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
          || name.contains("..") || name.regionMatches(true, 0, "AWS.", 0, 4)
          || name.regionMatches(true, 0, "Amazon.", 0, 7)) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "The message attribute name '%s' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_),"
                + " hyphen (-), and period (.) characters.", name);
      }
      validateValue(name, e.getValue());
    }
  }

  private static void validateSystemAttributes(Map<String, MessageAttributeValue> attributes) {
    if (attributes == null) {
      return;
    }
    for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
      // AWSTraceHeader is the only message system attribute (SendMessage API reference).
      if (!e.getKey().equals(TRACE_HEADER)) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Message system attribute name '%s' is invalid.", e.getKey());
      }
      MessageAttributeValue v = e.getValue();
      validateValue(e.getKey(), v);
      if (!"String".equals(v.dataType())) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Message system attribute '%s' must have the data type String.", e.getKey());
      }
      if (!isTraceHeader(v.stringValue())) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "Value %s for parameter AWSTraceHeader is invalid. Reason: not a valid X-Ray trace header.",
            v.stringValue());
      }
    }
  }

  private static void validateValue(String name, MessageAttributeValue v) {
    if (v == null || v.dataType() == null || v.dataType().isEmpty()) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "The message attribute '%s' must contain non-empty message attribute type.", name);
    }
    String type = v.dataType();
    int dot = type.indexOf('.');
    String base = dot < 0 ? type : type.substring(0, dot);
    boolean customOk = dot < 0 || CUSTOM_TYPE.matcher(type.substring(dot + 1)).matches();
    if (type.length() > MAX_NAME_LENGTH || !customOk || !BASE_TYPES.contains(base)) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "The message attribute '%s' has an invalid message attribute type, the set of supported type prefixes is"
              + " Binary, Number, and String.", name);
    }
    if (v.stringListValues() != null && !v.stringListValues().isEmpty()
        || v.binaryListValues() != null && !v.binaryListValues().isEmpty()) {
      // StringListValues and BinaryListValues are "Not implemented. Reserved for future use."
      throw AwsException.of(CommonError.InvalidParameterValue,
          "The message attribute '%s': list values are not supported.", name);
    }
    if (base.equals("Binary")) {
      if (v.binaryValue() == null || v.binaryValue().length == 0 || v.stringValue() != null) {
        throw AwsException.of(CommonError.InvalidParameterValue,
            "The message attribute '%s' with type 'Binary' must use field 'Binary'.", name);
      }
      return;
    }
    if (v.stringValue() == null || v.stringValue().isEmpty() || v.binaryValue() != null) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "The message attribute '%s' must contain non-empty message attribute value for message attribute type"
              + " '%s'.", name, type);
    }
    checkCharacters(v.stringValue(), "message attribute '" + name + "'");
    if (base.equals("Number") && !isSqsNumber(v.stringValue())) {
      throw AwsException.of(CommonError.InvalidParameterValue,
          "Can't cast the value of message (user) attribute '%s' to a number.", name);
    }
  }

  /** Number attributes: up to 38 significant digits, between 10^-128 and 10^+126 in magnitude. */
  static boolean isSqsNumber(String text) {
    try {
      BigDecimal n = new BigDecimal(text.trim());
      if (n.signum() == 0) {
        return true;
      }
      BigDecimal abs = n.abs();
      return n.stripTrailingZeros().precision() <= 38 && abs.compareTo(NUMBER_MAX) < 0
          && abs.compareTo(NUMBER_MIN) >= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** An X-Ray trace header: {@code Key=Value} pairs separated by ';' with a well-formed {@code Root}. */
  static boolean isTraceHeader(String header) {
    boolean root = false;
    for (String part : header.split(";", -1)) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        return false;
      }
      if (part.substring(0, eq).trim().equals("Root")) {
        root = TRACE_ROOT.matcher(part.substring(eq + 1).trim()).matches();
        if (!root) {
          return false;
        }
      }
    }
    return root;
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

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String sha256Hex(String body) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
