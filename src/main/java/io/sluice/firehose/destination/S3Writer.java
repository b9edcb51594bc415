package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.DeliveryStreamRecord;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@link S3Output} onto an {@link ObjectStore}: records grouped by their partition keys, one object
 * per group under its evaluated prefix (the timestamp of the group's oldest record), data
 * concatenated as given, compressed as the configuration's {@code CompressionFormat} says, named as
 * {@link ObjectKeys} forms names (the time in the name is when the object is written). Error lines
 * are written one per line (each followed by a newline), compressed the same way, under the error
 * output prefix. Compression runs on {@code compressor} (never an event loop). Records written
 * answer the objects' {@code s3://bucket/key} URLs, one per partition in the order of their first
 * records.
 */
public final class S3Writer implements S3Output {
  private final ObjectStore store;
  private final ObjectKeys keys;
  private final Executor compressor;

  public S3Writer(ObjectStore store, ObjectKeys keys, Executor compressor) {
    this.store = store;
    this.keys = keys;
    this.compressor = compressor;
  }

  @Override
  public CompletionStage<List<String>> writeRecords(DeliveryStreamRecord stream, ObjectNode s3,
                                                    List<DeliveryRecord> records, long now) {
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    Map<Map<String, String>, List<DeliveryRecord>> groups = new LinkedHashMap<>();
    for (DeliveryRecord r : records) {
      groups.computeIfAbsent(r.partitionKeys(), k -> new ArrayList<>()).add(r);
    }
    List<CompletableFuture<String>> puts = new ArrayList<>();
    for (Map.Entry<Map<String, String>, List<DeliveryRecord>> g : groups.entrySet()) {
      long oldest = g.getValue().stream().mapToLong(DeliveryRecord::arrivalMillis).min().orElse(now);
      String prefix;
      try {
        prefix = keys.prefix(s3, g.getKey(), oldest);
      } catch (ObjectKeys.MissingPartitionKey e) {
        // Processing gives every record the keys its prefix names; one that lacks them cannot be written.
        return CompletableFuture.failedFuture(
            new DeliveryFailure(false, "DynamicPartitioning.MetadataExtractionFailed", e.getMessage()));
      } catch (IllegalArgumentException e) {
        return CompletableFuture.failedFuture(new DeliveryFailure(false, "S3.KeyTooLongError", e.getMessage()));
      }
      List<byte[]> data = g.getValue().stream().map(DeliveryRecord::data).toList();
      puts.add(write(stream, s3, prefix, data, false, now));
    }
    return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new))
        .thenApply(all -> puts.stream().map(CompletableFuture::join).toList());
  }

  @Override
  public CompletionStage<Void> writeErrors(DeliveryStreamRecord stream, ObjectNode s3, String errorOutputType,
                                           List<byte[]> lines, long now) {
    if (lines.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String prefix;
    try {
      prefix = keys.errorPrefix(s3, errorOutputType, now);
    } catch (IllegalArgumentException e) {
      // An error prefix longer than S3 keys may be after evaluation: no retry changes it.
      return CompletableFuture.failedFuture(new DeliveryFailure(false, "S3.KeyTooLongError", e.getMessage()));
    }
    return write(stream, s3, prefix, lines, true, now).thenApply(url -> null);
  }

  /** Writes one object; completes with its {@code s3://bucket/key} URL. */
  private CompletableFuture<String> write(DeliveryStreamRecord stream, JsonNode s3, String prefix, List<byte[]> parts,
                                          boolean newlines, long now) {
    Compression compression = Compression.of(s3.path("CompressionFormat").asText(null));
    String name = keys.objectName(s3, stream.id().name(), stream.versionId(), now, compression);
    String entry = name.endsWith(compression.extension())
        ? name.substring(0, name.length() - compression.extension().length()) : name;
    String bucket = bucket(s3.path("BucketARN").asText(""));
    return CompletableFuture
        .supplyAsync(() -> compression.compress(concat(parts, newlines), entry), compressor)
        .thenCompose(body -> store.put(stream.id().account(), bucket, prefix + name, body, null))
        .thenApply(stored -> "s3://" + bucket + "/" + prefix + name);
  }

  /** The bucket an ARN names ({@code arn:aws:s3:::name}). */
  static String bucket(String arn) {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  private static byte[] concat(List<byte[]> parts, boolean newlines) {
    if (parts.size() == 1 && !newlines) {
      return parts.getFirst();
    }
    int size = 0;
    for (byte[] p : parts) {
      size += p.length + (newlines ? 1 : 0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    for (byte[] p : parts) {
      out.writeBytes(p);
      if (newlines) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }
}
