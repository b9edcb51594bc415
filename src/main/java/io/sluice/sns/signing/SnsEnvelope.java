package io.sluice.sns.signing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The JSON document SNS sends to HTTP/S endpoints and SQS queues (unless raw delivery is on):
 * {@code Notification}, {@code SubscriptionConfirmation} and {@code UnsubscribeConfirmation}, with
 * AWS's field names and order and its layout (two-space indent, {@code " : "}, each message
 * attribute on one line), signed with the {@link SigningKeys} given.
 *
 * <p>Field sets and the string to sign follow the SNS Developer Guide pages "Parsing message
 * formats" and "Verifying the signatures of Amazon SNS messages". Thread-safe.
 */
public final class SnsEnvelope {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final RecentSignatures signatures;

  public SnsEnvelope(SigningKeys keys) {
    this.signatures = new RecentSignatures(Objects.requireNonNull(keys, "keys"));
  }

  /** The {@code Type} of an envelope; the constant names are the wire values. */
  public enum Type {
    Notification,
    SubscriptionConfirmation,
    UnsubscribeConfirmation
  }

  /**
   * A message attribute as a notification carries it: {@code {"Type": dataType, "Value": …}}, the
   * value base64-encoded for a {@code Binary} type. Exactly one of the two values is set.
   */
  public record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    public Attribute {
      Objects.requireNonNull(dataType, "dataType");
      if ((stringValue == null) == (binaryValue == null)) {
        throw new IllegalArgumentException("an attribute has exactly one of a string and a binary value");
      }
      binaryValue = binaryValue == null ? null : binaryValue.clone();
    }

    /** A {@code String}, {@code String.Array} or {@code Number} attribute (custom suffixes kept). */
    public static Attribute string(String dataType, String value) {
      return new Attribute(dataType, Objects.requireNonNull(value, "value"), null);
    }

    /** A {@code Binary} attribute. */
    public static Attribute binary(String dataType, byte[] value) {
      return new Attribute(dataType, null, Objects.requireNonNull(value, "value"));
    }

    @Override
    public byte[] binaryValue() {
      return binaryValue == null ? null : binaryValue.clone();
    }

