package io.sluice.sts.op;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.config.SluiceConfig;
import io.sluice.protocol.AccessKey;
import io.sluice.protocol.AwsErrorCode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.storage.Sealer;
import io.sluice.storage.documents.DocumentKind;
import io.sluice.storage.documents.InMemoryDocumentStore;
import io.sluice.storage.documents.Scope;
import io.sluice.sts.StsServices;
import io.sluice.sts.TemporaryCredentials;
import io.sluice.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** STS operations on the in-memory document store with a manual clock. */
class StsOperationsTest {
  private static final String CALLER_ACCOUNT = "111122223333";
  private static final String ROLE_ACCOUNT = "444455556666";
  private static final String ROLE_ARN = "arn:aws:iam::" + ROLE_ACCOUNT + ":role/deployer";

  private final ManualClock clock = new ManualClock();
  private final InMemoryDocumentStore documents = new InMemoryDocumentStore();
  private final TemporaryCredentials credentials = new TemporaryCredentials(documents, new Sealer(new byte[32]), clock);
  private final StsServices sts = new StsServices(credentials,
      List.of(new SluiceConfig.Credential("AKIDALICE", "alice-secret", CALLER_ACCOUNT, "alice")), clock);

  @Test
  void getCallerIdentityOfALongTermKeyIsItsAccountRoot() {
    GetCallerIdentity.Response r = await(new GetCallerIdentity(sts).execute(ctx("AKIDLONGTERM", CALLER_ACCOUNT),
        new GetCallerIdentity.Request()));

    assertEquals(new GetCallerIdentity.Response(CALLER_ACCOUNT, CALLER_ACCOUNT,
        "arn:aws:iam::" + CALLER_ACCOUNT + ":root"), r);
  }

  @Test
  void getCallerIdentityOfAConfiguredUsersKeyIsTheUser() {
    GetCallerIdentity.Response r = await(new GetCallerIdentity(sts).execute(ctx("AKIDALICE", CALLER_ACCOUNT),
        new GetCallerIdentity.Request()));

    assertEquals("arn:aws:iam::" + CALLER_ACCOUNT + ":user/alice", r.arn());
    assertEquals(CALLER_ACCOUNT, r.account());
    assertTrue(r.userId().matches("AIDA[A-Z2-7]{17}"), r.userId());
  }

  @Test
  void getSessionTokenOfAUserMayLastLongerThanAnHour() {
    GetSessionToken.Response r = await(new GetSessionToken(sts).execute(ctx("AKIDALICE", CALLER_ACCOUNT),
        new GetSessionToken.Request(null, null, null)));

    assertEquals(Instant.ofEpochMilli(clock.millis()).plusSeconds(43200), r.credentials().expiration());
  }

  @Test
  void assumeRoleIssuesAnHourOfCredentialsActingInTheRolesAccount() {
    // When a long-term key assumes a role of another account with no duration
    AssumeRole.Response r = assumeRole("AKIDLONGTERM", ROLE_ARN, "build-42", null);

    // Then the credentials are a temporary key expiring in the default hour, for the role session
    AssumeRole.Credentials c = r.credentials();
    assertTrue(c.accessKeyId().matches("ASIA[A-Z2-7]{16}"), c.accessKeyId());
    assertEquals(Instant.ofEpochMilli(clock.millis()).plusSeconds(3600), c.expiration());
    assertEquals("arn:aws:sts::" + ROLE_ACCOUNT + ":assumed-role/deployer/build-42", r.assumedRoleUser().arn());
    assertTrue(r.assumedRoleUser().assumedRoleId().matches("AROA[A-Z2-7]{17}:build-42"),
        r.assumedRoleUser().assumedRoleId());
    // And the signature check finds them: the secret, the token's digest, the role's account, the expiry
    AccessKey key = await(credentials.find(c.accessKeyId())).orElseThrow();
    assertEquals(new AccessKey(c.accessKeyId(), c.secretAccessKey(), ROLE_ACCOUNT, AccessKey.digest(c.sessionToken()),
        c.expiration()), key);
  }

  @Test
  void theRoleSessionIsWhoGetCallerIdentityReports() {
    AssumeRole.Response assumed = assumeRole("AKIDLONGTERM", ROLE_ARN, "build-42", 900);

    GetCallerIdentity.Response r = await(new GetCallerIdentity(sts).execute(
        ctx(assumed.credentials().accessKeyId(), ROLE_ACCOUNT), new GetCallerIdentity.Request()));

    assertEquals(new GetCallerIdentity.Response(assumed.assumedRoleUser().assumedRoleId(), ROLE_ACCOUNT,
        assumed.assumedRoleUser().arn()), r);
  }

  @Test
  void durationSecondsOutsideNineHundredToFortyThreeThousandTwoHundredIsValidationError() {
    assertError("ValidationError", () -> new AssumeRole(sts).execute(ctx("AKIDLONGTERM", CALLER_ACCOUNT),
        request(ROLE_ARN, "s1", 899)));
    assertError("ValidationError", () -> new AssumeRole(sts).execute(ctx("AKIDLONGTERM", CALLER_ACCOUNT),
        request(ROLE_ARN, "s1", 43201)));
    assertEquals(Instant.ofEpochMilli(clock.millis()).plusSeconds(43200),
        assumeRole("AKIDLONGTERM", ROLE_ARN, "s1", 43200).credentials().expiration());
  }

