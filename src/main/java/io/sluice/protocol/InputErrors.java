package io.sluice.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a request that could not be read into its record into an AWS error whose message names the
 * parameter and what it must be, never a Java type: {@code Value 'abc' for parameter
 * MaxNumberOfMessages is invalid. Reason: must be an integer.}
 */
final class InputErrors {
  private static final int MAX_ECHO = 256;

  private InputErrors() {}

  /** The error for a decoding failure, with {@code code} (the protocol's code for bad input). */
  static AwsException of(AwsErrorCode code, JsonProcessingException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return AwsException.of(code, "%s", mappingMessage(m));
    }
    if (e instanceof InputCoercionException c) {
      JsonParser p = c.getProcessor() instanceof JsonParser parser ? parser : null;
      return AwsException.of(code, "%s", invalid(p == null ? null : name(p), p == null ? null : text(p),
          "out of range"));
    }
    return AwsException.of(code, "The request body is not well-formed: %s.", location(e));
  }

  /** The error for a body whose first token is not the start of a structure. */
  static AwsException notAStructure(AwsErrorCode code, JsonToken first) {
    return AwsException.of(code, "The request body must be a structure (an object), not %s.", describe(first));
  }

  private static String mappingMessage(JsonMappingException e) {
    String path = path(e);
    if (e instanceof InvalidNullException) {
      return invalid(path, null, "list members and map values must not be null");
    }
    if (e.getCause() instanceof InputCoercionException c) {
      return invalid(path, c.getProcessor() instanceof JsonParser p ? text(p) : null, "out of range");
    }
    Class<?> target = e instanceof MismatchedInputException mi ? mi.getTargetType() : null;
    Object value = e instanceof InvalidFormatException f ? f.getValue() : null;
    String reason = target == null ? "not a valid value" : expected(target);
    return invalid(path, value == null ? null : String.valueOf(value), reason);
  }

  private static String invalid(String parameter, String value, String reason) {
    StringBuilder sb = new StringBuilder("Value ");
    if (value != null) {
      sb.append('\'').append(value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "..." : value).append("' ");
    }
    sb.append("for parameter ").append(parameter == null || parameter.isEmpty() ? "(unnamed)" : parameter)
        .append(" is invalid. Reason: ").append(reason).append('.');
    return sb.toString();
  }

  /** The parameter path in AWS's spelling: member names, list positions counted from 1. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (!sb.isEmpty()) {
        sb.append('.');
      }
      if (ref.getFieldName() != null) {
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append(ref.getIndex() + 1);
      }
    }
    return sb.toString();
  }

  private static String expected(Class<?> t) {
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class
        || t == short.class || t == BigInteger.class) {
      return "must be an integer";
    }
    if (t == Double.class || t == double.class || t == Float.class || t == float.class || t == BigDecimal.class
        || Number.class.isAssignableFrom(t)) {
      return "must be a number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "must be a boolean (true or false)";
    }
    if (t == String.class || CharSequence.class.isAssignableFrom(t)) {
      return "must be a string";
    }
    if (t == Instant.class) {
      return "must be a timestamp";
    }
    if (t == byte[].class) {
      return "must be base64-encoded binary data";
    }
    if (t.isEnum()) {
      return "must be one of " + Arrays.stream(t.getEnumConstants()).map(String::valueOf)
          .collect(Collectors.joining(", "));
    }
    if (t.isArray() || Collection.class.isAssignableFrom(t)) {
      return "must be a list";
    }
    if (Map.class.isAssignableFrom(t)) {
      return "must be a map";
    }
    return "must be a structure";
  }

  private static String name(JsonParser p) {
    try {
      return p.currentName();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String text(JsonParser p) {
    try {
      return p.getText();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String location(JsonProcessingException e) {
    var at = e.getLocation();
    if (at == null) {
      return "unexpected input";
    }
    return at.getCharOffset() >= 0 ? "unexpected input at character " + at.getCharOffset()
        : "unexpected input at byte " + at.getByteOffset();
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "another kind of value";
    };
  }
}
