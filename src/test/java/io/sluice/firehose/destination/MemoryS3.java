package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.DeliveryStreamRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * S3 for destination tests: objects kept in memory by {@code bucket/key}. Records go under the
 * configuration's literal prefix as {@code <prefix>obj-<n>}; error lines under
 * {@code <errorOutputType>/} (the default error prefix without its time part).
 */
public final class MemoryS3 implements S3Output, ObjectStore {
  private final Map<String, byte[]> objects = new TreeMap<>();
  private int n;

  @Override
  public synchronized CompletionStage<List<String>> writeRecords(DeliveryStreamRecord stream, ObjectNode s3,
                                                                 List<DeliveryRecord> records, long now) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    records.forEach(r -> body.writeBytes(r.data()));
    String bucket = RedshiftManifest.bucket(s3);
    String key = s3.path("Prefix").asText("") + "obj-" + (++n);
    objects.put(bucket + "/" + key, body.toByteArray());
    return CompletableFuture.completedFuture(List.of("s3://" + bucket + "/" + key));
  }

  @Override
  public synchronized CompletionStage<Void> writeErrors(DeliveryStreamRecord stream, ObjectNode s3,
                                                        String errorOutputType, List<byte[]> lines, long now) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    lines.forEach(l -> {
      body.writeBytes(l);
      body.write('\n');
    });
    objects.put(RedshiftManifest.bucket(s3) + "/" + errorOutputType + "/err-" + (++n), body.toByteArray());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Void> put(String bucket, String key, byte[] body, String contentEncoding) {
    objects.put(bucket + "/" + key, body);
    return CompletableFuture.completedFuture(null);
  }

  /** The objects whose {@code bucket/key} starts with {@code prefix}, as text, by name. */
  public synchronized Map<String, String> under(String prefix) {
    Map<String, String> out = new TreeMap<>();
    objects.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, new String(v, StandardCharsets.UTF_8));
      }
    });
    return out;
  }

  /** Every object's {@code bucket/key}. */
  public synchronized List<String> keys() {
    return new ArrayList<>(objects.keySet());
  }
}
