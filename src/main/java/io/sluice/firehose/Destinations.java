package io.sluice.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.processing.ProcessingRules;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The destinations of a delivery stream: which kinds Sluice accepts, the rules AWS applies to a
 * configuration beyond its shape (API reference, CreateDeliveryStream and UpdateDestination), the
 * description AWS answers with its defaults filled in, and how an update merges into a destination.
 * A kind is the prefix its members share in the API: {@code ExtendedS3DestinationConfiguration},
 * {@code ExtendedS3DestinationUpdate}, {@code ExtendedS3DestinationDescription}.
 */
public final class Destinations {
  /** The kinds Sluice accepts, in the order of the API's members. */
  public static final List<String> KINDS = List.of("S3", "ExtendedS3", "Redshift", "Elasticsearch",
      "Amazonopensearchservice", "Splunk", "HttpEndpoint", "AmazonOpenSearchServerless");
  /** The kinds the API has that Sluice refuses. */
  public static final List<String> REFUSED = List.of("Snowflake", "Iceberg");
  /** What Sluice delivers to, as its refusals name it. */
  public static final String DELIVERS_TO = "Sluice delivers to Amazon S3 (S3, ExtendedS3), Redshift, "
      + "Elasticsearch, Amazon OpenSearch Service, Amazon OpenSearch Serverless, Splunk and HTTP endpoints";