    /** The {@code Value} member: the string, or the bytes in base64. */
    public String wireValue() {
      return binaryValue == null ? stringValue : Base64.getEncoder().encodeToString(binaryValue);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Attribute that && dataType.equals(that.dataType)
          && Objects.equals(stringValue, that.stringValue) && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
      return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
      return "Attribute[" + dataType + "=" + wireValue() + "]";
    }
  }

  /**
   * The values of one envelope. Use the factories; a field the type does not carry must be null.
   *
   * @param subject a notification's subject, or null when the publisher gave none
   * @param messageAttributes a notification's attributes in the order to write them (empty: none)
   * @param sequenceNumber a FIFO topic's sequence number for a notification, else null
   */
  public record Fields(Type type, String messageId, String token, String topicArn, String subject,
      String message, String subscribeUrl, Instant timestamp, String unsubscribeUrl,
      Map<String, Attribute> messageAttributes, String sequenceNumber) {
    public Fields {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(topicArn, "topicArn");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(timestamp, "timestamp");
      messageAttributes = messageAttributes == null
          ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes));
      if (type == Type.Notification) {
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
        requireAbsent(token, "token", type);
        requireAbsent(subscribeUrl, "subscribeUrl", type);
      } else {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(subscribeUrl, "subscribeUrl");
        requireAbsent(subject, "subject", type);
        requireAbsent(unsubscribeUrl, "unsubscribeUrl", type);
        requireAbsent(sequenceNumber, "sequenceNumber", type);
        if (!messageAttributes.isEmpty()) {
          throw new IllegalArgumentException(type + " carries no message attributes");
        }
      }
    }

    /** A notification of a standard topic. */
    public static Fields notification(String messageId, String topicArn, String subject, String message,
        Instant timestamp, String unsubscribeUrl, Map<String, Attribute> messageAttributes) {
      return new Fields(Type.Notification, messageId, null, topicArn, subject, message, null, timestamp,
          unsubscribeUrl, messageAttributes, null);
    }

    /** The message asking an endpoint to confirm its subscription. */
    public static Fields subscriptionConfirmation(String messageId, String token, String topicArn,
        String message, String subscribeUrl, Instant timestamp) {
      return new Fields(Type.SubscriptionConfirmation, messageId, token, topicArn, null, message,
          subscribeUrl, timestamp, null, null, null);
    }

    /** The message telling an endpoint it was unsubscribed ({@code subscribeUrl} re-subscribes). */
    public static Fields unsubscribeConfirmation(String messageId, String token, String topicArn,
        String message, String subscribeUrl, Instant timestamp) {
      return new Fields(Type.UnsubscribeConfirmation, messageId, token, topicArn, null, message,
          subscribeUrl, timestamp, null, null, null);
    }

    /** This notification as a FIFO topic sends it, with its sequence number. */
    public Fields withSequenceNumber(String sequenceNumber) {
      return new Fields(type, messageId, token, topicArn, subject, message, subscribeUrl, timestamp,
          unsubscribeUrl, messageAttributes, Objects.requireNonNull(sequenceNumber, "sequenceNumber"));
    }

    /** True for a FIFO topic's notification. */
    public boolean fifo() {
      return sequenceNumber != null;
    }

    private static void requireAbsent(Object value, String name, Type type) {
      if (value != null) {
        throw new IllegalArgumentException(type + " carries no " + name);
      }
    }
  }

  /**
   * The envelope as JSON text, signed.
   *
   * <p>A FIFO notification ({@link Fields#fifo()}) is written as AWS writes it: with
   * {@code SequenceNumber} and without {@code SignatureVersion}, {@code Signature} and
   * {@code SigningCertURL}, so {@code version} and {@code signingCertUrl} may then be null.
   */
  public String toJson(Fields fields, SignatureVersion version, String signingCertUrl) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("Type", fields.type().name());
    root.put("MessageId", fields.messageId());
    putIfPresent(root, "SequenceNumber", fields.sequenceNumber());
    putIfPresent(root, "Token", fields.token());
    root.put("TopicArn", fields.topicArn());
    putIfPresent(root, "Subject", fields.subject());
    root.put("Message", fields.message());
    putIfPresent(root, "SubscribeURL", fields.subscribeUrl());
    root.put("Timestamp", timestamp(fields.timestamp()));
    // FIFO topics deliver only to SQS, and AWS sends their envelopes unsigned: no SignatureVersion,
    // Signature or SigningCertURL (seen on the wire; "Parsing message formats" shows none of it).
    if (!fields.fifo()) {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(signingCertUrl, "signingCertUrl");
      byte[] signature = signatures.sign(stringToSign(fields).getBytes(StandardCharsets.UTF_8), version);
      root.put("SignatureVersion", version.wireValue());
      root.put("Signature", Base64.getEncoder().encodeToString(signature));
      root.put("SigningCertURL", signingCertUrl);
    }
    putIfPresent(root, "UnsubscribeURL", fields.unsubscribeUrl());
    if (!fields.messageAttributes().isEmpty()) {
      ObjectNode attributes = root.putObject("MessageAttributes");
      fields.messageAttributes().forEach((name, attribute) -> attributes.putObject(name)
          .put("Type", attribute.dataType())
          .put("Value", attribute.wireValue()));
    }
    try {
      return MAPPER.writer(new AwsLayout()).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an SNS envelope", e); // a tree of strings always writes
    }
  }

  /**
   * The text SNS signs: each signed field as {@code Name\nValue\n}, names in byte order. A
   * notification signs Message, MessageId, Subject (only when present), Timestamp, TopicArn and
   * Type; the confirmations sign Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn and
   * Type. Nothing else is signed, not even a FIFO notification's SequenceNumber.
   */
  public static String stringToSign(Fields fields) {
    Map<String, String> signed = new TreeMap<>();
    signed.put("Message", fields.message());
    signed.put("MessageId", fields.messageId());
    signed.put("Timestamp", timestamp(fields.timestamp()));
    signed.put("TopicArn", fields.topicArn());
    signed.put("Type", fields.type().name());
    if (fields.type() == Type.Notification) {
      if (fields.subject() != null) {
        signed.put("Subject", fields.subject());
      }
    } else {
      signed.put("SubscribeURL", fields.subscribeUrl());
      signed.put("Token", fields.token());
    }
    StringBuilder text = new StringBuilder();
    signed.forEach((name, value) -> text.append(name).append('\n').append(value).append('\n'));
    return text.toString();
  }

  /** An envelope timestamp: ISO-8601 in UTC with milliseconds, e.g. {@code 2012-05-02T00:54:06.655Z}. */
  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  /**
   * AWS's layout: the top-level object and the MessageAttributes object one member per line,
   * indented by two spaces, with {@code " : "}; anything deeper (each attribute) on one line, compact.
   */
  private static final class AwsLayout implements PrettyPrinter {
    private static final int MULTILINE_DEPTH = 2;
    private static final String INDENT = "  ";
    private int depth;

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      breakLineIfMultiline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(multiline() ? " : " : ":");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      breakLineIfMultiline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      boolean wasMultiline = multiline();
      depth--;
      if (wasMultiline && entries > 0) {
        g.writeRaw('\n' + INDENT.repeat(depth));
      }
      g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      g.writeRaw(']');
    }

    private boolean multiline() {
      return depth <= MULTILINE_DEPTH;
    }

    private void breakLineIfMultiline(JsonGenerator g) throws IOException {
      if (multiline()) {
        g.writeRaw('\n' + INDENT.repeat(depth));
      }
    }
  }
}
