package io.sluice.it.firehose;

import static io.sluice.it.firehose.DeliveryTesting.ROLE;
import static io.sluice.it.firehose.DeliveryTesting.bytes;
import static io.sluice.it.firehose.DeliveryTesting.size;
import static io.sluice.it.firehose.DeliveryTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.it.S3ProxyServer;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Whole pipelines through the AWS SDK v2 on each engine and the wall clock, into S3Proxy: an SNS
 * topic's firehose subscription; a Kinesis stream read as the source, across a SplitShard; a Lambda
 * transformation at a function URL (Ok, Dropped, ProcessingFailed) with its error objects in AWS's
 * layout; dynamic partitioning by a JQ query, records without the key under the error prefix.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class PipelineSdkTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  /** Where SplitShard cuts a one-shard stream in halves: 2^127. */
  private static final String HALF = "170141183460469231731687303715884105728";
  private static final String NAME = "-1-\\d{4}(-\\d\\d){5}-[-0-9a-f]{36}";
  private static FunctionServer function;

  @Parameter
  Engine engine;
  TestSluice node;
  FirehoseClient firehose;
  String stream;
  String bucket;

  @BeforeAll
  static void start() throws Exception {
    S3.start();
    function = new FunctionServer();
    Map<String, String> env = new HashMap<>(DeliveryTesting.environment(S3, Map.of()));
    env.put("SLUICE_LAMBDA_ENDPOINTS", function.lambdaEndpoints());
    env.put("SLUICE_FIREHOSE_SOURCE_POLL_MS", "100");
    for (Engine e : Engine.values()) {
      NODES.put(e, TestSluice.start(e, InstantSource.system(), env));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    NODES.values().forEach(TestSluice::close);
    function.close();
  }

  @BeforeEach
  void given() {
    node = NODES.get(engine);
    firehose = DeliveryTesting.client(node.endpoint());
    stream = TestSluice.uniqueName("pipe-" + engine.name().toLowerCase());
    bucket = TestSluice.uniqueName("pipe-out-" + engine.name().toLowerCase());
    S3.createBucket(bucket);
  }

  @AfterEach
  void closeClient() {
    firehose.close();
  }

  private ExtendedS3DestinationConfiguration.Builder s3() {
    return ExtendedS3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
        .bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(64));
  }

  private String create(ExtendedS3DestinationConfiguration.Builder destination) {
    DeliveryTesting.createActive(firehose, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
        .extendedS3DestinationConfiguration(destination.build()).build());
    return "arn:aws:firehose:us-east-1:000000000000:deliverystream/" + stream;
  }

  private void putBatch(String... data) {
    var response = firehose.putRecordBatch(r -> r.deliveryStreamName(stream).records(List.of(data).stream()
        .map(d -> Record.builder().data(SdkBytes.fromUtf8String(d)).build()).toList()));
    assertEquals(0, response.failedPutCount());
  }

  /** The bucket's objects once they are {@code count} (at most 20 s), and half a second later, to see no more come. */
  private Map<String, byte[]> objects(int count) {
    DeliveryTesting.awaitValue(Duration.ofSeconds(20), count + " objects in " + bucket, () -> S3.objects(bucket),
        o -> o.size() >= count);
    DeliveryTesting.sleep(500);
    return S3.objects(bucket);
  }

  /** The objects' bytes by the part of their key before the object name, as text. */
  private Map<String, String> byPrefix(Map<String, byte[]> objects) {
    Pattern key = Pattern.compile("(.*/)" + Pattern.quote(stream) + NAME);
    Map<String, String> out = new TreeMap<>();
    objects.forEach((k, v) -> {
      Matcher m = key.matcher(k);
      assertTrue(m.matches(), k);
      out.merge(m.group(1), text(v), String::concat);
    });
    return out;
  }

  @Test
  void anSnsFirehoseSubscriptionDeliversTheNotificationToS3() throws Exception {
    String streamArn = create(s3());
    String topic = node.sns().createTopic(b -> b.name(TestSluice.uniqueName("fh-topic"))).topicArn();
    node.sns().subscribe(b -> b.topicArn(topic).protocol("firehose").endpoint(streamArn)
        .attributes(Map.of("SubscriptionRoleArn", ROLE)));

    String messageId = node.sns().publish(b -> b.topicArn(topic).subject("greeting").message("hello pipeline"))
        .messageId();
    Map<String, byte[]> objects = objects(1);

    assertEquals(1, objects.size(), objects.keySet().toString());
    String body = text(objects.values().iterator().next());
    assertTrue(body.endsWith("}\n"), body);
    JsonNode notification = JSON.readTree(body);
    assertEquals("Notification", notification.get("Type").asText());
    assertEquals(messageId, notification.get("MessageId").asText());
    assertEquals(topic, notification.get("TopicArn").asText());
    assertEquals("greeting", notification.get("Subject").asText());
    assertEquals("hello pipeline", notification.get("Message").asText());
  }

  @Test
  void aKinesisSourceDeliversEveryRecordOnceAcrossASplitShard() {
    try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials()).httpClient(ApacheHttpClient.builder().build()).build()) {
      String kinesisStream = TestSluice.uniqueName("fh-source");
      kinesis.createStream(b -> b.streamName(kinesisStream).shardCount(1));
      kinesis.waiter().waitUntilStreamExists(b -> b.streamName(kinesisStream));
      String kinesisArn = kinesis.describeStreamSummary(b -> b.streamName(kinesisStream))
          .streamDescriptionSummary().streamARN();
      DeliveryTesting.createActive(firehose, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
          .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
          .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(kinesisArn).roleARN(ROLE))
          .extendedS3DestinationConfiguration(s3().build()).build());

      List<String> put = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        if (i == 20) {
          kinesis.splitShard(b -> b.streamName(kinesisStream).shardToSplit("shardId-000000000000")
              .newStartingHashKey(HALF));
          kinesis.waiter().waitUntilStreamExists(b -> b.streamName(kinesisStream));
        }
        String data = String.format("k%d-%03d|", i % 4, i);
        String key = "key-" + (i % 4);
        kinesis.putRecord(b -> b.streamName(kinesisStream).partitionKey(key)
            .data(SdkBytes.fromUtf8String(data)));
        put.add(data);
      }
      long total = put.stream().mapToLong(String::length).sum();

      Map<String, byte[]> objects = DeliveryTesting.awaitValue(Duration.ofSeconds(30), total + " bytes in " + bucket,
          () -> S3.objects(bucket), o -> size(o) >= total);
      DeliveryTesting.sleep(1_500);
      objects = S3.objects(bucket);

      List<String> delivered = new ArrayList<>();
      for (byte[] o : objects.values()) {
        List<String> records = List.of(text(o).split("(?<=\\|)"));
        // Within an object, a partition key's records keep their order.
        for (int key = 0; key < 4; key++) {
          String k = "k" + key + "-";
          List<String> ofKey = records.stream().filter(r -> r.startsWith(k)).toList();
          assertEquals(ofKey.stream().sorted().toList(), ofKey);
        }
        delivered.addAll(records);
      }
      assertEquals(put.stream().sorted().toList(), delivered.stream().sorted().toList());
    }
  }

  @Test
  void aLambdaTransformationDeliversOkRecordsAndWritesFailedOnesInAwsErrorLayout() throws Exception {
    String streamArn = create(s3().prefix("ok/")
        .errorOutputPrefix("errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/")
        .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type("Lambda").parameters(
            pa -> pa.parameterName(ProcessorParameterName.LAMBDA_ARN).parameterValue(FunctionServer.FUNCTION_ARN)))));
    long before = System.currentTimeMillis();
    putBatch("apple;", "drop", "fail", "berry;", "fail");
    long after = System.currentTimeMillis();

    Map<String, String> objects = byPrefix(objects(2));
    String errorPrefix = objects.keySet().stream().filter(k -> k.startsWith("errors/")).findFirst().orElseThrow();
    String errors = objects.get(errorPrefix);
    List<String> lines = List.of(errors.split("\n"));
    assertTrue(errors.endsWith("\n"), errors);
    assertEquals(2, lines.size(), errors);
    for (String line : lines) {
      // The developer guide's "Handle failure in data transformation" layout.
      JsonNode doc = JSON.readTree(line);
      assertEquals(List.of("attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage", "attemptEndingTimestamp",
          "rawData", "lambdaArn"), DeliveryTesting.fieldNames(doc));
      assertEquals(1, doc.get("attemptsMade").asInt());
      long arrival = doc.get("arrivalTimestamp").asLong();
      assertTrue(arrival >= before - 1 && arrival <= after, line);
      assertTrue(doc.get("attemptEndingTimestamp").asLong() >= arrival, line);
      assertEquals("Lambda.ProcessingFailedStatus", doc.get("errorCode").asText());
      assertFalse(doc.get("errorMessage").asText().isEmpty());
      assertEquals("fail", text(Base64.getDecoder().decode(doc.get("rawData").asText())));
      assertEquals(FunctionServer.FUNCTION_ARN, doc.get("lambdaArn").asText());
    }
    // The records' arrival names both prefixes: the error one as given, the other with its hour appended.
    var arrived = Instant.ofEpochMilli(JSON.readTree(lines.getFirst()).get("arrivalTimestamp").asLong())
        .atZone(ZoneOffset.UTC);
    assertEquals(List.of("errors/processing-failed/" + DateTimeFormatter.ofPattern("yyyy/MM/dd/").format(arrived),
        "ok/" + DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").format(arrived)), List.copyOf(objects.keySet()));
    assertEquals("APPLE;BERRY;", objects.get(objects.keySet().stream().filter(k -> k.startsWith("ok/")).findFirst()
        .orElseThrow()));
    JsonNode event = function.events().stream()
        .filter(e -> e.get("deliveryStreamArn").asText().equals(streamArn)).findFirst().orElseThrow();
    assertEquals("us-east-1", event.get("region").asText());
    assertEquals(5, event.get("records").size());
    assertEquals("apple;", text(Base64.getDecoder().decode(event.at("/records/0/data").asText())));
  }

  @Test
  void dynamicPartitioningByAJqQueryWritesOneObjectPerKeyAndRecordsWithoutItAsErrors() throws Exception {
    create(s3().prefix("customer=!{partitionKeyFromQuery:customer}/")
        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
        .dynamicPartitioningConfiguration(d -> d.enabled(true))
        .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type("MetadataExtraction").parameters(
            pa -> pa.parameterName(ProcessorParameterName.METADATA_EXTRACTION_QUERY).parameterValue("{customer:.customer}"),
            pa -> pa.parameterName(ProcessorParameterName.JSON_PARSING_ENGINE).parameterValue("JQ-1.6")))));
    putBatch("{\"customer\":\"a\",\"n\":1}", "{\"customer\":\"b\",\"n\":2}", "{\"n\":3}", "{\"customer\":\"a\",\"n\":4}");

    Map<String, String> objects = byPrefix(objects(3));

    assertEquals(List.of("customer=a/", "customer=b/", "errors/partitioning-failed/"), List.copyOf(objects.keySet()));
    assertEquals("{\"customer\":\"a\",\"n\":1}{\"customer\":\"a\",\"n\":4}", objects.get("customer=a/"));
    assertEquals("{\"customer\":\"b\",\"n\":2}", objects.get("customer=b/"));
    String errors = objects.get("errors/partitioning-failed/");
    assertTrue(errors.endsWith("\n"), errors);
    JsonNode doc = JSON.readTree(errors);
    assertEquals("DynamicPartitioning.MetadataExtractionFailed", doc.get("errorCode").asText());
    assertEquals("{\"n\":3}", text(Base64.getDecoder().decode(doc.get("rawData").asText())));
    assertTrue(doc.has("arrivalTimestamp") && doc.has("attemptsMade") && doc.has("errorMessage"), errors);
  }

  @Test
  void aggregatedJsonIsSplitPartitionedByTwoKeysAndDelimited() throws Exception {
    create(s3().prefix("region=!{partitionKeyFromQuery:region}/kind=!{partitionKeyFromQuery:kind}/")
        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
        .dynamicPartitioningConfiguration(d -> d.enabled(true))
        .processingConfiguration(p -> p.enabled(true).processors(
            pr -> pr.type("RecordDeAggregation").parameters(
                pa -> pa.parameterName(ProcessorParameterName.SUB_RECORD_TYPE).parameterValue("JSON")),
            pr -> pr.type("MetadataExtraction").parameters(
                pa -> pa.parameterName(ProcessorParameterName.METADATA_EXTRACTION_QUERY)
                    .parameterValue("{region:.r, kind:.k}"),
                pa -> pa.parameterName(ProcessorParameterName.JSON_PARSING_ENGINE).parameterValue("JQ-1.6")),
            pr -> pr.type("AppendDelimiterToRecord"))));
    putBatch("{\"r\":\"eu\",\"k\":\"x\",\"n\":1}{\"r\":\"us\",\"k\":\"x\",\"n\":2}\n{\"r\":\"eu\",\"k\":\"x\",\"n\":3}",
        "{\"r\":\"eu\",\"k\":\"y\",\"n\":4}");

    Map<String, String> objects = byPrefix(objects(3));

    assertEquals(Map.of(
        "region=eu/kind=x/", "{\"r\":\"eu\",\"k\":\"x\",\"n\":1}\n{\"r\":\"eu\",\"k\":\"x\",\"n\":3}\n",
        "region=eu/kind=y/", "{\"r\":\"eu\",\"k\":\"y\",\"n\":4}\n",
        "region=us/kind=x/", "{\"r\":\"us\",\"k\":\"x\",\"n\":2}\n"), objects);
  }

  @Test
  void dynamicPartitioningByKeysTheFunctionReturns() throws Exception {
    create(s3().prefix("first=!{partitionKeyFromLambda:first}/!{timestamp:yyyy}/")
        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
        .dynamicPartitioningConfiguration(d -> d.enabled(true))
        .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type("Lambda").parameters(
            pa -> pa.parameterName(ProcessorParameterName.LAMBDA_ARN).parameterValue(FunctionServer.FUNCTION_ARN)))));
    putBatch("apple;", "avocado;", "drop", "banana;");

    Map<String, String> objects = byPrefix(objects(2));

    String year = String.valueOf(java.time.Year.now(ZoneOffset.UTC).getValue());
    assertEquals(Map.of("first=a/" + year + "/", "APPLE;AVOCADO;", "first=b/" + year + "/", "BANANA;"), objects);
  }

  @Test
  void aRawSnsFirehoseSubscriptionDeliversTheMessageItself() {
    String streamArn = create(s3());
    String topic = node.sns().createTopic(b -> b.name(TestSluice.uniqueName("fh-raw"))).topicArn();
    node.sns().subscribe(b -> b.topicArn(topic).protocol("firehose").endpoint(streamArn)
        .attributes(Map.of("SubscriptionRoleArn", ROLE, "RawMessageDelivery", "true")));

    node.sns().publish(b -> b.topicArn(topic).message("{\"raw\":true}"));
    Map<String, byte[]> objects = objects(1);

    assertEquals("{\"raw\":true}\n", text(objects.values().iterator().next()));
  }
}