  /** Kinds that may only be updated to each other (UpdateDestination: "Switching between Amazon OpenSearch Service and other services is not supported"). */
  private static final Set<String> OPENSEARCH = Set.of("Elasticsearch", "Amazonopensearchservice");

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    String s3 = """
        {"BufferingHints":{"SizeInMBs":5,"IntervalInSeconds":300},"CompressionFormat":"UNCOMPRESSED",
         "EncryptionConfiguration":{"NoEncryptionConfig":"NoEncryption"},"CloudWatchLoggingOptions":{"Enabled":false}}""";
    String common = """
        "CloudWatchLoggingOptions":{"Enabled":false},"ProcessingConfiguration":{"Enabled":false,"Processors":[]}""";
    DEFAULTS.put("S3DestinationDescription", s3);
    DEFAULTS.put("ExtendedS3DestinationDescription", s3.substring(0, s3.length() - 1) + ","
        + "\"ProcessingConfiguration\":{\"Enabled\":false,\"Processors\":[]},\"S3BackupMode\":\"Disabled\"}");
    DEFAULTS.put("RedshiftDestinationDescription", "{" + common
        + ",\"RetryOptions\":{\"DurationInSeconds\":3600},\"S3BackupMode\":\"Disabled\"}");
    String search = "{" + common + ",\"BufferingHints\":{\"SizeInMBs\":5,\"IntervalInSeconds\":300},"
        + "\"RetryOptions\":{\"DurationInSeconds\":300},\"S3BackupMode\":\"FailedDocumentsOnly\"";
    DEFAULTS.put("ElasticsearchDestinationDescription", search + ",\"IndexRotationPeriod\":\"OneDay\"}");
    DEFAULTS.put("AmazonopensearchserviceDestinationDescription", search + ",\"IndexRotationPeriod\":\"OneDay\"}");
    DEFAULTS.put("AmazonOpenSearchServerlessDestinationDescription", search + "}");
    DEFAULTS.put("SplunkDestinationDescription", "{" + common + ",\"BufferingHints\":{\"SizeInMBs\":5,"
        + "\"IntervalInSeconds\":60},\"HECAcknowledgmentTimeoutInSeconds\":180,"
        + "\"RetryOptions\":{\"DurationInSeconds\":3600},\"S3BackupMode\":\"FailedEventsOnly\"}");
    DEFAULTS.put("HttpEndpointDestinationDescription", "{" + common + ",\"BufferingHints\":{\"SizeInMBs\":5,"
        + "\"IntervalInSeconds\":300},\"RequestConfiguration\":{\"ContentEncoding\":\"NONE\"},"
        + "\"RetryOptions\":{\"DurationInSeconds\":300},\"S3BackupMode\":\"FailedDataOnly\"}");
  }

  private Destinations() {}

  /**
   * The S3 configuration a destination writes to S3 with (its records for the S3 kinds, backups and
   * failed records for the others): an S3 kind's own configuration, else its {@code S3Configuration}.
   */
  public static ObjectNode s3ConfigurationOf(Destination d) {
    return isS3(d.kind()) ? d.config() : (ObjectNode) d.config().path("S3Configuration");
  }

  /** The id of a stream's {@code n}th destination (from 1), as AWS numbers them. */
  public static String id(int n) {
    return String.format("destinationId-%012d", n);
  }

  /**
   * The one destination among {@code configurations} (kind to its configuration, null where absent):
   * InvalidArgumentException for none, several, or a kind Sluice refuses; then {@link #check}.
   */
  public static Destination single(Map<String, JsonNode> configurations, String suffix) {
    Destination found = null;
    for (Map.Entry<String, JsonNode> c : configurations.entrySet()) {
      if (c.getValue() == null || c.getValue().isNull()) {
        continue;
      }
      if (REFUSED.contains(c.getKey())) {
        throw invalid("%s%s is not supported: %s.", c.getKey(), suffix, DELIVERS_TO);
      }
      if (found != null) {
        throw invalid("Exactly one destination configuration must be specified; found %s%s and %s%s.",
            found.kind(), suffix, c.getKey(), suffix);
      }
      found = new Destination(id(1), c.getKey(), (ObjectNode) c.getValue().deepCopy());
    }
    if (found == null) {
      throw invalid("Exactly one destination configuration must be specified.");
    }
    return found;
  }

  /** InvalidArgumentException unless {@code d}'s configuration obeys AWS's rules beyond its shape. */
  public static void check(Destination d) {
    JsonNode c = d.config();
    JsonNode conversion = c.path("DataFormatConversionConfiguration");
    // Enabled defaults to true (API reference, DataFormatConversionConfiguration).
    if (conversion.isObject() && conversion.path("Enabled").asBoolean(true)) {
      throw invalid("Record format conversion (DataFormatConversionConfiguration) needs an AWS Glue schema, "
          + "which Sluice does not serve; set Enabled to false. %s.", DELIVERS_TO);
    }
    JsonNode partitioning = c.path("DynamicPartitioningConfiguration");
    if (partitioning.path("Enabled").asBoolean(false) && c.path("BufferingHints").path("SizeInMBs").asInt(5) < 64) {
      // Developer guide, Dynamic partitioning: the buffer size must be at least 64 MiB.
      throw invalid("BufferingHints.SizeInMBs must be at least 64 when dynamic partitioning is enabled.");
    }
    if (c.path("Prefix").asText("").contains("!{") && c.path("ErrorOutputPrefix").asText("").isEmpty()) {
      // Developer guide, Custom prefixes: an expression in the prefix needs an error output prefix.
      throw invalid("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
    }
    if ((d.kind().equals("ExtendedS3") || d.kind().equals("Redshift"))
        && "Enabled".equals(c.path("S3BackupMode").asText()) && !c.path("S3BackupConfiguration").isObject()) {
      throw invalid("S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
    }
    if (OPENSEARCH.contains(d.kind()) && c.hasNonNull("DomainARN") == c.hasNonNull("ClusterEndpoint")) {
      throw invalid("Exactly one of DomainARN and ClusterEndpoint must be specified.");
    }
    if (d.kind().equals("Splunk") && !c.hasNonNull("HECToken")
        && !c.path("SecretsManagerConfiguration").path("Enabled").asBoolean(false)) {
      throw invalid("HECToken must be specified unless SecretsManagerConfiguration is enabled.");
    }
    if (d.kind().equals("Redshift") && !c.path("SecretsManagerConfiguration").path("Enabled").asBoolean(false)
        && (!c.hasNonNull("Username") || !c.hasNonNull("Password"))) {
      throw invalid("Username and Password must be specified unless SecretsManagerConfiguration is enabled.");
    }
    ProcessingRules.check(d);
  }

  /**
   * {@code current} after an UpdateDestination of kind {@code kind}: merged into it if the kind is
   * the same (S3 and ExtendedS3 are one), else replacing it, then as complete as its kind's
   * configuration shape requires; InvalidArgumentException for a change to or from OpenSearch.
   */
  public static Destination update(Destination current, String kind, JsonNode update) {
    boolean s3Family = isS3(current.kind()) && isS3(kind);
    if (s3Family || current.kind().equals(kind)) {
      ObjectNode merged = current.config().deepCopy();
      merge(merged, update);
      // An S3 update to an ExtendedS3 destination changes the members they share; it stays ExtendedS3.
      Destination d = new Destination(current.id(), s3Family ? max(current.kind(), kind) : kind, merged);
      FirehoseModel.validate(d.kind() + "DestinationConfiguration", merged);
      check(d);
      ProcessingRules.checkUpdate(current, d);
      return d;
    }
    if (OPENSEARCH.contains(current.kind()) || OPENSEARCH.contains(kind)) {
      throw invalid("Switching between Amazon OpenSearch Service and other destination types is not supported: "
          + "cannot update a %s destination with %sDestinationUpdate.", current.kind(), kind);
    }
    ObjectNode replaced = FirehoseModel.object();
    merge(replaced, update);
    Destination d = new Destination(current.id(), kind, replaced);
    // Another kind: nothing is merged, so the update must hold all a configuration requires.
    FirehoseModel.validate(kind + "DestinationConfiguration", replaced);
    check(d);
    ProcessingRules.checkUpdate(current, d);
    return d;
  }

  private static boolean isS3(String kind) {
    return kind.equals("S3") || kind.equals("ExtendedS3");
  }

  private static String max(String a, String b) {
    return a.equals("ExtendedS3") || b.equals("ExtendedS3") ? "ExtendedS3" : "S3";
  }

  /** Merges {@code update} into {@code into}: objects member by member, the rest replaced; …Update members into …Configuration. */
  private static void merge(ObjectNode into, JsonNode update) {
    Iterator<Map.Entry<String, JsonNode>> fields = update.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String name = f.getKey().endsWith("Update")
          ? f.getKey().substring(0, f.getKey().length() - "Update".length()) + "Configuration" : f.getKey();
      JsonNode existing = into.get(name);
      if (f.getValue().isObject() && existing != null && existing.isObject()) {
        merge((ObjectNode) existing, f.getValue());
      } else if (f.getValue().isObject()) {
        ObjectNode fresh = FirehoseModel.object();
        merge(fresh, f.getValue());
        into.set(name, fresh);
      } else if (!f.getValue().isNull()) {
        into.set(name, f.getValue().deepCopy());
      }
    }
  }

  /**
   * The destination's {@code DestinationDescription}: its kind's description shape, members taken
   * from the configuration (secrets such as a password left out, as the shape has no member for
   * them) and AWS's defaults where it gave none. An S3 destination is described twice, as S3 and
   * ExtendedS3, as AWS does.
   */
  public static ObjectNode describe(Destination d) {
    ObjectNode out = FirehoseModel.object();
    out.put("DestinationId", d.id());
    String config = d.kind() + "DestinationConfiguration";
    out.set(d.kind() + "DestinationDescription", describe(config, d.kind() + "DestinationDescription", d.config()));
    if (d.kind().equals("S3")) {
      out.set("ExtendedS3DestinationDescription",
          describe(config, "ExtendedS3DestinationDescription", d.config()));
    }
    return out;
  }

  private static ObjectNode describe(String configShape, String descriptionShape, JsonNode config) {
    ObjectNode out = FirehoseModel.object();
    for (String member : FirehoseModel.members(descriptionShape)) {
      for (String candidate : candidates(member)) {
        JsonNode value = config.get(candidate);
        String from = FirehoseModel.memberShape(configShape, candidate);
        if (value == null || value.isNull() || from == null) {
          continue;
        }
        String to = FirehoseModel.memberShape(descriptionShape, member);
        boolean structure = "structure".equals(FirehoseModel.shape(to).path("type").asText());
        out.set(member, structure && !to.equals(from) ? describe(from, to, value) : value.deepCopy());
        break;
      }
    }
    String defaults = DEFAULTS.get(descriptionShape);
    if (defaults != null) {
      fill(out, read(defaults));
    }
    return out;
  }

  private static List<String> candidates(String member) {
    if (member.equals("S3DestinationDescription")) {
      return List.of("S3Configuration");
    }
    return List.of(member, member.replace("Description", "Configuration"), member.replace("Description", ""));
  }

  /** Adds {@code defaults}' members that {@code into} lacks, and within objects both have. */
  private static void fill(ObjectNode into, JsonNode defaults) {
    Iterator<Map.Entry<String, JsonNode>> fields = defaults.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode existing = into.get(f.getKey());
      if (existing == null || existing.isNull()) {
        into.set(f.getKey(), f.getValue().deepCopy());
      } else if (existing.isObject() && f.getValue().isObject()) {
        fill((ObjectNode) existing, f.getValue());
      }
    }
  }

  private static JsonNode read(String json) {
    try {
      return JsonCodec.json().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** InvalidArgumentException with AWS's code and {@code format}'s message. */
  public static AwsException invalid(String format, Object... args) {
    return AwsException.of(FirehoseError.InvalidArgumentException, format, args);
  }
}