  @Test
  void missingOrMalformedMembersAreValidationErrors() {
    AwsException missing = assertError("ValidationError", () -> new AssumeRole(sts).execute(
        ctx("AKIDLONGTERM", CALLER_ACCOUNT), request(null, null, null)));
    assertTrue(missing.getMessage().startsWith("2 validation errors detected: Value null at 'roleArn'"),
        missing.getMessage());
    assertError("ValidationError", () -> new AssumeRole(sts).execute(ctx("AKIDLONGTERM", CALLER_ACCOUNT),
        request(ROLE_ARN, "no spaces allowed", null)));
    assertError("ValidationError", () -> new AssumeRole(sts).execute(ctx("AKIDLONGTERM", CALLER_ACCOUNT),
        request("arn:aws:iam::444455556666:user/alice", "s1", null)));
  }

  @Test
  void aPolicyThatIsNotJsonIsMalformedPolicyDocument() {
    assertError("MalformedPolicyDocument", () -> new AssumeRole(sts).execute(ctx("AKIDLONGTERM", CALLER_ACCOUNT),
        new AssumeRole.Request(ROLE_ARN, "s1", null, "{not json", null, null, null, null, null, null, null)));
  }

  @Test
  void aRoleSessionMayAssumeAnotherRoleForAtMostAnHour() {
    String session = assumeRole("AKIDLONGTERM", ROLE_ARN, "first", null).credentials().accessKeyId();

    assertError("ValidationError", () -> new AssumeRole(sts).execute(ctx(session, ROLE_ACCOUNT),
        request("arn:aws:iam::777788889999:role/next", "second", 3601)));
    assertEquals("arn:aws:sts::777788889999:assumed-role/next/second",
        assumeRole(session, "arn:aws:iam::777788889999:role/next", "second", 3600).assumedRoleUser().arn());
  }

  @Test
  void getSessionTokenActsInTheCallersAccountForAtMostAnHourAsTheRoot() {
    GetSessionToken.Response r = await(new GetSessionToken(sts).execute(ctx("AKIDLONGTERM", CALLER_ACCOUNT),
        new GetSessionToken.Request(7200, null, null)));

    AccessKey key = await(credentials.find(r.credentials().accessKeyId())).orElseThrow();
    assertEquals(CALLER_ACCOUNT, key.account());
    assertEquals(Instant.ofEpochMilli(clock.millis()).plusSeconds(3600), r.credentials().expiration());
    GetCallerIdentity.Response who = await(new GetCallerIdentity(sts).execute(
        ctx(r.credentials().accessKeyId(), CALLER_ACCOUNT), new GetCallerIdentity.Request()));
    assertEquals("arn:aws:iam::" + CALLER_ACCOUNT + ":root", who.arn());
  }

  @Test
  void getSessionTokenRefusesSessionCredentialsAndDurationsOutOfRange() {
    String session = assumeRole("AKIDLONGTERM", ROLE_ARN, "s1", null).credentials().accessKeyId();

    assertError("AccessDenied", () -> new GetSessionToken(sts).execute(ctx(session, ROLE_ACCOUNT),
        new GetSessionToken.Request(null, null, null)));
    assertError("ValidationError", () -> new GetSessionToken(sts).execute(ctx("AKIDLONGTERM", CALLER_ACCOUNT),
        new GetSessionToken.Request(129601, null, null)));
  }

  @Test
  void theSecretIsStoredSealedAndTheTokenOnlyAsItsDigest() {
    AssumeRole.Credentials c = assumeRole("AKIDLONGTERM", ROLE_ARN, "s1", null).credentials();

    ObjectNode stored = await(documents.find(DocumentKind.of("sts-credential", ObjectNode.class), Scope.GLOBAL,
        c.accessKeyId())).orElseThrow();
    assertFalse(stored.toString().contains(c.secretAccessKey()), stored.toString());
    assertFalse(stored.toString().contains(c.sessionToken()), stored.toString());
  }

  @Test
  void expiredCredentialsAreKeptADayThenDeleted() {
    String id = assumeRole("AKIDLONGTERM", ROLE_ARN, "s1", 900).credentials().accessKeyId();

    clock.advanceMillis(Duration.ofSeconds(900).plus(TemporaryCredentials.RETENTION).toMillis());
    assertEquals(0, await(credentials.deleteExpired()));
    assertTrue(await(credentials.find(id)).isPresent());
    clock.advanceMillis(1);
    assertEquals(1, await(credentials.deleteExpired()));
    assertTrue(await(credentials.find(id)).isEmpty());
  }

  private AssumeRole.Response assumeRole(String callerKey, String roleArn, String session, Integer seconds) {
    String account = await(credentials.identity(callerKey)).map(TemporaryCredentials.Identity::account)
        .orElse(CALLER_ACCOUNT);
    return await(new AssumeRole(sts).execute(ctx(callerKey, account), request(roleArn, session, seconds)));
  }

  private static AssumeRole.Request request(String roleArn, String session, Integer seconds) {
    return new AssumeRole.Request(roleArn, session, null, null, seconds, null, null, null, null, null, null);
  }

  private static RequestContext ctx(String accessKeyId, String account) {
    return new RequestContext("req", "sts", "AssumeRole", WireProtocol.QUERY, "us-east-1", account, accessKeyId,
        "localhost:4566", "http", "/");
  }

  private static AwsException assertError(String code, Supplier<CompletionStage<?>> call) {
    AwsException e = assertThrows(AwsException.class, () -> await(call.get()));
    AwsErrorCode error = e.error();
    assertEquals(code, error.code(), e.getMessage());
    return e;
  }
}
