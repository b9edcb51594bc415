package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.Destinations;
import io.sluice.firehose.model.Destination;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules AWS applies to a destination's {@code ProcessingConfiguration} and
 * {@code DynamicPartitioningConfiguration} beyond their shape (API reference, ProcessorParameter;
 * developer guide, "Transform source data", "Dynamic partitioning", "Buffer data for dynamic
 * partitioning"); each breach is an InvalidArgumentException.
 */
public final class ProcessingRules {
  /** The parameters each processor type takes; the first named are required. */
  private static final Map<String, Set<String>> PARAMETERS = Map.of(
      "Lambda", Set.of("LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds"),
      "MetadataExtraction", Set.of("MetadataExtractionQuery", "JsonParsingEngine"),
      "RecordDeAggregation", Set.of("SubRecordType", "Delimiter"),
      "AppendDelimiterToRecord", Set.of("Delimiter"));
  private static final Set<String> PARTITIONING_ONLY = Set.of("MetadataExtraction", "RecordDeAggregation",
      "AppendDelimiterToRecord");

  private ProcessingRules() {}

  /** Checks a destination being created or updated. */
  public static void check(Destination d) {
    JsonNode c = d.config();
    boolean partitioning = c.path("DynamicPartitioningConfiguration").path("Enabled").asBoolean(false);
    JsonNode processing = c.path("ProcessingConfiguration");
    Set<String> types = new HashSet<>();
    for (JsonNode p : processing.path("Processors")) {
      String type = p.path("Type").asText();
      if (type.equals("Decompression") || type.equals("CloudWatchLogProcessing")) {
        throw Destinations.invalid("Processor type %s is not supported by Sluice; it runs Lambda, MetadataExtraction, "
            + "RecordDeAggregation and AppendDelimiterToRecord processors.", type);
      }
      if (!types.add(type)) {
        throw Destinations.invalid("Processor type %s is specified more than once.", type);
      }
      if (PARTITIONING_ONLY.contains(type) && !partitioning) {
        throw Destinations.invalid("Processor type %s is only supported when dynamic partitioning is enabled.", type);
      }
      checkParameters(type, p);
    }
    Set<String> keys = PrefixKeys.of(c.path("Prefix").asText(""));
    boolean enabled = processing.path("Enabled").asBoolean(false);
    if (!partitioning) {
      if (!keys.isEmpty()) {
        throw Destinations.invalid("Prefix expressions %s and %s can only be used when dynamic partitioning is enabled.",
            PrefixKeys.FROM_QUERY, PrefixKeys.FROM_LAMBDA);
      }
      return;
    }
    if (c.path("ErrorOutputPrefix").asText("").isEmpty()) {
      throw Destinations.invalid("ErrorOutputPrefix must be specified when dynamic partitioning is enabled.");
    }
    if (keys.isEmpty()) {
      throw Destinations.invalid("When dynamic partitioning is enabled, Prefix must contain at least one "
          + "!{%s:…} or !{%s:…} expression.", PrefixKeys.FROM_QUERY, PrefixKeys.FROM_LAMBDA);
    }
    if (PrefixKeys.uses(keys, PrefixKeys.FROM_QUERY) && !(enabled && types.contains("MetadataExtraction"))) {
      throw Destinations.invalid("Prefix uses %s, which needs an enabled MetadataExtraction processor.",
          PrefixKeys.FROM_QUERY);
    }
    if (PrefixKeys.uses(keys, PrefixKeys.FROM_LAMBDA) && !(enabled && types.contains("Lambda"))) {
      throw Destinations.invalid("Prefix uses %s, which needs an enabled Lambda processor.", PrefixKeys.FROM_LAMBDA);
    }
    if (c.path("BufferingHints").path("IntervalInSeconds").asInt(300) == 0) {
      // Developer guide, "Buffer data for dynamic partitioning": zero buffering is not available.
      throw Destinations.invalid("BufferingHints.IntervalInSeconds cannot be 0 when dynamic partitioning is enabled.");
    }
  }

  /** Checks an UpdateDestination from {@code current} to {@code updated}: dynamic partitioning stays as created. */
  public static void checkUpdate(Destination current, Destination updated) {
    boolean was = current.config().path("DynamicPartitioningConfiguration").path("Enabled").asBoolean(false);
    boolean is = updated.config().path("DynamicPartitioningConfiguration").path("Enabled").asBoolean(false);
    // Developer guide, "Dynamic partitioning": enabled only at creation, and never disabled.
    if (!was && is) {
      throw Destinations.invalid("Dynamic partitioning can only be enabled when the delivery stream is created.");
    }
    if (was && !is) {
      throw Destinations.invalid("Dynamic partitioning cannot be disabled once it is enabled.");
    }
  }

  private static void checkParameters(String type, JsonNode processor) {
    Set<String> allowed = PARAMETERS.getOrDefault(type, Set.of());
    Set<String> seen = new HashSet<>();
    for (JsonNode p : processor.path("Parameters")) {
      String name = p.path("ParameterName").asText();
      if (!allowed.contains(name)) {
        throw Destinations.invalid("Parameter %s is not valid for processor type %s.", name, type);
      }
      if (!seen.add(name)) {
        throw Destinations.invalid("Parameter %s is specified more than once for processor type %s.", name, type);
      }
    }
    switch (type) {
      case "Lambda" -> {
        require(type, processor, "LambdaArn");
        range(type, processor, "NumberOfRetries", 0, 300);
        range(type, processor, "BufferSizeInMBs", 0.2, 3);
        range(type, processor, "BufferIntervalInSeconds", 0, 900);
      }
      case "MetadataExtraction" -> {
        String query = require(type, processor, "MetadataExtractionQuery");
        String engine = require(type, processor, "JsonParsingEngine");
        if (!engine.equals("JQ-1.6")) {
          throw Destinations.invalid("JsonParsingEngine must be JQ-1.6, not %s.", engine);
        }
        try {
          PartitionKeyQuery.compile(query);
        } catch (IllegalArgumentException e) {
          throw Destinations.invalid("MetadataExtractionQuery is not a valid jq expression: %s", e.getMessage());
        }
      }
      case "RecordDeAggregation" -> {
        String sub = require(type, processor, "SubRecordType");
        if (!sub.equals("JSON") && !sub.equals("DELIMITED")) {
          throw Destinations.invalid("SubRecordType must be JSON or DELIMITED, not %s.", sub);
        }
        if (sub.equals("DELIMITED")) {
          require(type, processor, "Delimiter");
        }
      }
      default -> { }
    }
  }

  private static String require(String type, JsonNode processor, String name) {
    Optional<String> v = ProcessingSettings.parameter(processor, name);
    if (v.isEmpty() || v.get().isBlank()) {
      throw Destinations.invalid("Processor type %s requires the parameter %s.", type, name);
    }
    return v.get();
  }

  private static void range(String type, JsonNode processor, String name, double min, double max) {
    Optional<String> v = ProcessingSettings.parameter(processor, name);
    if (v.isEmpty()) {
      return;
    }
    double n;
    try {
      n = Double.parseDouble(v.get());
    } catch (NumberFormatException e) {
      throw Destinations.invalid("Parameter %s of processor type %s must be a number, not %s.", name, type, v.get());
    }
    boolean whole = min == Math.floor(min) && max == Math.floor(max);
    if (n < min || n > max || (whole && n != Math.floor(n))) {
      throw Destinations.invalid("Parameter %s of processor type %s must be between %s and %s, not %s.", name, type,
          fmt(min), fmt(max), v.get());
    }
  }

  private static String fmt(double d) {
    return d == Math.floor(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
