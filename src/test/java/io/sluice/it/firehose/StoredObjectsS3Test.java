package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.firehose.RunningFirehose;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.testing.Await;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What Firehose stored in Sluice's own object store, read with the AWS SDK v2 {@code S3Client}
 * (path-style, endpoint override, signed for {@code s3}) on each engine: ListBuckets, ListObjectsV2
 * pages with prefixes and delimiters, GetObject whole and by range, HeadObject, S3's errors, and
 * writes refused.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class StoredObjectsS3Test {
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);

  @Parameter
  Engine engine;
  S3Client s3;
  ObjectStore objects;
  String bucket;

  @BeforeAll
  static void start() {
    for (Engine e : Engine.values()) {
      NODES.put(e, TestSluice.start(e, InstantSource.system(), Map.of()));
    }
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  @BeforeEach
  void client() {
    TestSluice node = NODES.get(engine);
    s3 = S3Clients.pathStyle(node.endpoint(), "test", "test");
    objects = node.sluice().service(RunningFirehose.class).orElseThrow().storedObjects();
    bucket = TestSluice.uniqueName("out");
  }

  @AfterEach
  void close() {
    s3.close();
  }

  private void put(String key, byte[] body, String encoding) {
    Await.await(objects.put(bucket, key, body, encoding));
  }

  private void put(String key, String body) {
    put(key, body.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void listBucketsShowsTheBucketFirehoseWroteTo() {
    Instant before = Instant.now().minusSeconds(1);
    put("k", "x");

    var listed = s3.listBuckets().buckets().stream().filter(b -> b.name().equals(bucket)).toList();

    assertEquals(1, listed.size());
    assertTrue(!listed.get(0).creationDate().isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }

  @Test
  void listObjectsV2PagesThroughEveryKeyInOrder() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      keys.add(String.format("2026/12/06/%02d/stream-1-2026-12-06-%02d-00-00-%d", i % 3, i, i));
    }
    keys.forEach(k -> put(k, k));

    List<String> listed = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(5)).contents().forEach(o -> listed.add(o.key()));

    assertEquals(keys.stream().sorted().toList(), listed);
  }

  @Test
  void aDelimiterRollsKeysUpIntoCommonPrefixes() {
    put("2026/12/06/15/a", "1");
    put("2026/12/06/16/b", "2");
    put("2026/12/07/00/c", "3");
    put("processing-failed/2026/12/06/15/d", "4");

    ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
    ListObjectsV2Response days = s3.listObjectsV2(b -> b.bucket(bucket).prefix("2026/12/").delimiter("/"));

    assertEquals(List.of("2026/", "processing-failed/"), top.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    assertEquals(List.of("2026/12/06/", "2026/12/07/"), days.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    assertEquals(2, days.keyCount());
    assertEquals(List.of(), days.contents());
  }

  @Test
  void getObjectAnswersTheBytesAsStoredWithTheirMetadata() {
    byte[] body = new byte[100_000];
    new Random(7).nextBytes(body);
    put("dir/name with spaces+plus.gz", body, "gzip");

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/name with spaces+plus.gz"));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dir/name with spaces+plus.gz"));
    S3Object listed = s3.listObjectsV2(b -> b.bucket(bucket)).contents().get(0);

    assertArrayEquals(body, got.asByteArray());
    assertEquals("gzip", got.response().contentEncoding());
    assertEquals(100_000L, head.contentLength());
    assertEquals(head.eTag(), got.response().eTag());
    assertEquals(head.eTag(), listed.eTag());
    assertEquals(32 + 2, head.eTag().length());
    assertEquals(100_000L, listed.size());
  }

  @Test
  void aRangedGetAnswersThatRange() {
    put("k", "0123456789");

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").range("bytes=3-6"));

    assertEquals("3456", got.asUtf8String());
    assertEquals("bytes 3-6/10", got.response().contentRange());
  }

  @Test
  void missingBucketsAndKeysAreS3sErrors() {
    put("k", "x");

    assertThrows(NoSuchBucketException.class, () -> s3.listObjectsV2(b -> b.bucket(bucket + "-none")));
    assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket(bucket).key("absent")));
    S3Exception head = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("absent")));
    assertEquals(404, head.statusCode());
  }

  @Test
  void writesAreRefusedAsMethodNotAllowed() {
    put("k", "x");

    S3Exception put = assertThrows(S3Exception.class,
        () -> s3.putObject(b -> b.bucket(bucket).key("new"), RequestBody.fromString("y")));
    S3Exception delete = assertThrows(S3Exception.class, () -> s3.deleteObject(b -> b.bucket(bucket).key("k")));

    assertEquals(405, put.statusCode());
    assertEquals("MethodNotAllowed", put.awsErrorDetails().errorCode());
    assertEquals("MethodNotAllowed", delete.awsErrorDetails().errorCode());
    assertEquals("x", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
  }

  /** S3 clients as a user points them at Sluice. */
  static final class S3Clients {
    private S3Clients() {}

    static S3Client pathStyle(java.net.URI endpoint, String key, String secret) {
      return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
          .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key, secret)))
          .httpClientBuilder(ApacheHttpClient.builder()).build();
    }
  }
}
