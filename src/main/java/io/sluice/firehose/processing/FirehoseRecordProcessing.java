package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.Destinations;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.RecordProcessing;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Firehose's {@link RecordProcessing}: the {@code Lambda} transformation, then, with dynamic
 * partitioning, {@code RecordDeAggregation}, the partition keys ({@code MetadataExtraction}'s jq query
 * and the keys the function returned), the active-partition limit and {@code AppendDelimiterToRecord}
 * (developer guide, "Dynamic partitioning in Amazon Data Firehose").
 *
 * <p>A record that is not JSON, whose query fails, or that lacks a key its {@code Prefix} names is
 * {@code partitioning-failed} ({@code DynamicPartitioning.MetadataExtractionFailed}). AWS counts the
 * partitions active in the stream's whole delivery buffer; Sluice counts the distinct partitions of
 * one flush: records of partitions past {@code activePartitionLimit} (500, AWS's default quota) in a
 * flush go to the error output as {@code activePartitionExceeded}.
 */
public final class FirehoseRecordProcessing implements RecordProcessing {
  /** AWS's default quota of active partitions per delivery stream. */
  public static final int ACTIVE_PARTITION_LIMIT = 500;
  private static final String EXTRACTION_FAILED = "DynamicPartitioning.MetadataExtractionFailed";
  private static final int QUERY_CACHE = 256;

  private final LambdaTransformation lambda;
  private final InstantSource clock;
  private final int activePartitionLimit;
  private final Map<String, PartitionKeyQuery> queries = new ConcurrentHashMap<>();

  public FirehoseRecordProcessing(LambdaTransformation lambda, InstantSource clock, int activePartitionLimit) {
    this.lambda = lambda;
    this.clock = clock;
    this.activePartitionLimit = activePartitionLimit;
  }

  @Override
  public CompletionStage<Processed> process(DeliveryStreamRecord stream, Destination destination, String invocationId,
                                            List<BufferedRecord> records, long now) {
    ProcessingSettings settings = ProcessingSettings.of(destination);
    List<DeliveryRecord> asPut = records.stream()
        .map(r -> DeliveryRecord.of(r.recordId(), r.arrivalMillis(), r.data())).toList();
    if (!settings.any()) {
      return CompletableFuture.completedFuture(new Processed(asPut, List.of()));
    }
    CompletionStage<LambdaTransformation.Transformed> transformed = settings.lambda().isPresent()
        ? lambda.transform(stream, settings.lambda().get(), invocationId, records)
        : CompletableFuture.completedFuture(new LambdaTransformation.Transformed(asPut, List.of()));
    return transformed.thenApply(t -> settings.partitioning()
        ? partition(destination, settings, t)
        : new Processed(t.records().stream()
            .map(r -> DeliveryRecord.of(r.recordId(), r.arrivalMillis(), r.data())).toList(), t.errors()));
  }

  private Processed partition(Destination destination, ProcessingSettings settings,
                              LambdaTransformation.Transformed t) {
    Set<String> required = PrefixKeys.of(Destinations.s3ConfigurationOf(destination).path("Prefix").asText(""));
    PartitionKeyQuery query = settings.metadataQuery().map(this::compiled).orElse(null);
    List<DeliveryRecord> out = new ArrayList<>();
    List<ErrorLine> errors = new ArrayList<>(t.errors());
    Set<Map<String, String>> partitions = new HashSet<>();
    long now = clock.millis();
    for (DeliveryRecord record : t.records()) {
      List<byte[]> parts;
      try {
        parts = settings.deAggregation().isPresent()
            ? RecordDeAggregator.split(settings.deAggregation().get(), record.data()) : List.of(record.data());
      } catch (IllegalArgumentException e) {
        errors.add(failed(ErrorOutput.PARTITIONING_FAILED, record, record.data(), EXTRACTION_FAILED, e.getMessage(), now));
        continue;
      }
      for (byte[] part : parts) {
        Map<String, String> keys = new LinkedHashMap<>(record.partitionKeys());
        String problem = query == null ? null : extract(query, part, keys);
        if (problem == null) {
          problem = missing(required, keys);
        }
        if (problem != null) {
          errors.add(failed(ErrorOutput.PARTITIONING_FAILED, record, part, EXTRACTION_FAILED, problem, now));
          continue;
        }
        Map<String, String> partition = new TreeMap<>();
        required.forEach(k -> partition.put(k, keys.get(k)));
        if (!partitions.contains(partition) && partitions.size() >= activePartitionLimit) {
          errors.add(failed(ErrorOutput.ACTIVE_PARTITION_EXCEEDED, record, part,
              "DynamicPartitioning.ActivePartitionsLimitExceeded", "The number of active partitions exceeds the limit of "
                  + activePartitionLimit + " for this delivery stream.", now));
          continue;
        }
        partitions.add(partition);
        out.add(new DeliveryRecord(record.recordId(), record.arrivalMillis(),
            settings.appendDelimiter().map(d -> concat(part, d)).orElse(part), keys));
      }
    }
    return new Processed(out, errors);
  }

  /** Adds the query's keys of {@code data} to {@code keys}; null, or why they could not be extracted. */
  private static String extract(PartitionKeyQuery query, byte[] data, Map<String, String> keys) {
    JsonNode json;
    try {
      json = JsonCodec.json().readTree(data);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || json.isMissingNode()) {
      return "Non JSON record provided";
    }
    try {
      query.keys(json).forEach((k, v) -> keys.put(PrefixKeys.FROM_QUERY + ":" + k, v));
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String missing(Set<String> required, Map<String, String> keys) {
    for (String k : required) {
      String v = keys.get(k);
      if (v == null || v.isEmpty()) {
        return "The partition key " + k + " named in the prefix is missing or empty";
      }
    }
    return null;
  }

  private static ErrorLine failed(String type, DeliveryRecord record, byte[] data, String code, String message,
                                  long now) {
    return ErrorOutput.line(type, 1, record.arrivalMillis(), code, message, now, data, null);
  }

  private PartitionKeyQuery compiled(String expression) {
    if (queries.size() > QUERY_CACHE) {
      queries.clear();
    }
    return queries.computeIfAbsent(expression, PartitionKeyQuery::compile);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
