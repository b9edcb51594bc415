package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.model.Destination;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A destination's {@code ProcessingConfiguration} and {@code DynamicPartitioningConfiguration} as
 * processing uses them, AWS's defaults filled in. Processors count only while
 * {@code ProcessingConfiguration.Enabled} is true; the partitioning processors only with dynamic
 * partitioning enabled. Read from a configuration {@link ProcessingRules} accepted.
 *
 * @param lambda           the {@code Lambda} processor, if any
 * @param deAggregation    the {@code RecordDeAggregation} processor, if any
 * @param metadataQuery    the {@code MetadataExtraction} processor's jq program, if any
 * @param appendDelimiter  the {@code AppendDelimiterToRecord} processor's delimiter, if any
 * @param partitioning     whether dynamic partitioning is enabled
 */
public record ProcessingSettings(Optional<Lambda> lambda, Optional<DeAggregation> deAggregation,
                                 Optional<String> metadataQuery, Optional<byte[]> appendDelimiter,
                                 boolean partitioning) {
  /** The default {@code NumberOfRetries} (API reference, ProcessorParameter). */
  public static final int DEFAULT_RETRIES = 3;
  private static final double MB = 1024 * 1024;

  /**
   * The {@code Lambda} processor: the function, how often a failed invocation is retried, and how
   * many bytes of records one invocation carries at most ({@code BufferSizeInMBs}).
   */
  public record Lambda(String arn, int retries, long bufferBytes) {}

  /** The {@code RecordDeAggregation} processor: {@code JSON}, or {@code DELIMITED} by {@code delimiter}. */
  public record DeAggregation(boolean json, byte[] delimiter) {}

  /** The settings of {@code destination}. */
  public static ProcessingSettings of(Destination destination) {
    JsonNode config = destination.config();
    JsonNode processing = config.path("ProcessingConfiguration");
    boolean partitioning = config.path("DynamicPartitioningConfiguration").path("Enabled").asBoolean(false);
    Optional<Lambda> lambda = Optional.empty();
    Optional<DeAggregation> deAggregation = Optional.empty();
    Optional<String> query = Optional.empty();
    Optional<byte[]> delimiter = Optional.empty();
    if (processing.path("Enabled").asBoolean(false)) {
      for (JsonNode p : processing.path("Processors")) {
        switch (p.path("Type").asText()) {
          case "Lambda" -> lambda = Optional.of(new Lambda(parameter(p, "LambdaArn").orElseThrow(),
              parameter(p, "NumberOfRetries").map(Integer::parseInt).orElse(DEFAULT_RETRIES),
              parameter(p, "BufferSizeInMBs").map(v -> (long) (Double.parseDouble(v) * MB))
                  .orElse(defaultLambdaBufferBytes(destination.kind()))));
          case "RecordDeAggregation" -> deAggregation = partitioning
              ? Optional.of(new DeAggregation("JSON".equals(parameter(p, "SubRecordType").orElse("JSON")),
                  parameter(p, "Delimiter").map(ProcessingSettings::delimiter).orElse(new byte[0])))
              : deAggregation;
          case "MetadataExtraction" -> query = partitioning ? parameter(p, "MetadataExtractionQuery") : query;
          case "AppendDelimiterToRecord" -> delimiter = partitioning
              ? Optional.of(parameter(p, "Delimiter").map(ProcessingSettings::delimiter)
                  .orElse("\n".getBytes(StandardCharsets.UTF_8)))
              : delimiter;
          default -> { }
        }
      }
    }
    return new ProcessingSettings(lambda, deAggregation, query, delimiter, partitioning);
  }

  /** Whether a flush has anything to do to records before delivery. */
  public boolean any() {
    return lambda.isPresent() || partitioning;
  }

  /** A processor's parameter by name. */
  static Optional<String> parameter(JsonNode processor, String name) {
    for (JsonNode p : processor.path("Parameters")) {
      if (name.equals(p.path("ParameterName").asText())) {
        return Optional.of(p.path("ParameterValue").asText());
      }
    }
    return Optional.empty();
  }

  /**
   * A {@code Delimiter} parameter's bytes: base64 as the developer guide asks for de-aggregation's
   * ("This custom delimiter must be a base-64 encoded string", Dynamic partitioning of aggregated
   * data); a value that is not base64 is taken as it is.
   */
  static byte[] delimiter(String value) {
    try {
      byte[] decoded = Base64.getDecoder().decode(value);
      return decoded.length > 0 ? decoded : value.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** 1 MB, 256 KB for Splunk (developer guide, "Transform source data": the Lambda buffering size hint). */
  private static long defaultLambdaBufferBytes(String kind) {
    return "Splunk".equals(kind) ? 256 * 1024 : (long) MB;
  }
}
