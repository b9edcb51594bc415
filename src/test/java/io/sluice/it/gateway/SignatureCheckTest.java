package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.TestSluice;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * A node with {@code SLUICE_CREDENTIALS} accepts only requests signed by a configured key, and acts
 * in that key's account; the SDK's own signing is what is checked.
 */
class SignatureCheckTest {
  private static final String KEY = "AKIDSIGNEDNODE";
  private static final String SECRET = "signed-node-secret";
  private static final String ACCOUNT = "123456789012";
  private static TestSluice node;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, InstantSource.system(),
        Map.of("SLUICE_CREDENTIALS", KEY + ":" + SECRET + ":" + ACCOUNT + ",AKIDOTHER:other-secret"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static SqsClient client(String key, String secret) {
    return SqsClient.builder().endpointOverride(node.endpoint()).region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .build();
  }

  @Test
  void requestSignedByAConfiguredKeyActsInItsAccount() {
    try (SqsClient sqs = client(KEY, SECRET)) {
      String name = TestSluice.uniqueName("signed");
      String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
      assertTrue(url.endsWith("/" + ACCOUNT + "/" + name), url);
      assertEquals(url, sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
    }
  }

  @Test
  void keyWithoutAnAccountActsInTheDefaultAccount() {
    try (SqsClient sqs = client("AKIDOTHER", "other-secret")) {
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("default"))).queueUrl();
      assertTrue(url.contains("/000000000000/"), url);
    }
  }

  @Test
  void wrongSecretIsSignatureDoesNotMatch() {
    assertRefused(KEY, "not-the-secret", "SignatureDoesNotMatch");
  }

  @Test
  void unknownAccessKeyIsInvalidClientTokenId() {
    assertRefused("AKIDNOBODY", SECRET, "InvalidClientTokenId");
  }

  private static void assertRefused(String key, String secret, String code) {
    try (SqsClient sqs = client(key, secret)) {
      SqsException e = assertThrows(SqsException.class,
          () -> sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("refused"))));
      assertEquals(code, e.awsErrorDetails().errorCode());
      assertEquals(403, e.statusCode());
    }
  }

  @Test
  void unsignedRequestIsMissingAuthenticationToken() {
    Answer a = RawHttp.postForm(node.endpoint(), "Action=CreateQueue&QueueName=" + TestSluice.uniqueName("unsigned"));

    assertEquals(403, a.status());
    assertEquals("MissingAuthenticationToken", a.xmlErrorCode());
  }

  @Test
  void presignedGetIsAcceptedUntilItExpires() {
    // Given a GET CreateQueue URL presigned by the SDK's signer for 60 seconds
    String name = TestSluice.uniqueName("presigned");
    SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
        .uri(node.endpoint().resolve("/?Action=CreateQueue&QueueName=" + name + "&Version=2012-11-05"))
        .build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign((SignRequest.Builder<AwsCredentialsIdentity> b) -> b
        .identity(AwsCredentialsIdentity.create(KEY, SECRET))
        .request(unsigned)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60))).request();

    // When it is fetched as is, and with the queue name changed
    Answer a = RawHttp.get(signed.getUri(), Map.of());
    URI altered = URI.create(signed.getUri().toString().replace(name, name + "x"));
    Answer b = RawHttp.get(altered, Map.of());

    // Then the original works in the key's account and the altered one is refused
    assertEquals(200, a.status(), a.body());
    assertTrue(a.xmlText("QueueUrl").endsWith("/" + ACCOUNT + "/" + name));
    assertEquals(403, b.status());
    assertEquals("SignatureDoesNotMatch", b.xmlErrorCode());
  }
}
