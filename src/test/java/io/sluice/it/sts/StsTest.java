package io.sluice.it.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS through the AWS SDK v2 on a node with {@code SLUICE_CREDENTIALS}, on each engine: who a key is,
 * temporary credentials from AssumeRole and GetSessionToken, and Sluice accepting them (with their
 * session token, until they expire) in the account they were issued for.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class StsTest {
  static final String KEY = "AKIDSTSCALLER";
  static final String SECRET = "sts-caller-secret";
  static final String ACCOUNT = "111122223333";
  static final String ROLE_ACCOUNT = "444455556666";
  static final String CREDENTIALS = KEY + ":" + SECRET + ":" + ACCOUNT;

  @Parameter
  Engine engine;

  private static final Map<Engine, TestSluice> NODES = new java.util.EnumMap<>(Engine.class);

  @BeforeAll
  static void start() {
    for (Engine e : Engine.values()) {
      NODES.put(e, TestSluice.start(e, InstantSource.system(), Map.of("SLUICE_CREDENTIALS", CREDENTIALS)));
    }
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  private TestSluice node() {
    return NODES.get(engine);
  }

  @Test
  void getCallerIdentityIsTheConfiguredKeysAccountRoot() {
    try (StsClient sts = sts(node(), AwsBasicCredentials.create(KEY, SECRET))) {
      GetCallerIdentityResponse who = sts.getCallerIdentity();

      assertEquals(ACCOUNT, who.account());
      assertEquals("arn:aws:iam::" + ACCOUNT + ":root", who.arn());
      assertEquals(ACCOUNT, who.userId());
    }
  }

  @Test
  void assumedRoleCredentialsCallSqsInTheRolesAccount() {
    // Given credentials of a role in another account
    AssumeRoleResponse assumed;
    try (StsClient sts = sts(node(), AwsBasicCredentials.create(KEY, SECRET))) {
      assumed = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + ROLE_ACCOUNT + ":role/deployer")
          .roleSessionName("ci").durationSeconds(900));
    }
    AwsSessionCredentials session = session(assumed.credentials());

    // When they create a queue, and ask who they are
    String url;
    GetCallerIdentityResponse who;
    try (SqsClient sqs = sqs(node(), session); StsClient sts = sts(node(), session)) {
      url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("assumed"))).queueUrl();
      who = sts.getCallerIdentity();
    }

    // Then the queue is the role account's, and the caller the role session
    assertTrue(assumed.credentials().accessKeyId().startsWith("ASIA"));
    assertTrue(url.contains("/" + ROLE_ACCOUNT + "/"), url);
    assertEquals(ROLE_ACCOUNT, who.account());
    assertEquals("arn:aws:sts::" + ROLE_ACCOUNT + ":assumed-role/deployer/ci", who.arn());
    assertEquals(assumed.assumedRoleUser().assumedRoleId(), who.userId());
  }

  @Test
  void aTemporaryKeyWithoutItsSessionTokenOrWithAnotherIsInvalidClientTokenId() {
    Credentials c;
    try (StsClient sts = sts(node(), AwsBasicCredentials.create(KEY, SECRET))) {
      c = sts.getSessionToken().credentials();
    }

    String without = sqsError(node(), AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
    String other = sqsError(node(), AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
        c.sessionToken() + "x"));
    String wrongSecret = sqsError(node(), AwsSessionCredentials.create(c.accessKeyId(), "not-the-secret",
        c.sessionToken()));

    assertEquals("InvalidClientTokenId", without);
    assertEquals("InvalidClientTokenId", other);
    assertEquals("SignatureDoesNotMatch", wrongSecret);
  }

  @Test
  void getSessionTokenCredentialsActInTheCallersAccount() {
    try (StsClient sts = sts(node(), AwsBasicCredentials.create(KEY, SECRET))) {
      AwsSessionCredentials session = session(sts.getSessionToken(b -> b.durationSeconds(900)).credentials());
      try (SqsClient sqs = sqs(node(), session)) {
        String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("session"))).queueUrl();
        assertTrue(url.contains("/" + ACCOUNT + "/"), url);
      }
    }
  }

  @Test
  void outOfRangeDurationIsValidationError() {
    try (StsClient sts = sts(node(), AwsBasicCredentials.create(KEY, SECRET))) {
      StsException e = assertThrows(StsException.class, () -> sts.assumeRole(b -> b
          .roleArn("arn:aws:iam::" + ROLE_ACCOUNT + ":role/deployer").roleSessionName("ci").durationSeconds(899)));

      assertEquals("ValidationError", e.awsErrorDetails().errorCode());
      assertEquals(400, e.statusCode());
    }
  }

  @Test
  void anExpiredTemporaryKeyIsExpiredToken() {
    ManualClock clock = new ManualClock(System.currentTimeMillis());
    try (TestSluice node = TestSluice.start(engine, clock, Map.of("SLUICE_CREDENTIALS", CREDENTIALS))) {
      // Given credentials valid for 900 s, accepted at first
      Credentials c;
      try (StsClient sts = sts(node, AwsBasicCredentials.create(KEY, SECRET))) {
        c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + ROLE_ACCOUNT + ":role/short").roleSessionName("s1")
            .durationSeconds(900)).credentials();
      }
      assertEquals(Instant.ofEpochSecond(clock.instant().getEpochSecond() + 900), c.expiration());
      try (SqsClient sqs = sqs(node, session(c))) {
        sqs.listQueues();
      }

      // When the node's clock passes their expiry
      clock.advanceMillis(900_000);

      // Then they are refused as expired
      assertEquals("ExpiredToken", sqsError(node, session(c)));
    }
  }

  @Test
  void credentialsIssuedOnOneNodeAreAcceptedByAnotherSharingTheStore() {
    assumeTrue(engine == Engine.REDIS, "nodes share state only through Redis");
    String prefix = RedisTestServer.uniquePrefix("sts");
    Map<String, String> env = Map.of("SLUICE_CREDENTIALS", CREDENTIALS);
    try (TestSluice first = TestSluice.start(engine, InstantSource.system(), env, prefix);
         TestSluice second = TestSluice.start(engine, InstantSource.system(), env, prefix)) {
      Credentials c;
      try (StsClient sts = sts(first, AwsBasicCredentials.create(KEY, SECRET))) {
        c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + ROLE_ACCOUNT + ":role/shared").roleSessionName("s1"))
            .credentials();
      }
      try (SqsClient sqs = sqs(second, session(c))) {
        String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("shared"))).queueUrl();
        assertTrue(url.contains("/" + ROLE_ACCOUNT + "/"), url);
      }
    }
  }

  static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  private static String sqsError(TestSluice node, AwsCredentials credentials) {
    try (SqsClient sqs = sqs(node, credentials)) {
      SqsException e = assertThrows(SqsException.class, sqs::listQueues);
      assertEquals(403, e.statusCode());
      return e.awsErrorDetails().errorCode();
    }
  }

  static StsClient sts(TestSluice node, AwsCredentials credentials) {
    return StsClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
  }

  static SqsClient sqs(TestSluice node, AwsCredentials credentials) {
    return SqsClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
  }
}
