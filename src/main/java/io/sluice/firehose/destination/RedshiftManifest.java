package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The COPY manifest Firehose writes for each batch it loads into Redshift, in the intermediate
 * bucket under the S3 configuration's prefix: {@code <prefix>manifests/YYYY/MM/DD/HH/<stream>-YYYY-MM-DD-HH-MM-SS-<id>}
 * listing the staged objects (Redshift "Using a manifest to specify data files": {@code entries} of
 * {@code url} and {@code mandatory}). A batch Firehose gives up on has its manifest written again
 * under {@code <prefix>errors/manifests/…} (developer guide, "Handle data delivery failures", Amazon
 * Redshift), for a manual backfill.
 */
public final class RedshiftManifest {

  private RedshiftManifest() {}

  /** The manifest body for the staged objects at {@code urls}. */
  public static byte[] body(List<String> urls) {
    ObjectNode root = JsonCodec.json().createObjectNode();
    ArrayNode entries = root.putArray("entries");
    for (String url : urls) {
      entries.addObject().put("url", url).put("mandatory", true);
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The manifest's key for a batch of stream {@code streamName} first attempted at {@code millis};
   * {@code error} for the errors folder. A prefix holding {@code !{…}} expressions is left out (it
   * is evaluated per record, a manifest belongs to the batch).
   */
  public static String key(JsonNode s3Configuration, boolean error, String streamName, long millis, String id) {
    String prefix = s3Configuration.path("Prefix").asText("");
    if (prefix.contains("!{")) {
      prefix = "";
    }
    ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
    return String.format("%s%smanifests/%04d/%02d/%02d/%02d/%s-%04d-%02d-%02d-%02d-%02d-%02d-%s", prefix,
        error ? "errors/" : "", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), streamName,
        t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), id);
  }

  /** The bucket's name from the S3 configuration's {@code BucketARN} ({@code arn:aws:s3:::name}). */
  public static String bucket(JsonNode s3Configuration) {
    String arn = s3Configuration.path("BucketARN").asText();
    int at = arn.lastIndexOf(":::");
    return at < 0 ? arn : arn.substring(at + 3);
  }
}
