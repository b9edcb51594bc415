package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The keys of the objects Firehose writes: {@code <evaluated prefix><object name>}, as the developer
 * guide's "Custom prefixes for Amazon S3 objects" and "Configure Amazon S3 object name format"
 * describe them. A prefix holds expressions {@code !{namespace:value}}: {@code timestamp} (a Java
 * {@link DateTimeFormatter} pattern, evaluated at the approximate arrival of the object's oldest
 * record, in the configuration's {@code CustomTimeZone}, UTC by default), {@code firehose}
 * ({@code random-string}, {@code error-output-type}), {@code partitionKeyFromQuery} and
 * {@code partitionKeyFromLambda}. The object name is
 * {@code <stream name>-<stream version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><file extension>}.
 */
public final class ObjectKeys {
  /** The default prefix, and what is appended to a prefix without a timestamp expression. */
  static final String DEFAULT_TIME = "yyyy/MM/dd/HH/";
  private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
  private static final List<String> NAMESPACES =
      List.of("timestamp", "firehose", "partitionKeyFromQuery", "partitionKeyFromLambda");
  /** Neither prefix may be longer after evaluation (developer guide, Custom prefixes, semantic rules). */
  private static final int MAX_EVALUATED = 512;

  private final Supplier<UUID> uuids;

  /** Keys with random strings and object names from {@code uuids}. */
  public ObjectKeys(Supplier<UUID> uuids) {
    this.uuids = uuids;
  }

  /** Keys with random UUIDs. */
  public ObjectKeys() {
    this(UUID::randomUUID);
  }

  /** A prefix names a partition key the records do not have. */
  public static final class MissingPartitionKey extends IllegalArgumentException {
    MissingPartitionKey(String key) {
      super("The record has no partition key " + key + ".");
    }
  }

  /** One parsed piece of a prefix: literal text, or an expression's namespace and value. */
  record Part(String namespace, String value) {
    boolean literal() {
      return namespace == null;
    }
  }

  /**
   * The evaluated {@code Prefix} of {@code s3} for an object whose oldest record arrived at
   * {@code oldestArrival} and whose records have {@code partitionKeys}: the default
   * {@code yyyy/MM/dd/HH/} when there is none; a prefix without a timestamp expression gets
   * {@code yyyy/MM/dd/HH/} appended, except with dynamic partitioning.
   *
   * @throws MissingPartitionKey for a partition key the records lack
   * @throws IllegalArgumentException for a prefix longer than 512 characters
   */
  public String prefix(JsonNode s3, Map<String, String> partitionKeys, long oldestArrival) {
    String prefix = s3.path("Prefix").asText("");
    List<Part> parts = parse(prefix);
    boolean partitioned = s3.path("DynamicPartitioningConfiguration").path("Enabled").asBoolean(false);
    if (!partitioned && parts.stream().noneMatch(p -> "timestamp".equals(p.namespace()))) {
      // Semantic rules: "If you specify a prefix that doesn't contain a timestamp namespace
      // expression, Firehose appends the expression !{timestamp:yyyy/MM/dd/HH/}" (nothing between).
      parts = new ArrayList<>(parts);
      parts.add(new Part("timestamp", DEFAULT_TIME));
    }
    return checked(evaluate(parts, zone(s3), partitionKeys, null, oldestArrival));
  }

  /**
   * The evaluated {@code ErrorOutputPrefix} of {@code s3} for failed records of
   * {@code errorOutputType} at {@code millis}. Without one it is the (expression-free) {@code Prefix},
   * then {@code <errorOutputType>/yyyy/MM/dd/HH/}: the {@code processing-failed/…},
   * {@code http-endpoint-failed/…} folders of the developer guide.
   */
  public String errorPrefix(JsonNode s3, String errorOutputType, long millis) {
    String errorPrefix = s3.path("ErrorOutputPrefix").asText("");
    List<Part> parts;
    if (errorPrefix.isEmpty()) {
      parts = new ArrayList<>(parse(s3.path("Prefix").asText("")));
      parts.add(new Part(null, errorOutputType + "/"));
      parts.add(new Part("timestamp", DEFAULT_TIME));
    } else {
      parts = parse(errorPrefix);
    }
    return checked(evaluate(parts, zone(s3), Map.of(), errorOutputType, millis));
  }

  /**
   * An object's name: {@code <stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>} at {@code millis} in
   * the configuration's time zone, then its {@code FileExtension} if it has one (it overrides the
   * compression's), else {@code compression}'s.
   */
  public String objectName(JsonNode s3, String streamName, long version, long millis, Compression compression) {
    String extension = s3.path("FileExtension").asText("");
    return streamName + "-" + version + "-" + NAME_TIME.format(Instant.ofEpochMilli(millis).atZone(zone(s3)))
        + "-" + uuids.get() + (extension.isEmpty() ? compression.extension() : extension);
  }

  /** The configuration's {@code CustomTimeZone}, UTC when absent or empty. */
  public static ZoneId zone(JsonNode s3) {
    String zone = s3.path("CustomTimeZone").asText("");
    return zone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(zone);
  }

  /**
   * A problem with {@code s3}'s {@code Prefix} and {@code ErrorOutputPrefix} by AWS's semantic rules
   * (developer guide, Custom prefixes), or null: {@code !{} only in an expression of a known
   * namespace; a valid timestamp pattern; {@code error-output-type} only in, and required by an
   * expression in, {@code ErrorOutputPrefix}; an error output prefix wherever {@code Prefix} has
   * expressions.
   */
  public static String problem(JsonNode s3) {
    String prefix = s3.path("Prefix").asText("");
    String errorPrefix = s3.path("ErrorOutputPrefix").asText("");
    List<Part> parts;
    List<Part> errorParts;
    try {
      parts = parse(prefix);
      errorParts = parse(errorPrefix);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (parts.stream().anyMatch(p -> "error-output-type".equals(p.value()) && "firehose".equals(p.namespace()))) {
      return "Prefix cannot contain !{firehose:error-output-type}; it can only be used in ErrorOutputPrefix.";
    }
    if (parts.stream().anyMatch(p -> !p.literal()) && errorPrefix.isEmpty()) {
      return "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.";
    }
    if (errorParts.stream().anyMatch(p -> !p.literal()) && errorParts.stream()
        .noneMatch(p -> "firehose".equals(p.namespace()) && "error-output-type".equals(p.value()))) {
      return "ErrorOutputPrefix must contain at least one !{firehose:error-output-type} when it contains expressions.";
    }
    try {
      zone(s3);
    } catch (RuntimeException e) {
      return "CustomTimeZone " + s3.path("CustomTimeZone").asText() + " is not a supported time zone.";
    }
    return null;
  }

  /** {@code prefix} as literal text and expressions; IllegalArgumentException for a malformed one. */
  static List<Part> parse(String prefix) {
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < prefix.length()) {
      int open = prefix.indexOf("!{", at);
      if (open < 0) {
        parts.add(new Part(null, prefix.substring(at)));
        break;
      }
      if (open > at) {
        parts.add(new Part(null, prefix.substring(at, open)));
      }
      int close = prefix.indexOf('}', open);
      int colon = prefix.indexOf(':', open);
      if (close < 0 || colon < 0 || colon > close) {
        throw new IllegalArgumentException("The sequence !{ can only appear in !{namespace:value} expressions: "
            + prefix.substring(open) + ".");
      }
      String namespace = prefix.substring(open + 2, colon);
      String value = prefix.substring(colon + 1, close);
      if (!NAMESPACES.contains(namespace)) {
        throw new IllegalArgumentException("Unknown namespace " + namespace + " in !{" + namespace + ":" + value
            + "}; the namespaces are " + String.join(", ", NAMESPACES) + ".");
      }
      if (namespace.equals("firehose") && !value.equals("random-string") && !value.equals("error-output-type")) {
        throw new IllegalArgumentException("!{firehose:" + value + "} is not valid; the firehose namespace has "
            + "random-string and error-output-type.");
      }
      if (namespace.equals("timestamp")) {
        try {
          DateTimeFormatter.ofPattern(value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("!{timestamp:" + value + "} is not a valid Java DateTimeFormatter pattern.");
        }
      }
      if (namespace.startsWith("partitionKey") && value.isEmpty()) {
        throw new IllegalArgumentException("!{" + namespace + ":} names no partition key.");
      }
      parts.add(new Part(namespace, value));
      at = close + 1;
    }
    return parts;
  }

  private String evaluate(List<Part> parts, ZoneId zone, Map<String, String> partitionKeys, String errorOutputType,
                          long millis) {
    // Every timestamp expression of a prefix evaluates to the same instant; every random-string to a new string.
    var time = Instant.ofEpochMilli(millis).atZone(zone);
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p.literal()) {
        out.append(p.value());
        continue;
      }
      switch (p.namespace()) {
        case "timestamp" -> out.append(DateTimeFormatter.ofPattern(p.value()).format(time));
        case "firehose" -> out.append(p.value().equals("random-string") ? randomString() : errorOutputType);
        default -> {
          String key = p.namespace() + ":" + p.value();
          String v = partitionKeys.get(key);
          if (v == null) {
            throw new MissingPartitionKey(key);
          }
          out.append(v);
        }
      }
    }
    return out.toString();
  }

  /** Eleven characters, as AWS's {@code random-string} (its example: {@code 046b6c7f-0b}). */
  private String randomString() {
    return uuids.get().toString().substring(0, 11);
  }

  private static String checked(String evaluated) {
    if (evaluated.length() > MAX_EVALUATED) {
      throw new IllegalArgumentException("The evaluated prefix is longer than " + MAX_EVALUATED + " characters.");
    }
    return evaluated;
  }
}
