package io.sluice.firehose.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The rules AWS applies to ProcessingConfiguration and DynamicPartitioningConfiguration at
 * CreateDeliveryStream and UpdateDestination, on the in-memory store.
 */
class ProcessingConfigurationRulesTest {
  private static final String LAMBDA = "{\"Type\":\"Lambda\",\"Parameters\":[{\"ParameterName\":\"LambdaArn\","
      + "\"ParameterValue\":\"arn:aws:lambda:us-east-1:000000000000:function:f\"}%s]}";
  private static final String QUERY = "{\"Type\":\"MetadataExtraction\",\"Parameters\":[{\"ParameterName\":"
      + "\"MetadataExtractionQuery\",\"ParameterValue\":\"%s\"},{\"ParameterName\":\"JsonParsingEngine\","
      + "\"ParameterValue\":\"JQ-1.6\"}]}";
  private final MemoryFirehose firehose = new MemoryFirehose();

  /** An ExtendedS3 configuration with {@code members} (JSON members, no braces) besides role and bucket. */
  private static String s3(String members) {
    return "{\"RoleARN\":\"" + MemoryFirehose.ROLE + "\",\"BucketARN\":\"arn:aws:s3:::bucket\"" + members + "}";
  }

  private static String partitioned(String prefix, String errorPrefix, String size, String... processors) {
    return s3(",\"Prefix\":\"" + prefix + "\"" + (errorPrefix == null ? "" : ",\"ErrorOutputPrefix\":\"" + errorPrefix
        + "\"") + ",\"BufferingHints\":{\"SizeInMBs\":" + size + "},\"DynamicPartitioningConfiguration\":{\"Enabled\":true},"
        + "\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":[" + String.join(",", processors) + "]}");
  }

  private String create(String name, String config) {
    try {
      firehose.call(CreateDeliveryStream::new,
          "{\"DeliveryStreamName\":\"" + name + "\",\"ExtendedS3DestinationConfiguration\":" + config + "}");
      return "OK";
    } catch (io.sluice.protocol.AwsException e) {
      return e.error().code();
    }
  }

  @Test
  void aValidLambdaAndPartitioningConfigurationIsAccepted() {
    assertEquals("OK", create("lambda", s3(",\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":["
        + LAMBDA.formatted(",{\"ParameterName\":\"NumberOfRetries\",\"ParameterValue\":\"5\"},"
        + "{\"ParameterName\":\"BufferSizeInMBs\",\"ParameterValue\":\"0.5\"}") + "]}")));
    assertEquals("OK", create("dp", partitioned("c=!{partitionKeyFromQuery:c}/f=!{partitionKeyFromLambda:f}/",
        "e/!{firehose:error-output-type}/", "64", LAMBDA.formatted(""), QUERY.formatted("{c: .c}"),
        "{\"Type\":\"AppendDelimiterToRecord\"}")));
  }

  @Test
  void lambdaParametersAreCheckedAgainstTheirRanges() {
    assertEquals("InvalidArgumentException", create("noarn", s3(",\"ProcessingConfiguration\":{\"Enabled\":true,"
        + "\"Processors\":[{\"Type\":\"Lambda\",\"Parameters\":[]}]}")));
    assertEquals("InvalidArgumentException", create("retries", s3(",\"ProcessingConfiguration\":{\"Enabled\":true,"
        + "\"Processors\":[" + LAMBDA.formatted(",{\"ParameterName\":\"NumberOfRetries\",\"ParameterValue\":\"301\"}")
        + "]}")));
    assertEquals("InvalidArgumentException", create("size", s3(",\"ProcessingConfiguration\":{\"Enabled\":true,"
        + "\"Processors\":[" + LAMBDA.formatted(",{\"ParameterName\":\"BufferSizeInMBs\",\"ParameterValue\":\"4\"}")
        + "]}")));
    assertEquals("InvalidArgumentException", create("param", s3(",\"ProcessingConfiguration\":{\"Enabled\":true,"
        + "\"Processors\":[" + LAMBDA.formatted(",{\"ParameterName\":\"SubRecordType\",\"ParameterValue\":\"JSON\"}")
        + "]}")));
    assertEquals("InvalidArgumentException", create("unsupported", s3(",\"ProcessingConfiguration\":{\"Enabled\":true,"
        + "\"Processors\":[{\"Type\":\"Decompression\"}]}")));
  }

  @Test
  void dynamicPartitioningNeedsKeysInThePrefixTheirProcessorsAnErrorPrefixAndA64MbBuffer() {
    String query = QUERY.formatted("{c: .c}");
    assertEquals("InvalidArgumentException", create("nokeys", partitioned("static/", "e/!{firehose:error-output-type}/",
        "64", query)));
    assertEquals("InvalidArgumentException", create("noerror", partitioned("c=!{partitionKeyFromQuery:c}/", null,
        "64", query)));
    assertEquals("InvalidArgumentException", create("small", partitioned("c=!{partitionKeyFromQuery:c}/",
        "e/!{firehose:error-output-type}/", "63", query)));
    assertEquals("InvalidArgumentException", create("noquery", partitioned("c=!{partitionKeyFromQuery:c}/",
        "e/!{firehose:error-output-type}/", "64", LAMBDA.formatted(""))));
    assertEquals("InvalidArgumentException", create("nolambda", partitioned("c=!{partitionKeyFromLambda:c}/",
        "e/!{firehose:error-output-type}/", "64", query)));
    assertEquals("InvalidArgumentException", create("badjq", partitioned("c=!{partitionKeyFromQuery:c}/",
        "e/!{firehose:error-output-type}/", "64", QUERY.formatted("{c: .c"))));
  }

  @Test
  void partitioningProcessorsAndKeysNeedDynamicPartitioning() {
    assertEquals("InvalidArgumentException", create("keys", s3(",\"Prefix\":\"c=!{partitionKeyFromQuery:c}/\","
        + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}/\"")));
    assertEquals("InvalidArgumentException", create("delim", s3(",\"ProcessingConfiguration\":{\"Enabled\":true,"
        + "\"Processors\":[{\"Type\":\"AppendDelimiterToRecord\"}]}")));
  }

  @Test
  void dynamicPartitioningIsEnabledOnlyAtCreationAndNeverDisabled() {
    create("plain", s3(""));
    create("dp", partitioned("c=!{partitionKeyFromQuery:c}/", "e/!{firehose:error-output-type}/", "64",
        QUERY.formatted("{c: .c}")));
    firehose.clock.advanceMillis(1000);
    String update = "{\"DeliveryStreamName\":\"%s\",\"CurrentDeliveryStreamVersionId\":\"1\","
        + "\"DestinationId\":\"destinationId-000000000001\",\"ExtendedS3DestinationUpdate\":%s}";

    String enable = firehose.errorCode(UpdateDestination::new, update.formatted("plain",
        partitioned("c=!{partitionKeyFromQuery:c}/", "e/!{firehose:error-output-type}/", "64",
            QUERY.formatted("{c: .c}"))));
    String disable = firehose.errorCode(UpdateDestination::new, update.formatted("dp",
        "{\"DynamicPartitioningConfiguration\":{\"Enabled\":false}}"));
    firehose.call(UpdateDestination::new, update.formatted("dp", "{\"Prefix\":\"d=!{partitionKeyFromQuery:c}/\"}"));

    assertEquals("InvalidArgumentException", enable);
    assertEquals("InvalidArgumentException", disable);
    assertEquals("d=!{partitionKeyFromQuery:c}/", firehose.describe("dp")
        .at("/Destinations/0/ExtendedS3DestinationDescription/Prefix").asText());
  }
}
