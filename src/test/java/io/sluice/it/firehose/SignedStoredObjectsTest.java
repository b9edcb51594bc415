package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.firehose.RunningFirehose;
import io.sluice.testing.Await;
import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.TestSluice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * With {@code SLUICE_CREDENTIALS} configured, S3 requests are checked as S3 signs them (service
 * {@code s3}, its canonical path, {@code x-amz-content-sha256}) and a bucket is read only by keys of
 * the account whose delivery stream wrote it.
 */
class SignedStoredObjectsTest {
  private static final String OWNER = "123456789012";
  private static final String OTHER = "210987654321";
  private static TestSluice node;
  private static String bucket;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, InstantSource.system(), Map.of("SLUICE_CREDENTIALS",
        "AKIDOWNER:owner-secret:" + OWNER + ",AKIDOTHER:other-secret:" + OTHER));
    bucket = TestSluice.uniqueName("signed");
    Await.await(node.sluice().service(RunningFirehose.class).orElseThrow().storedObjects()
        .put(OWNER, bucket, "dir/a key~(1).json", "{}".getBytes(StandardCharsets.UTF_8), null));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static S3Client client(String key, String secret) {
    return StoredObjectsS3Test.S3Clients.pathStyle(node.endpoint(), key, secret);
  }

  @Test
  void theOwningAccountsKeyReadsItsBucket() {
    try (S3Client s3 = client("AKIDOWNER", "owner-secret")) {
      assertEquals("{}", s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/a key~(1).json")).asUtf8String());
      assertEquals(1, s3.listObjectsV2(b -> b.bucket(bucket).prefix("dir/")).keyCount());
      assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)));
    }
  }

  @Test
  void anotherAccountsKeyIsDeniedAndSeesNoBucket() {
    try (S3Client s3 = client("AKIDOTHER", "other-secret")) {
      S3Exception get = assertThrows(S3Exception.class,
          () -> s3.getObject(b -> b.bucket(bucket).key("dir/a key~(1).json")));
      S3Exception list = assertThrows(S3Exception.class, () -> s3.listObjectsV2(b -> b.bucket(bucket)));

      assertEquals("AccessDenied", get.awsErrorDetails().errorCode());
      assertEquals(403, list.statusCode());
      assertTrue(s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket)));
    }
  }

  @Test
  void wrongSecretsUnknownKeysAndUnsignedRequestsAreRefusedWithS3sCodes() {
    try (S3Client wrong = client("AKIDOWNER", "not-the-secret"); S3Client unknown = client("AKIDNOBODY", "x")) {
      S3Exception badSignature = assertThrows(S3Exception.class, () -> wrong.listObjectsV2(b -> b.bucket(bucket)));
      S3Exception badKey = assertThrows(S3Exception.class, () -> unknown.listObjectsV2(b -> b.bucket(bucket)));
      RawHttp.Answer unsigned = RawHttp.get(node.endpoint().resolve("/" + bucket + "/dir/a%20key~%281%29.json"),
          Map.of());

      assertEquals("SignatureDoesNotMatch", badSignature.awsErrorDetails().errorCode());
      assertEquals("InvalidAccessKeyId", badKey.awsErrorDetails().errorCode());
      assertEquals(403, unsigned.status());
      assertEquals("AccessDenied", unsigned.xmlErrorCode());
    }
  }

  @Test
  void aPresignedGetUrlReadsTheObject() {
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(node.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true)
            .build())
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDOWNER", "owner-secret")))
        .build()) {
      var url = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket(bucket).key("dir/a key~(1).json"))).url();

      RawHttp.Answer answer = RawHttp.get(java.net.URI.create(url.toString()), Map.of());

      assertEquals(200, answer.status(), answer.body());
      assertEquals("{}", answer.body());
    }
  }
}
