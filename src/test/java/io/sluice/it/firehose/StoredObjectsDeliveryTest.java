package io.sluice.it.firehose;

import static io.sluice.it.firehose.DeliveryTesting.ROLE;
import static io.sluice.it.firehose.DeliveryTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.firehose.destination.Compression;
import io.sluice.firehose.destination.Decompression;
import io.sluice.testing.AwsCli;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Delivery with no S3 endpoint configured, end to end on each engine: what the SDK's
 * {@code FirehoseClient} put is flushed into Sluice's own object store and read back through
 * Sluice's S3 read API, by the SDK's {@code S3Client} and by {@code aws s3 ls} / {@code aws s3 cp}.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class StoredObjectsDeliveryTest {
  private static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  private static FunctionServer function;

  @Parameter
  Engine engine;
  TestSluice node;
  FirehoseClient firehose;
  S3Client s3;
  String stream;
  String bucket;

  @BeforeAll
  static void start() throws Exception {
    function = new FunctionServer();
    Map<String, String> env = new java.util.HashMap<>(DeliveryTesting.environment(Map.of()));
    env.put("SLUICE_LAMBDA_ENDPOINTS", function.lambdaEndpoints());
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
    s3 = StoredObjectsS3Test.S3Clients.pathStyle(node.endpoint(), "test", "test");
    stream = TestSluice.uniqueName("stored-" + engine.name().toLowerCase());
    bucket = TestSluice.uniqueName("own-" + engine.name().toLowerCase());
  }

  @AfterEach
  void closeClients() {
    firehose.close();
    s3.close();
  }

  private void create(String compression) {
    DeliveryTesting.createActive(firehose, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
        .extendedS3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
            .compressionFormat(compression).bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1))).build());
  }

  private void putBatch(String... data) {
    var response = firehose.putRecordBatch(r -> r.deliveryStreamName(stream).records(List.of(data).stream()
        .map(d -> Record.builder().data(SdkBytes.fromUtf8String(d)).build()).toList()));
    assertEquals(0, response.failedPutCount());
  }

  /** The keys of the bucket, read through Sluice's ListObjectsV2, once there are any (at most 15 s). */
  private List<S3Object> listed() {
    return DeliveryTesting.awaitValue(Duration.ofSeconds(15), "objects in " + bucket, () -> {
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
        return List.<S3Object>of();
      }
      return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().toList();
    }, l -> !l.isEmpty());
  }

  @Test
  void theSdksS3ClientReadsWhatTheFlushStored() {
    create("UNCOMPRESSED");
    putBatch("{\"id\":1}\n", "{\"id\":2}\n", "{\"id\":3}\n");

    List<S3Object> objects = listed();

    assertEquals(1, objects.size(), objects.toString());
    S3Object o = objects.getFirst();
    assertTrue(o.key().matches("\\d{4}/\\d\\d/\\d\\d/\\d\\d/" + Pattern.quote(stream) + "-1-\\d{4}(-\\d\\d){5}-[-0-9a-f]{36}"),
        o.key());
    assertEquals(27L, o.size());
    assertEquals("{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n", s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String());
    assertEquals(27L, s3.headObject(b -> b.bucket(bucket).key(o.key())).contentLength());
    // The prefix rolled up by a delimiter, as a console or "aws s3 ls" shows it.
    String year = o.key().substring(0, 5);
    assertEquals(List.of(year), s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/")).commonPrefixes().stream()
        .map(p -> p.prefix()).toList());
  }

  @Test
  void awsS3LsAndCpShowWhatTheFlushStored() throws Exception {
    assumeTrue(AwsCli.available(), "the AWS CLI is not on the PATH");
    create("GZIP");
    putBatch("first line\n", "second line\n");
    String key = listed().getFirst().key();

    String ls = new String(AwsCli.output(node.endpoint(), "s3", "ls", "s3://" + bucket + "/", "--recursive"),
        java.nio.charset.StandardCharsets.UTF_8);
    Path target = Files.createTempFile("sluice-firehose", ".gz");
    try {
      AwsCli.output(node.endpoint(), "s3", "cp", "s3://" + bucket + "/" + key, target.toString());
      byte[] body = Files.readAllBytes(target);

      List<String> lines = ls.lines().toList();
      assertEquals(1, lines.size(), ls);
      assertTrue(lines.getFirst().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +" + body.length + " "
          + Pattern.quote(key)), ls);
      assertTrue(key.endsWith(".gz"), key);
      assertEquals("first line\nsecond line\n", text(Decompression.of(Compression.GZIP, body)));
    } finally {
      Files.deleteIfExists(target);
    }
  }

  @Test
  void processingFailuresAndTheSourceBackupAreStoredObjectsToo() throws Exception {
    DeliveryTesting.createActive(firehose, CreateDeliveryStreamRequest.builder().deliveryStreamName(stream)
        .extendedS3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).prefix("out/")
            .errorOutputPrefix("failed/!{firehose:error-output-type}/")
            .bufferingHints(h -> h.intervalInSeconds(1).sizeInMBs(1))
            .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type("Lambda").parameters(
                pa -> pa.parameterName("LambdaArn").parameterValue(FunctionServer.FUNCTION_ARN))))
            .s3BackupMode("Enabled")
            .s3BackupConfiguration(b -> b.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).prefix("raw/"))).build());
    putBatch("one;", "fail", "two;");

    List<S3Object> objects = DeliveryTesting.awaitValue(Duration.ofSeconds(15), "three objects", this::listed,
        l -> l.size() >= 3);

    Map<String, String> byFolder = new java.util.TreeMap<>();
    for (S3Object o : objects) {
      byFolder.put(o.key().substring(0, o.key().indexOf('/')),
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String());
    }
    assertEquals(List.of("failed", "out", "raw"), List.copyOf(byFolder.keySet()));
    assertEquals("ONE;TWO;", byFolder.get("out"));
    assertEquals("one;failtwo;", byFolder.get("raw"));
    assertTrue(byFolder.get("failed").contains("\"errorCode\":\"Lambda.ProcessingFailedStatus\""), byFolder.get("failed"));
    assertTrue(objects.stream().anyMatch(o -> o.key().startsWith("failed/processing-failed/" + stream + "-1-")),
        objects.toString());
  }
}
