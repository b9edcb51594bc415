package io.sluice.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.model.MessageAttribute;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation of Publish message attributes, with AWS's rules and messages (see "Amazon SNS message
 * attributes"): names, data types, non-empty values, numbers within ±10^126 and 38 significant
 * digits, String.Array values as JSON arrays of strings, numbers, booleans and nulls.
 */
public final class MessageAttributeRules {
  private MessageAttributeRules() {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  private static final Pattern TYPE = Pattern.compile("(String|Number|Binary|String\\.Array)(\\..{1,250})?");
  private static final BigDecimal LIMIT = new BigDecimal("1E126");

  /**
   * The validated attributes (in request order); ParameterValueInvalid otherwise. Their number is
   * bounded only by the message size: SNS takes more than 10 (SQS's limit), and a raw-delivery
   * queue subscription then fails as a client error ("Amazon SNS message attributes").
   */
  public static Map<String, MessageAttribute> validated(Map<String, MessageAttribute> attributes) {
    Map<String, MessageAttribute> out = new LinkedHashMap<>();
    if (attributes == null) {
      return out;
    }
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      String name = e.getKey();
      MessageAttribute a = e.getValue();
      checkName(name);
      if (a == null || a.dataType() == null || a.dataType().isEmpty()) {
        throw invalid("The message attribute '" + name + "' must contain non-empty message attribute type.");
      }
      if (!TYPE.matcher(a.dataType()).matches()) {
        throw invalid("The message attribute '" + name + "' has an invalid message attribute type, the set of "
            + "supported type prefixes is Binary, Number, and String.");
      }
      if (a.isBinary()) {
        if (a.binaryValue() == null || a.binaryValue().length == 0) {
          throw invalid("The message attribute '" + name + "' must contain non-empty message attribute value "
              + "for message attribute type '" + a.dataType() + "'.");
        }
      } else {
        if (a.stringValue() == null || a.stringValue().isEmpty()) {
          throw invalid("The message attribute '" + name + "' must contain non-empty message attribute value "
              + "for message attribute type '" + a.dataType() + "'.");
        }
        if (a.dataType().startsWith("Number")) {
          checkNumber(name, a.stringValue());
        } else if (a.dataType().startsWith("String.Array")) {
          checkArray(name, a.stringValue());
        }
      }
      out.put(name, new MessageAttribute(a.dataType(), a.isBinary() ? null : a.stringValue(),
          a.isBinary() ? a.binaryValue() : null));
    }
    return out;
  }

  /** Bytes the attributes add to a message's size: names, types and values (of unvalidated ones too). */
  public static int size(Map<String, MessageAttribute> attributes) {
    int total = 0;
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      MessageAttribute a = e.getValue();
      if (a == null) {
        continue;
      }
      total += utf8(e.getKey()) + utf8(a.dataType());
      total += a.binaryValue() != null ? a.binaryValue().length : utf8(a.stringValue());
    }
    return total;
  }

  static int utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The attributes SNS itself reads: SMS settings per message ("Publishing to a mobile phone":
   * AWS.SNS.SMS.SenderID, AWS.SNS.SMS.SMSType, AWS.MM.SMS.OriginationNumber, …) and push options
   * ("Amazon SNS time to live message attribute": AWS.SNS.MOBILE.APNS.TTL, …).
   */
  private static boolean isSnsReserved(String name) {
    return name.startsWith("AWS.SNS.SMS.") || name.startsWith("AWS.MM.SMS.") || name.startsWith("AWS.SNS.MOBILE.");
  }

  private static void checkName(String name) {
    boolean reserved = (name.regionMatches(true, 0, "AWS.", 0, 4) || name.regionMatches(true, 0, "Amazon.", 0, 7))
        && !isSnsReserved(name);
    if (!NAME.matcher(name).matches() || reserved || name.startsWith(".") || name.endsWith(".")
        || name.contains("..")) {
      throw invalid("The message attribute name '" + name + "' is invalid. Message attribute names can contain "
          + "only alphanumeric characters, hyphens, underscores and periods, must not start or end with a period or "
          + "contain consecutive periods, must not start with AWS. or Amazon., and can be up to 256 characters.");
    }
  }

  private static void checkNumber(String name, String value) {
    try {
      BigDecimal n = new BigDecimal(value.trim());
      if (n.abs().compareTo(LIMIT) > 0 || n.stripTrailingZeros().precision() > 38) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw invalid("Could not cast message attribute '" + name + "' value to number.");
    }
  }

  private static void checkArray(String name, String value) {
    try {
      JsonNode node = JsonCodec.json().readTree(value);
      if (node == null || !node.isArray()) {
        throw invalid("The message attribute '" + name + "' with type 'String.Array' has an invalid value.");
      }
      for (JsonNode item : node) {
        if (item.isContainerNode()) {
          throw invalid("The message attribute '" + name + "' with type 'String.Array' must contain only strings, "
              + "numbers, booleans and nulls.");
        }
      }
    } catch (IOException e) {
      throw invalid("The message attribute '" + name + "' with type 'String.Array' has an invalid value.");
    }
  }

  private static AwsException invalid(String message) {
    return AwsException.of(SnsError.ParameterValueInvalid, "%s", message);
  }
}
