package io.sluice.it.firehose;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.KeyType;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.Tag;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Delivery streams through the AWS SDK v2 {@code FirehoseClient} on each engine: create, describe
 * with AWS's defaults, list, update with the version check, tags, encryption, puts (on Redis, the
 * records are in the stream's buffer when the put is answered), delete; and the errors AWS answers.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class DeliveryStreamSdkTest {
  static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  static final String PREFIX = RedisTestServer.uniquePrefix("firehose");
  static Vertx vertx;
  static Redis redis;

  @Parameter
  Engine engine;
  FirehoseClient firehose;

  @BeforeAll
  static void start() {
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, CLOCK, Map.of()));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, CLOCK, Map.of(), PREFIX));
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, RedisTestServer.url());
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
    redis.close();
    RedisEngineFixture.join(vertx.close());
  }

  @BeforeEach
  void client() {
    firehose = FirehoseClient.builder().endpointOverride(NODES.get(engine).endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(ApacheHttpClient.builder().build())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  @AfterEach
  void closeClient() {
    firehose.close();
  }

  private String name(String base) {
    return TestSluice.uniqueName(base + "-" + engine.name().toLowerCase());
  }

  private void activeStream(String name) {
    firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
        .extendedS3DestinationConfiguration(s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::bucket")));
    CLOCK.advanceSeconds(1);
  }

  private DeliveryStreamDescription describe(String name) {
    return firehose.describeDeliveryStream(r -> r.deliveryStreamName(name)).deliveryStreamDescription();
  }

  @Test
  void aStreamIsCreatingThenActiveAndDescribedWithAwsDefaults() {
    String stream = name("orders");

    String arn = firehose.createDeliveryStream(r -> r.deliveryStreamName(stream)
        .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
        .s3DestinationConfiguration(S3DestinationConfiguration.builder().roleARN(ROLE)
            .bucketARN("arn:aws:s3:::bucket").prefix("logs/").build())
        .deliveryStreamEncryptionConfigurationInput(e -> e.keyType(KeyType.AWS_OWNED_CMK))
        .tags(Tag.builder().key("team").value("data").build())).deliveryStreamARN();
    DeliveryStreamStatus creating = describe(stream).deliveryStreamStatus();
    CLOCK.advanceSeconds(1);
    DeliveryStreamDescription d = describe(stream);

    assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + stream, arn);
    assertEquals(DeliveryStreamStatus.CREATING, creating);
    assertEquals(DeliveryStreamStatus.ACTIVE, d.deliveryStreamStatus());
    assertEquals(arn, d.deliveryStreamARN());
    assertEquals("1", d.versionId());
    assertEquals(DeliveryStreamType.DIRECT_PUT, d.deliveryStreamType());
    assertNotNull(d.createTimestamp());
    assertEquals(DeliveryStreamEncryptionStatus.ENABLED, d.deliveryStreamEncryptionConfiguration().status());
    assertEquals(KeyType.AWS_OWNED_CMK, d.deliveryStreamEncryptionConfiguration().keyType());
    assertFalse(d.hasMoreDestinations());
    assertEquals("destinationId-000000000001", d.destinations().getFirst().destinationId());
    ExtendedS3DestinationDescription s3 = d.destinations().getFirst().extendedS3DestinationDescription();
    assertEquals("logs/", s3.prefix());
    assertEquals(5, s3.bufferingHints().sizeInMBs());
    assertEquals(300, s3.bufferingHints().intervalInSeconds());
    assertEquals(CompressionFormat.UNCOMPRESSED, s3.compressionFormat());
    assertEquals("logs/", d.destinations().getFirst().s3DestinationDescription().prefix());
    assertEquals(List.of("team"), firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName(stream)).tags()
        .stream().map(Tag::key).toList());
  }

  @Test
  void recordsAreStoredInOrderBeforeThePutIsAnswered() {
    String stream = name("records");
    activeStream(stream);

    PutRecordResponse one = firehose.putRecord(r -> r.deliveryStreamName(stream)
        .record(Record.builder().data(SdkBytes.fromUtf8String("{\"n\":0}\n")).build()));
    List<Record> batch = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      batch.add(Record.builder().data(SdkBytes.fromUtf8String("{\"n\":" + i + "}\n")).build());
    }
    PutRecordBatchResponse many = firehose.putRecordBatch(r -> r.deliveryStreamName(stream).records(batch));

    assertEquals(0, many.failedPutCount());
    assertFalse(many.encrypted());
    assertFalse(one.encrypted());
    List<String> ids = new ArrayList<>(List.of(one.recordId()));
    many.requestResponses().forEach(e -> ids.add(e.recordId()));
    assertEquals(501, ids.stream().distinct().count());
    assertEquals(ids.stream().sorted().toList(), ids);
    if (engine == Engine.REDIS) {
      Response entries = RedisEngineFixture.join(redis.send(Request.cmd(Command.XRANGE)
          .arg(PREFIX + ":firehose:{stream:us-east-1/000000000000/" + stream + "}:records").arg("-").arg("+")));
      assertEquals(501, entries.size());
      for (int i = 0; i < 501; i++) {
        assertEquals("{\"n\":" + i + "}\n", plain(entries.get(i)));
      }
    }
  }

  @Test
  void refusalsCarryAwsCodes() {
    String stream = name("refused");
    activeStream(stream);
    String kinesis = name("kinesis");
    // A Kinesis source's stream must exist.
    try (KinesisClient streams = KinesisClient.builder().endpointOverride(NODES.get(engine).endpoint())
        .region(Region.US_EAST_1).credentialsProvider(TestSluice.credentials())
        .httpClient(ApacheHttpClient.builder().build()).build()) {
      streams.createStream(r -> r.streamName(kinesis).shardCount(1));
    }
    firehose.createDeliveryStream(r -> r.deliveryStreamName(kinesis)
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .kinesisStreamSourceConfiguration(k -> k.roleARN(ROLE)
            .kinesisStreamARN("arn:aws:kinesis:us-east-1:000000000000:stream/" + kinesis))
        .extendedS3DestinationConfiguration(s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::bucket")));
    CLOCK.advanceSeconds(1);

    InvalidArgumentException snowflake = assertThrows(InvalidArgumentException.class,
        () -> firehose.createDeliveryStream(r -> r.deliveryStreamName(name("snow"))
            .snowflakeDestinationConfiguration(s -> s.accountUrl("https://a.snowflakecomputing.com").database("d")
                .schema("s").table("t").roleARN(ROLE)
                .s3Configuration(s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::bucket")))));

    assertTrue(snowflake.getMessage().contains("Sluice delivers to"), snowflake.getMessage());
    assertEquals("ResourceInUseException", codeOf(() -> activeStream(stream)));
    assertEquals("InvalidArgumentException", codeOf(() -> firehose.putRecord(r -> r.deliveryStreamName(kinesis)
        .record(Record.builder().data(SdkBytes.fromUtf8String("x")).build()))));
    assertEquals("ResourceNotFoundException", codeOf(() -> describe(name("none"))));
    assertEquals("ValidationException", codeOf(() -> firehose.putRecord(r -> r.deliveryStreamName(stream)
        .record(Record.builder().data(SdkBytes.fromByteArray(new byte[1_024_001])).build()))));
    assertEquals(List.of(kinesis), firehose.listDeliveryStreams(r -> r.deliveryStreamType(
        DeliveryStreamType.KINESIS_STREAM_AS_SOURCE).limit(10000)).deliveryStreamNames().stream()
        .filter(n -> n.equals(kinesis)).toList());
  }

  @Test
  void updatesAreCheckedAgainstTheVersionAndTagsAndEncryptionChange() {
    String stream = name("update");
    activeStream(stream);

    String stale = codeOf(() -> firehose.updateDestination(r -> r.deliveryStreamName(stream)
        .currentDeliveryStreamVersionId("7").destinationId("destinationId-000000000001")
        .extendedS3DestinationUpdate(u -> u.prefix("new/"))));
    firehose.updateDestination(r -> r.deliveryStreamName(stream).currentDeliveryStreamVersionId("1")
        .destinationId("destinationId-000000000001")
        .extendedS3DestinationUpdate(u -> u.prefix("new/").errorOutputPrefix("errors/")
            .compressionFormat(CompressionFormat.GZIP)));
    firehose.tagDeliveryStream(r -> r.deliveryStreamName(stream).tags(Tag.builder().key("a").value("1").build(),
        Tag.builder().key("b").value("2").build()));
    firehose.untagDeliveryStream(r -> r.deliveryStreamName(stream).tagKeys("a"));
    firehose.startDeliveryStreamEncryption(r -> r.deliveryStreamName(stream));
    DeliveryStreamEncryptionStatus enabling = describe(stream).deliveryStreamEncryptionConfiguration().status();
    CLOCK.advanceSeconds(1);
    boolean encrypted = firehose.putRecord(r -> r.deliveryStreamName(stream)
        .record(Record.builder().data(SdkBytes.fromUtf8String("x")).build())).encrypted();
    firehose.stopDeliveryStreamEncryption(r -> r.deliveryStreamName(stream));
    DeliveryStreamDescription d = describe(stream);

    assertEquals("ConcurrentModificationException", stale);
    assertEquals("2", d.versionId());
    assertNotNull(d.lastUpdateTimestamp());
    ExtendedS3DestinationDescription s3 = d.destinations().getFirst().extendedS3DestinationDescription();
    assertEquals("new/", s3.prefix());
    assertEquals(CompressionFormat.GZIP, s3.compressionFormat());
    assertEquals("arn:aws:s3:::bucket", s3.bucketARN());
    assertEquals(List.of("b"), firehose.listTagsForDeliveryStream(r -> r.deliveryStreamName(stream)).tags().stream()
        .map(Tag::key).toList());
    assertEquals(DeliveryStreamEncryptionStatus.ENABLING, enabling);
    assertTrue(encrypted);
    assertEquals(DeliveryStreamEncryptionStatus.DISABLING, d.deliveryStreamEncryptionConfiguration().status());
  }

  @Test
  void aDeletedStreamIsDeletingThenGone() {
    String stream = name("deleted");
    activeStream(stream);

    firehose.deleteDeliveryStream(r -> r.deliveryStreamName(stream).allowForceDelete(true));
    DeliveryStreamStatus deleting = describe(stream).deliveryStreamStatus();
    CLOCK.advanceSeconds(1);

    assertEquals(DeliveryStreamStatus.DELETING, deleting);
    assertEquals("ResourceNotFoundException", codeOf(() -> describe(stream)));
    assertFalse(firehose.listDeliveryStreams(r -> r.limit(10000)).deliveryStreamNames().contains(stream));
  }

  @Test
  void anotherAccountSeesNoneOfTheStreams() {
    // Without configured credentials, a 12-digit access key id names the caller's account.
    String stream = name("mine");
    activeStream(stream);

    try (FirehoseClient other = FirehoseClient.builder().endpointOverride(NODES.get(engine).endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("111111111111", "secret")))
        .httpClient(ApacheHttpClient.builder().build())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build()) {
      assertFalse(other.listDeliveryStreams(r -> r.limit(10000)).deliveryStreamNames().contains(stream));
      assertEquals("ResourceNotFoundException", codeOf(() -> other.describeDeliveryStream(
          r -> r.deliveryStreamName(stream))));
      assertEquals("ResourceNotFoundException", codeOf(() -> other.putRecord(r -> r.deliveryStreamName(stream)
          .record(Record.builder().data(SdkBytes.fromUtf8String("x")).build()))));
      String theirs = other.createDeliveryStream(r -> r.deliveryStreamName(stream)
          .extendedS3DestinationConfiguration(s3 -> s3.roleARN(ROLE).bucketARN("arn:aws:s3:::bucket")))
          .deliveryStreamARN();
      assertEquals("arn:aws:firehose:us-east-1:111111111111:deliverystream/" + stream, theirs);
    }
    assertEquals(DeliveryStreamStatus.ACTIVE, describe(stream).deliveryStreamStatus());
  }

  @Test
  void anSnsFirehoseSubscriptionPutsEachMessageIntoTheStream() throws Exception {
    // The buffer is read from Redis directly: Sluice has no API that reads a delivery stream.
    assumeTrue(engine == Engine.REDIS, "reads the stored buffer in Redis");
    String stream = name("sns");
    activeStream(stream);
    SnsClient sns = NODES.get(engine).sns();
    String topic = sns.createTopic(r -> r.name(name("topic"))).topicArn();
    sns.subscribe(r -> r.topicArn(topic).protocol("firehose")
        .endpoint("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + stream)
        .attributes(Map.of("SubscriptionRoleArn", ROLE, "RawMessageDelivery", "true")));

    sns.publish(r -> r.topicArn(topic).message("hello"));
    Response entries = null;
    for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(20)) {
      entries = RedisEngineFixture.join(redis.send(Request.cmd(Command.XRANGE)
          .arg(PREFIX + ":firehose:{stream:us-east-1/000000000000/" + stream + "}:records").arg("-").arg("+")));
      if (entries.size() > 0) {
        break;
      }
    }

    assertEquals(1, entries.size());
    assertEquals("hello\n", plain(entries.get(0)));
  }

  /** A buffer entry's data, stored unencrypted: behind a 0 byte (StoredRecords). */
  private static String plain(Response entry) {
    byte[] stored = entry.get(1).get(1).toBytes();
    assertEquals(0, stored[0]);
    return new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8);
  }
}
