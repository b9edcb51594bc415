package io.sluice.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.config.ConfigLoader;
import io.sluice.config.SluiceConfig;
import io.sluice.sqs.SqsApi;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who the caller is when no credentials are configured and signatures are not checked. */
class SigV4AuthenticatorTest {
  private static final String SIGNED_BY = "AWS4-HMAC-SHA256 Credential=%s/20250101/%s/sqs/aws4_request,"
      + " SignedHeaders=host;x-amz-date, Signature=0000";

  private final SluiceConfig config = ConfigLoader.load(Map.of("SLUICE_ACCOUNT", "111122223333",
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
    Caller caller = authenticator.authenticate(req,
        Map.of("X-Amz-Credential", "999988887777/20250101/sa-east-1/sqs/aws4_request"), SqsApi.DEFINITION);
    assertEquals(new Caller("999988887777", "999988887777", "sa-east-1"), caller);
  }

  @Test
  void sigV4HeaderWithoutCredentialIsIncompleteSignature() {
    AwsException e = assertThrows(AwsException.class, () -> authenticate(Map.of("authorization",
        List.of("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00"))));
    assertEquals(CommonError.IncompleteSignature, e.error());
  }

  private Caller authenticate(Map<String, List<String>> headers) {
    HttpRequestView req = new HttpRequestView("POST", "/", "", headers, new byte[0]);
    return authenticator.authenticate(req, Map.of(), SqsApi.DEFINITION);
  }
}
