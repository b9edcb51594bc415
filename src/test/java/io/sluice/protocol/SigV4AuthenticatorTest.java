package io.sluice.protocol;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.Sluice;
import io.sluice.config.SluiceConfig;
import io.sluice.sns.SnsApi;
import io.sluice.sqs.SqsApi;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who the caller is when no credentials are configured and signatures are not checked, and which
 * unsigned requests a node that checks signatures still takes (the links SNS sends).
 */
class SigV4AuthenticatorTest {
  private static final String SIGNED_BY = "AWS4-HMAC-SHA256 Credential=%s/20250101/%s/sqs/aws4_request,"
      + " SignedHeaders=host;x-amz-date, Signature=0000";

  private final SluiceConfig config = Sluice.loadConfig(Map.of("SLUICE_ACCOUNT", "111122223333",
      "SLUICE_REGION", "eu-central-1"));
  private final SigV4Authenticator authenticator =
      new SigV4Authenticator(config, new SigV4Verifier(config.credentials(), new ManualClock()));

  @Test
  void unsignedRequestActsInTheDefaultAccountAndRegion() {
    Caller caller = authenticate(Map.of());
    assertEquals(new Caller("", "111122223333", "eu-central-1"), caller);
  }

  @Test
  void twelveDigitAccessKeyIsTheAccount() {
    Caller caller = authenticate(Map.of("authorization", List.of(SIGNED_BY.formatted("444455556666", "ap-south-1"))));
    assertEquals(new Caller("444455556666", "444455556666", "ap-south-1"), caller);
  }

  @Test
  void anyOtherAccessKeyActsInTheDefaultAccountWithoutCheckingTheSignature() {
    Caller caller = authenticate(Map.of("authorization", List.of(SIGNED_BY.formatted("test", "us-west-2"))));
    assertEquals(new Caller("test", "111122223333", "us-west-2"), caller);
  }

  @Test
  void presignedCredentialNamesTheCaller() {
    HttpRequestView req = new HttpRequestView("GET", "/", "", Map.of(), new byte[0]);
    Caller caller = await(authenticator.authenticate(req,
        Map.of("X-Amz-Credential", "999988887777/20250101/sa-east-1/sqs/aws4_request"), SqsApi.DEFINITION));
    assertEquals(new Caller("999988887777", "999988887777", "sa-east-1"), caller);
  }

  @Test
  void sigV4HeaderWithoutCredentialIsIncompleteSignature() {
    AwsException e = assertThrows(AwsException.class, () -> authenticate(Map.of("authorization",
        List.of("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00"))));
    assertEquals(CommonError.IncompleteSignature, e.error());
  }

  @Test
  void aCredentialWithABadPercentEscapeIsIncompleteSignature() {
    AwsException header = assertThrows(AwsException.class, () -> authenticate(Map.of("authorization",
        List.of(SIGNED_BY.formatted("%zz", "us-west-2")))));
    AwsException presigned = assertThrows(AwsException.class, () -> await(authenticator.authenticate(
        new HttpRequestView("GET", "/", "", Map.of(), new byte[0]),
        Map.of("X-Amz-Credential", "%zz/20250101/sa-east-1/sqs/aws4_request"), SqsApi.DEFINITION)));
    assertEquals(CommonError.IncompleteSignature, header.error());
    assertEquals(CommonError.IncompleteSignature, presigned.error());
  }

  @Test
  void theUnsignedSubscribeUrlIsTakenByACheckingNodeInTheTopicsAccountAndRegion() {
    // Given a node that checks signatures
    SigV4Authenticator checking = checkingAuthenticator();

    // When the SubscribeURL of a topic is fetched unsigned
    Caller caller = await(checking.authenticate(new HttpRequestView("GET", "/", "", Map.of(), new byte[0]),
        Map.of("Action", "ConfirmSubscription", "TopicArn", "arn:aws:sns:us-west-2:444455556666:alerts",
            "Token", "abc"), SnsApi.DEFINITION));

    // Then it is accepted, with no access key, in the topic's account and region
    assertEquals(new Caller("", "444455556666", "us-west-2"), caller);
  }

  @Test
  void theUnsignedUnsubscribeUrlIsTakenByACheckingNode() {
    Caller caller = await(checkingAuthenticator().authenticate(
        new HttpRequestView("GET", "/", "", Map.of(), new byte[0]),
        Map.of("Action", "Unsubscribe", "SubscriptionArn",
            "arn:aws:sns:us-west-2:444455556666:alerts:7f3c8e2a-1b4d-4e5f-9a6b-0c1d2e3f4a5b"), SnsApi.DEFINITION));
    assertEquals(new Caller("", "444455556666", "us-west-2"), caller);
  }

  @Test
  void otherUnsignedSnsActionsStillNeedASignature() {
    // Given a node that checks signatures, when an unsigned Publish arrives
    AwsException e = assertThrows(AwsException.class, () -> await(checkingAuthenticator().authenticate(
        new HttpRequestView("GET", "/", "", Map.of(), new byte[0]),
        Map.of("Action", "Publish", "TopicArn", "arn:aws:sns:us-west-2:444455556666:alerts"), SnsApi.DEFINITION)));

    // Then it is refused as unsigned
    assertEquals(CommonError.MissingAuthenticationToken, e.error());
  }

  @Test
  void aSignedConfirmSubscriptionIsStillChecked() {
    AwsException e = assertThrows(AwsException.class, () -> await(checkingAuthenticator().authenticate(
        new HttpRequestView("POST", "/", "", Map.of("authorization", List.of(SIGNED_BY.formatted("AKIDWRONG",
            "us-west-2")), "x-amz-date", List.of("20250101T000000Z")), new byte[0]),
        Map.of("Action", "ConfirmSubscription", "TopicArn", "arn:aws:sns:us-west-2:444455556666:alerts"),
        SnsApi.DEFINITION)));
    assertEquals(CommonError.InvalidClientTokenId, e.error());
  }

  private static SigV4Authenticator checkingAuthenticator() {
    SluiceConfig checking = Sluice.loadConfig(Map.of("SLUICE_CREDENTIALS", "AKIDCHECKED:checked-secret"));
    return new SigV4Authenticator(checking, new SigV4Verifier(checking.credentials(), new ManualClock()));
  }

  private Caller authenticate(Map<String, List<String>> headers) {
    HttpRequestView req = new HttpRequestView("POST", "/", "", headers, new byte[0]);
    return await(authenticator.authenticate(req, Map.of(), SqsApi.DEFINITION));
  }
}
