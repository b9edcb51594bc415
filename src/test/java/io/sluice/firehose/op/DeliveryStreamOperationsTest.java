package io.sluice.firehose.op;

import static io.sluice.firehose.op.MemoryFirehose.ROLE;
import static io.sluice.firehose.op.MemoryFirehose.S3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.FirehoseConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delivery stream control operations on the in-memory store with a manual clock. */
class DeliveryStreamOperationsTest {
  private static final String HTTP = "{\"EndpointConfiguration\":{\"Url\":\"https://example.com/in\",\"Name\":\"in\","
      + "\"AccessKey\":\"secret\"},\"S3Configuration\":" + S3 + "}";
  private final MemoryFirehose firehose = new MemoryFirehose();

  private String create(String name, String member, String config) {
    return "{\"DeliveryStreamName\":\"" + name + "\",\"" + member + "\":" + config + "}";
  }

  @Test
  void aNewStreamIsCreatingForTheConfiguredDelayThenActive() {
    // Given a stream just created
    JsonNode created = firehose.call(CreateDeliveryStream::new, create("orders", "S3DestinationConfiguration", S3));

    // When 499 ms pass, and then 1 more
    firehose.clock.advanceMillis(499);
    String before = firehose.describe("orders").get("DeliveryStreamStatus").asText();
    String put = firehose.errorCode(PutRecord::new, "{\"DeliveryStreamName\":\"orders\",\"Record\":{\"Data\":\"aGk=\"}}");
    firehose.clock.advanceMillis(1);

    // Then it was CREATING, refusing records, and is now ACTIVE
    assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/orders",
        created.get("DeliveryStreamARN").asText());
    assertEquals("CREATING", before);
    assertEquals("ResourceNotFoundException", put);
    assertEquals("ACTIVE", firehose.describe("orders").get("DeliveryStreamStatus").asText());
  }

  @Test
  void anS3DestinationIsDescribedAsS3AndExtendedS3WithAwsDefaults() {
    firehose.call(CreateDeliveryStream::new, "{\"DeliveryStreamName\":\"s3\",\"DirectPutSourceConfiguration\":"
        + "{\"ThroughputHintInMBs\":5},\"S3DestinationConfiguration\":{\"RoleARN\":\"" + ROLE + "\","
        + "\"BucketARN\":\"arn:aws:s3:::bucket\",\"BufferingHints\":{\"SizeInMBs\":1}}}");

    JsonNode d = firehose.describe("s3");

    assertEquals("1", d.get("VersionId").asText());
    assertEquals("DirectPut", d.get("DeliveryStreamType").asText());
    assertEquals(1_700_000_000L, d.get("CreateTimestamp").asLong());
    assertEquals(5, d.at("/Source/DirectPutSourceDescription/ThroughputHintInMBs").asInt());
    assertEquals("DISABLED", d.at("/DeliveryStreamEncryptionConfiguration/Status").asText());
    assertFalse(d.get("HasMoreDestinations").asBoolean());
    JsonNode dest = d.get("Destinations").get(0);
    assertEquals("destinationId-000000000001", dest.get("DestinationId").asText());
    for (String shape : List.of("S3DestinationDescription", "ExtendedS3DestinationDescription")) {
      JsonNode s3 = dest.get(shape);
      assertEquals(1, s3.at("/BufferingHints/SizeInMBs").asInt(), shape);
      assertEquals(300, s3.at("/BufferingHints/IntervalInSeconds").asInt(), shape);
      assertEquals("UNCOMPRESSED", s3.get("CompressionFormat").asText(), shape);
      assertEquals("NoEncryption", s3.at("/EncryptionConfiguration/NoEncryptionConfig").asText(), shape);
      assertFalse(s3.at("/CloudWatchLoggingOptions/Enabled").asBoolean(true), shape);
      assertEquals("arn:aws:s3:::bucket", s3.get("BucketARN").asText());
    }
    assertEquals("Disabled", dest.at("/ExtendedS3DestinationDescription/S3BackupMode").asText());
    assertFalse(dest.at("/ExtendedS3DestinationDescription/ProcessingConfiguration/Enabled").asBoolean(true));
  }

  @Test
  void destinationDescriptionsLeaveSecretsOutAndFillTheirKindsDefaults() {
    firehose.call(CreateDeliveryStream::new, create("http", "HttpEndpointDestinationConfiguration", HTTP));
    firehose.call(CreateDeliveryStream::new, create("redshift", "RedshiftDestinationConfiguration",
        "{\"RoleARN\":\"" + ROLE + "\",\"ClusterJDBCURL\":\"jdbc:redshift://c.abc.us-east-1.redshift.amazonaws.com:5439/db\",\"CopyCommand\":"
            + "{\"DataTableName\":\"t\"},\"Username\":\"u\",\"Password\":\"p4ssword\",\"S3Configuration\":" + S3 + "}"));
    firehose.call(CreateDeliveryStream::new, create("splunk", "SplunkDestinationConfiguration",
        "{\"HECEndpoint\":\"https://splunk:8088\",\"HECEndpointType\":\"Raw\",\"HECToken\":\"t\","
            + "\"S3Configuration\":" + S3 + "}"));

    JsonNode http = firehose.describe("http").at("/Destinations/0/HttpEndpointDestinationDescription");
    JsonNode redshift = firehose.describe("redshift").at("/Destinations/0/RedshiftDestinationDescription");
    JsonNode splunk = firehose.describe("splunk").at("/Destinations/0/SplunkDestinationDescription");

    assertEquals("https://example.com/in", http.at("/EndpointConfiguration/Url").asText());
    assertFalse(http.get("EndpointConfiguration").has("AccessKey"));
    assertEquals("NONE", http.at("/RequestConfiguration/ContentEncoding").asText());
    assertEquals("FailedDataOnly", http.get("S3BackupMode").asText());
    assertEquals(300, http.at("/RetryOptions/DurationInSeconds").asInt());
    assertEquals("UNCOMPRESSED", http.at("/S3DestinationDescription/CompressionFormat").asText());
    assertFalse(redshift.has("Password"));
    assertEquals("u", redshift.get("Username").asText());
    assertEquals(3600, redshift.at("/RetryOptions/DurationInSeconds").asInt());
    assertEquals(180, splunk.get("HECAcknowledgmentTimeoutInSeconds").asInt());
    assertEquals(60, splunk.at("/BufferingHints/IntervalInSeconds").asInt());
    assertEquals("FailedEventsOnly", splunk.get("S3BackupMode").asText());
  }

  @Test
  void whatSluiceDoesNotDeliverToIsRefusedNamingWhatItDoes() {
    String snowflake = firehose.error(CreateDeliveryStream::new, create("snow", "SnowflakeDestinationConfiguration",
        "{\"AccountUrl\":\"https://x.snowflakecomputing.com\",\"Database\":\"d\",\"Schema\":\"s\",\"Table\":\"t\","
            + "\"RoleARN\":\"" + ROLE + "\",\"S3Configuration\":" + S3 + "}")).getMessage();
    String iceberg = firehose.errorCode(CreateDeliveryStream::new, create("ice", "IcebergDestinationConfiguration",
        "{\"RoleARN\":\"" + ROLE + "\",\"CatalogConfiguration\":{},\"S3Configuration\":" + S3 + "}"));
    String msk = firehose.errorCode(CreateDeliveryStream::new, "{\"DeliveryStreamName\":\"msk\",\"DeliveryStreamType\":"
        + "\"MSKAsSource\",\"ExtendedS3DestinationConfiguration\":" + S3 + "}");
    String conversion = firehose.errorCode(CreateDeliveryStream::new, create("parquet",
        "ExtendedS3DestinationConfiguration", S3.replace("}", ",\"DataFormatConversionConfiguration\":{}}")));
    firehose.call(CreateDeliveryStream::new, create("off", "ExtendedS3DestinationConfiguration",
        S3.replace("}", ",\"DataFormatConversionConfiguration\":{\"Enabled\":false}}")));

    assertTrue(snowflake.contains("Sluice delivers to"), snowflake);
    assertEquals("InvalidArgumentException", iceberg);
    assertEquals("InvalidArgumentException", msk);
    assertEquals("InvalidArgumentException", conversion);
    assertEquals(List.of("off"), names(firehose.call(ListDeliveryStreams::new, "{}")));
  }

  @Test
  void configurationsAreCheckedAgainstTheModelAndAwsRules() {
    assertEquals("ValidationException", firehose.errorCode(CreateDeliveryStream::new,
        create("bad name", "ExtendedS3DestinationConfiguration", S3)));
    assertEquals("ValidationException", firehose.errorCode(CreateDeliveryStream::new,
        create("size", "ExtendedS3DestinationConfiguration", S3.replace("}", ",\"BufferingHints\":{\"SizeInMBs\":0}}"))));
    assertEquals("ValidationException", firehose.errorCode(CreateDeliveryStream::new,
        create("bucket", "ExtendedS3DestinationConfiguration", "{\"RoleARN\":\"" + ROLE + "\"}")));
    assertEquals("ValidationException", firehose.errorCode(CreateDeliveryStream::new,
        create("zip", "ExtendedS3DestinationConfiguration", S3.replace("}", ",\"CompressionFormat\":\"RAR\"}"))));
    assertEquals("SerializationException", firehose.errorCode(CreateDeliveryStream::new,
        create("type", "ExtendedS3DestinationConfiguration", "\"text\"")));
    assertEquals("InvalidArgumentException", firehose.errorCode(CreateDeliveryStream::new,
        "{\"DeliveryStreamName\":\"none\"}"));
    assertEquals("InvalidArgumentException", firehose.errorCode(CreateDeliveryStream::new,
        "{\"DeliveryStreamName\":\"two\",\"S3DestinationConfiguration\":" + S3 + ",\"ExtendedS3DestinationConfiguration\":"
            + S3 + "}"));
    assertEquals("InvalidArgumentException", firehose.errorCode(CreateDeliveryStream::new,
        create("prefix", "ExtendedS3DestinationConfiguration", S3.replace("}", ",\"Prefix\":\"!{timestamp:yyyy}/\"}"))));
    assertEquals("InvalidArgumentException", firehose.errorCode(CreateDeliveryStream::new,
        create("dp", "ExtendedS3DestinationConfiguration",
            S3.replace("}", ",\"DynamicPartitioningConfiguration\":{\"Enabled\":true}}"))));
    assertEquals("InvalidArgumentException", firehose.errorCode(CreateDeliveryStream::new,
        "{\"DeliveryStreamName\":\"kin\",\"DeliveryStreamType\":\"KinesisStreamAsSource\","
            + "\"ExtendedS3DestinationConfiguration\":" + S3 + "}"));
  }

  @Test
  void aTakenNameIsInUseAndTheAccountsQuotaIsLimitExceeded() {
    MemoryFirehose small = new MemoryFirehose(FirehoseConfig.DEFAULTS.withStreamLimit(2));
    small.activeStream("a");
    small.activeStream("b");

    assertEquals("ResourceInUseException", small.errorCode(CreateDeliveryStream::new,
        create("a", "ExtendedS3DestinationConfiguration", S3)));
    assertEquals("LimitExceededException", small.errorCode(CreateDeliveryStream::new,
        create("c", "ExtendedS3DestinationConfiguration", S3)));
  }

  @Test
  void listingFiltersByTypeAndPagesByName() {
    for (String name : List.of("c", "a", "b")) {
      firehose.activeStream(name);
    }
    firehose.call(CreateDeliveryStream::new, "{\"DeliveryStreamName\":\"k\",\"DeliveryStreamType\":"
        + "\"KinesisStreamAsSource\",\"KinesisStreamSourceConfiguration\":{\"KinesisStreamARN\":"
        + "\"arn:aws:kinesis:us-east-1:000000000000:stream/s\",\"RoleARN\":\"" + ROLE + "\"},"
        + "\"ExtendedS3DestinationConfiguration\":" + S3 + "}");

    JsonNode first = firehose.call(ListDeliveryStreams::new, "{\"Limit\":2,\"DeliveryStreamType\":\"DirectPut\"}");
    JsonNode rest = firehose.call(ListDeliveryStreams::new,
        "{\"Limit\":2,\"DeliveryStreamType\":\"DirectPut\",\"ExclusiveStartDeliveryStreamName\":\"b\"}");
    JsonNode all = firehose.call(ListDeliveryStreams::new, "{}");
    JsonNode kinesis = firehose.call(ListDeliveryStreams::new, "{\"DeliveryStreamType\":\"KinesisStreamAsSource\"}");

    assertEquals(List.of("a", "b"), names(first));
    assertTrue(first.get("HasMoreDeliveryStreams").asBoolean());
    assertEquals(List.of("c"), names(rest));
    assertFalse(rest.get("HasMoreDeliveryStreams").asBoolean());
    assertEquals(List.of("a", "b", "c", "k"), names(all));
    assertEquals(List.of("k"), names(kinesis));
    assertEquals("arn:aws:kinesis:us-east-1:000000000000:stream/s",
        firehose.describe("k").at("/Source/KinesisStreamSourceDescription/KinesisStreamARN").asText());
    assertEquals("ValidationException", firehose.errorCode(ListDeliveryStreams::new, "{\"Limit\":0}"));
  }

  @Test
  void aDeletedStreamIsDeletingForTheConfiguredDelayThenGoneAndItsNameFree() {
    firehose.activeStream("orders");

    firehose.call(DeleteDeliveryStream::new, "{\"DeliveryStreamName\":\"orders\",\"AllowForceDelete\":true}");
    String deleting = firehose.describe("orders").get("DeliveryStreamStatus").asText();
    String put = firehose.errorCode(PutRecord::new, "{\"DeliveryStreamName\":\"orders\",\"Record\":{\"Data\":\"aGk=\"}}");
    firehose.clock.advanceMillis(500);

    assertEquals("DELETING", deleting);
    assertEquals("ResourceNotFoundException", put);
    assertEquals("ResourceNotFoundException", firehose.errorCode(DescribeDeliveryStream::new,
        "{\"DeliveryStreamName\":\"orders\"}"));
    assertEquals("ResourceNotFoundException", firehose.errorCode(DeleteDeliveryStream::new,
        "{\"DeliveryStreamName\":\"orders\"}"));
    firehose.activeStream("orders");
    assertEquals("ACTIVE", firehose.describe("orders").get("DeliveryStreamStatus").asText());
  }

  @Test
  void updateDestinationChecksTheVersionAndMergesTheSameKind() {
    firehose.activeStream("orders");
    String update = "{\"DeliveryStreamName\":\"orders\",\"CurrentDeliveryStreamVersionId\":\"%s\","
        + "\"DestinationId\":\"destinationId-000000000001\",\"ExtendedS3DestinationUpdate\":"
        + "{\"BufferingHints\":{\"IntervalInSeconds\":0},\"S3BackupMode\":\"Enabled\",\"S3BackupUpdate\":" + S3 + "}}";
    firehose.clock.advanceSeconds(5);

    firehose.call(UpdateDestination::new, update.formatted("1"));
    String stale = firehose.errorCode(UpdateDestination::new, update.formatted("1"));
    JsonNode d = firehose.describe("orders");

    assertEquals("ConcurrentModificationException", stale);
    assertEquals("2", d.get("VersionId").asText());
    assertEquals(1_700_000_006L, d.get("LastUpdateTimestamp").asLong());
    JsonNode s3 = d.at("/Destinations/0/ExtendedS3DestinationDescription");
    assertEquals(0, s3.at("/BufferingHints/IntervalInSeconds").asInt());
    assertEquals(5, s3.at("/BufferingHints/SizeInMBs").asInt());
    assertEquals("arn:aws:s3:::bucket", s3.get("BucketARN").asText());
    assertEquals("Enabled", s3.get("S3BackupMode").asText());
    assertEquals("arn:aws:s3:::bucket", s3.at("/S3BackupDescription/BucketARN").asText());
  }

  @Test
  void updateDestinationToAnotherKindReplacesItButNeverLeavesOrEntersOpenSearch() {
    firehose.activeStream("orders");
    String update = "{\"DeliveryStreamName\":\"orders\",\"CurrentDeliveryStreamVersionId\":\"%s\","
        + "\"DestinationId\":\"%s\",\"%s\":%s}";

    String incomplete = firehose.errorCode(UpdateDestination::new, update.formatted("1", "destinationId-000000000001",
        "HttpEndpointDestinationUpdate", "{\"RoleARN\":\"" + ROLE + "\"}"));
    String unknown = firehose.errorCode(UpdateDestination::new, update.formatted("1", "destinationId-000000000009",
        "ExtendedS3DestinationUpdate", "{}"));
    String toSearch = firehose.errorCode(UpdateDestination::new, update.formatted("1", "destinationId-000000000001",
        "AmazonopensearchserviceDestinationUpdate", "{\"RoleARN\":\"" + ROLE + "\",\"IndexName\":\"i\","
            + "\"DomainARN\":\"arn:aws:es:us-east-1:000000000000:domain/search\"}"));
    firehose.call(UpdateDestination::new, update.formatted("1", "destinationId-000000000001",
        "HttpEndpointDestinationUpdate", HTTP.replace("S3Configuration", "S3Update")));
    JsonNode d = firehose.describe("orders");

    assertEquals("ValidationException", incomplete);
    assertEquals("InvalidArgumentException", unknown);
    assertEquals("InvalidArgumentException", toSearch);
    assertEquals("2", d.get("VersionId").asText());
    JsonNode dest = d.at("/Destinations/0");
    assertFalse(dest.has("ExtendedS3DestinationDescription"));
    assertEquals("https://example.com/in", dest.at("/HttpEndpointDestinationDescription/EndpointConfiguration/Url")
        .asText());
  }

  @Test
  void aStreamHoldsFiftyTagsListedByKeyInPages() {
    firehose.activeStream("orders");
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tags.add("{\"Key\":\"k%02d\",\"Value\":\"v\"}".formatted(i));
    }
    firehose.call(TagDeliveryStream::new, "{\"DeliveryStreamName\":\"orders\",\"Tags\":[" + String.join(",", tags) + "]}");

    String fiftyFirst = firehose.errorCode(TagDeliveryStream::new,
        "{\"DeliveryStreamName\":\"orders\",\"Tags\":[{\"Key\":\"one-more\"}]}");
    String reserved = firehose.errorCode(TagDeliveryStream::new,
        "{\"DeliveryStreamName\":\"orders\",\"Tags\":[{\"Key\":\"aws:x\"}]}");
    firehose.call(UntagDeliveryStream::new, "{\"DeliveryStreamName\":\"orders\",\"TagKeys\":[\"k00\",\"k01\",\"absent\"]}");
    JsonNode page = firehose.call(ListTagsForDeliveryStream::new,
        "{\"DeliveryStreamName\":\"orders\",\"ExclusiveStartTagKey\":\"k10\",\"Limit\":3}");
    JsonNode all = firehose.call(ListTagsForDeliveryStream::new, "{\"DeliveryStreamName\":\"orders\"}");

    assertEquals("LimitExceededException", fiftyFirst);
    assertEquals("ValidationException", reserved);
    assertEquals("k11", page.at("/Tags/0/Key").asText());
    assertEquals("v", page.at("/Tags/0/Value").asText());
    assertEquals(3, page.get("Tags").size());
    assertTrue(page.get("HasMoreTags").asBoolean());
    assertEquals(48, all.get("Tags").size());
    assertFalse(all.get("HasMoreTags").asBoolean());
  }

  @Test
  void encryptionIsEnablingThenEnabledAndDisablingThenDisabled() {
    firehose.activeStream("orders");
    String start = "{\"DeliveryStreamName\":\"orders\",\"DeliveryStreamEncryptionConfigurationInput\":%s}";

    firehose.call(StartDeliveryStreamEncryption::new, start.formatted("{\"KeyType\":\"AWS_OWNED_CMK\"}"));
    String enabling = firehose.describe("orders").at("/DeliveryStreamEncryptionConfiguration/Status").asText();
    boolean encryptedWhileEnabling = firehose.call(PutRecord::new,
        "{\"DeliveryStreamName\":\"orders\",\"Record\":{\"Data\":\"aGk=\"}}").get("Encrypted").asBoolean();
    firehose.clock.advanceMillis(500);
    JsonNode enabled = firehose.describe("orders").get("DeliveryStreamEncryptionConfiguration");
    boolean encrypted = firehose.call(PutRecord::new,
        "{\"DeliveryStreamName\":\"orders\",\"Record\":{\"Data\":\"aGk=\"}}").get("Encrypted").asBoolean();
    firehose.call(StopDeliveryStreamEncryption::new, "{\"DeliveryStreamName\":\"orders\"}");
    String disabling = firehose.describe("orders").at("/DeliveryStreamEncryptionConfiguration/Status").asText();
    firehose.clock.advanceMillis(500);
    String disabled = firehose.describe("orders").at("/DeliveryStreamEncryptionConfiguration/Status").asText();

    assertEquals("ENABLING", enabling);
    assertFalse(encryptedWhileEnabling);
    assertEquals("ENABLED", enabled.get("Status").asText());
    assertEquals("AWS_OWNED_CMK", enabled.get("KeyType").asText());
    assertTrue(encrypted);
    assertEquals("DISABLING", disabling);
    assertEquals("DISABLED", disabled);
    assertEquals("InvalidArgumentException", firehose.errorCode(StartDeliveryStreamEncryption::new,
        start.formatted("{\"KeyType\":\"CUSTOMER_MANAGED_CMK\"}")));
    assertEquals("InvalidKMSResourceException", firehose.errorCode(StartDeliveryStreamEncryption::new,
        start.formatted("{\"KeyType\":\"CUSTOMER_MANAGED_CMK\",\"KeyARN\":"
            + "\"arn:aws:kms:eu-west-1:000000000000:key/k\"}")));
  }

  @Test
  void encryptionChangesAreLimitedToTwentyFivePerDay() {
    firehose.activeStream("orders");
    String start = "{\"DeliveryStreamName\":\"orders\",\"DeliveryStreamEncryptionConfigurationInput\":"
        + "{\"KeyType\":\"AWS_OWNED_CMK\"}}";
    for (int i = 0; i < 25; i++) {
      firehose.call(i % 2 == 0 ? StartDeliveryStreamEncryption::new : StopDeliveryStreamEncryption::new,
          i % 2 == 0 ? start : "{\"DeliveryStreamName\":\"orders\"}");
      firehose.clock.advanceSeconds(60);
    }

    String twentySixth = firehose.errorCode(StopDeliveryStreamEncryption::new, "{\"DeliveryStreamName\":\"orders\"}");
    firehose.clock.advanceSeconds(24 * 3600);

    assertEquals("LimitExceededException", twentySixth);
    firehose.call(StopDeliveryStreamEncryption::new, "{\"DeliveryStreamName\":\"orders\"}");
  }

  @Test
  void aKinesisSourcedStreamCannotBeEncryptedBySluice() {
    firehose.call(CreateDeliveryStream::new, "{\"DeliveryStreamName\":\"k\",\"DeliveryStreamType\":"
        + "\"KinesisStreamAsSource\",\"KinesisStreamSourceConfiguration\":{\"KinesisStreamARN\":"
        + "\"arn:aws:kinesis:us-east-1:000000000000:stream/s\",\"RoleARN\":\"" + ROLE + "\"},"
        + "\"ExtendedS3DestinationConfiguration\":" + S3 + "}");
    firehose.clock.advanceSeconds(1);

    assertEquals("InvalidArgumentException", firehose.errorCode(StartDeliveryStreamEncryption::new,
        "{\"DeliveryStreamName\":\"k\"}"));
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.get("DeliveryStreamNames").forEach(n -> names.add(n.asText()));
    return names;
  }
}
