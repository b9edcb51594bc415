package io.sluice.protocol;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.config.SluiceConfig.Credential;
import io.sluice.sqs.SqsApi;
import io.sluice.time.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * SigV4 verification against requests signed by the AWS SDK for Java v2's own signer, so the
 * canonicalization is checked against AWS's implementation rather than against itself.
 */
class SigV4VerifierTest {
  private static final String KEY = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String ACCOUNT = "123456789012";
  private static final String JSON_BODY = "{\"QueueName\":\"orders\"}";

  private final ManualClock clock = new ManualClock(1_735_732_800_000L); // 2025-01-01T12:00:00Z
  private final SigV4Verifier verifier = new SigV4Verifier(List.of(new Credential(KEY, SECRET, ACCOUNT)), clock);

  @Test
  void headerSignedJsonRequestVerifiesAndActsInTheCredentialsAccount() {
    // Given a JSON 1.0 request signed in the Authorization header by the SDK's signer
    HttpRequestView req = signedJson(KEY, SECRET, JSON_BODY, b -> {});

    // When it is verified
    Caller caller = verify(req);

    // Then the caller is the configured credential, acting in its account and the scope's region
    assertEquals(new Caller(KEY, ACCOUNT, "eu-west-1"), caller);
  }

  @Test
  void headerSignedQueryRequestWithEncodedPathAndUnsortedParametersVerifies() {
    // Given a query-protocol POST to a queue URL whose path and URL parameters need encoding
    String form = "Action=SendMessage&MessageBody=a%20b%2Bc%26d&Version=2012-11-05";
    SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create("http://localhost:4566/000000000000/a%3Ab%20c?z=1&a=%2F&a=%20&empty"))
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .build();
    HttpRequestView req = sign(http, form, KEY, SECRET, b -> {});

    // When it is verified, Then it is accepted
    assertEquals(ACCOUNT, verify(req).account());
  }

  @Test
  void aTemporaryKeyNeedsItsSessionTokenAndActsInItsAccountUntilItExpires() {
    // Given a verifier that also knows a temporary key expiring in 10 minutes
    AccessKey temporary = new AccessKey("ASIATEMPORARY", "temp-secret", "444455556666", AccessKey.digest("the-token"),
        clock.instant().plusSeconds(600));
    CredentialSource issued = id -> CompletableFuture.completedFuture(
        Optional.of(temporary).filter(k -> k.accessKeyId().equals(id)));
    SigV4Verifier withTemporary = new SigV4Verifier(CredentialSource.of(List.of()).orElse(issued), clock);
    // And a URL presigned with it for 15 minutes, the token in the URL as the SDK puts it
    SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
        .uri(URI.create("http://localhost:4566/?Action=ListQueues&Version=2012-11-05")).build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign((SignRequest.Builder<AwsCredentialsIdentity> b) -> b
        .identity(AwsSessionCredentialsIdentity.create("ASIATEMPORARY", "temp-secret", "the-token"))
        .request(http)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(15))
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(clock.instant(), ZoneOffset.UTC))).request();
    HttpRequestView req = new HttpRequestView("GET", "/", signed.getUri().getRawQuery(),
        headers("host", "localhost:4566"), new byte[0]);
    HttpRequestView otherToken = new HttpRequestView("GET", "/",
        signed.getUri().getRawQuery().replace("X-Amz-Security-Token=the-token", "X-Amz-Security-Token=another"),
        headers("host", "localhost:4566"), new byte[0]);

    // When it is used at once, with another token, and after the key expired
    Caller caller = await(withTemporary.verify(req, "sqs"));
    AwsException wrongToken = assertThrows(AwsException.class, () -> await(withTemporary.verify(otherToken, "sqs")));
    clock.advanceSeconds(600);
    AwsException expired = assertThrows(AwsException.class, () -> await(withTemporary.verify(req, "sqs")));

    // Then it acts in the key's account, and is refused with AWS's codes
    assertEquals(new Caller("ASIATEMPORARY", "444455556666", "eu-west-1"), caller);
    assertEquals(CommonError.InvalidClientTokenId, wrongToken.error());
    assertEquals(CommonError.ExpiredToken, expired.error());
  }

  @Test
  void presignedUrlVerifiesWithinItsExpiry() {
    // Given a GET query request presigned for 5 minutes
    HttpRequestView req = presignedGet(Duration.ofMinutes(5));

    // When it is used 4 minutes later, Then it is accepted
    clock.advanceSeconds(240);
    assertEquals(new Caller(KEY, ACCOUNT, "eu-west-1"), verify(req));
  }

  @Test
  void presignedUrlPastItsExpiryIsRequestExpired() {
    // Given a GET query request presigned for 5 minutes
    HttpRequestView req = presignedGet(Duration.ofMinutes(5));

    // When it is used 6 minutes later, Then it is RequestExpired
    clock.advanceSeconds(360);
    assertCode(CommonError.RequestExpired, req);
  }

  @Test
  void tamperedPresignedUrlFailsWithSignatureDoesNotMatch() {
    // Given a presigned URL whose QueueNamePrefix was changed after signing
    HttpRequestView signed = presignedGet(Duration.ofMinutes(5));
    HttpRequestView req = new HttpRequestView(signed.method(), signed.path(),
        signed.rawQuery().replace("QueueNamePrefix=ord", "QueueNamePrefix=xyz"), signed.headers(), signed.body());

    // Then it is rejected
    assertCode(CommonError.SignatureDoesNotMatch, req);
  }

  @Test
  void declaredPayloadHashMatchingTheBodyVerifies() {
    // Given a request that declares its body's SHA-256 in x-amz-content-sha256 and signs that header
    HttpRequestView req = signedJson(KEY, SECRET, JSON_BODY,
        b -> b.putHeader("x-amz-content-sha256", sha256Hex(JSON_BODY)));

    // Then it is accepted
    assertEquals(ACCOUNT, verify(req).account());
  }

  @Test
  void bodyNotMatchingTheDeclaredPayloadHashFailsWithSignatureDoesNotMatch() {
    // Given a request signed with x-amz-content-sha256, whose body was then replaced
    HttpRequestView signed = signedJson(KEY, SECRET, JSON_BODY,
        b -> b.putHeader("x-amz-content-sha256", sha256Hex(JSON_BODY)));
    HttpRequestView req = withBody(signed, "{\"QueueName\":\"stolen\"}");

    // Then it is rejected although the signature covers the declared hash
    assertCode(CommonError.SignatureDoesNotMatch, req);
  }

  @Test
  void tamperedBodyFailsWithSignatureDoesNotMatch() {
    // Given a signed request whose body was changed in transit
    HttpRequestView req = withBody(signedJson(KEY, SECRET, JSON_BODY, b -> {}), "{\"QueueName\":\"other\"}");

    // Then it is rejected
    assertCode(CommonError.SignatureDoesNotMatch, req);
  }

  @Test
  void wrongSecretFailsWithSignatureDoesNotMatch() {
    HttpRequestView req = signedJson(KEY, "not-the-secret", JSON_BODY, b -> {});
    assertCode(CommonError.SignatureDoesNotMatch, req);
  }

  @Test
  void unknownAccessKeyFailsWithInvalidClientTokenId() {
    HttpRequestView req = signedJson("AKIDUNKNOWN", SECRET, JSON_BODY, b -> {});
    assertCode(CommonError.InvalidClientTokenId, req);
  }

  @Test
  void unsignedRequestFailsWithMissingAuthenticationToken() {
    HttpRequestView req = new HttpRequestView("POST", "/", "", headers("host", "localhost:4566"),
        JSON_BODY.getBytes(StandardCharsets.UTF_8));
    assertCode(CommonError.MissingAuthenticationToken, req);
  }

  @Test
  void authorizationWithoutSignatureFailsWithIncompleteSignature() {
    // Given a signed request whose Authorization header lost its Signature part
    assertCodeWithAuthorization(CommonError.IncompleteSignature, auth -> auth.substring(0, auth.indexOf(", Signature=")));
  }

  @Test
  void malformedCredentialFailsWithIncompleteSignature() {
    assertCodeWithAuthorization(CommonError.IncompleteSignature,
        auth -> auth.replace("/eu-west-1/sqs/aws4_request", "/eu-west-1/sqs"));
  }

  @Test
  void signatureWithoutHostFailsWithIncompleteSignature() {
    // Given an Authorization header whose signed headers leave out host
    assertCodeWithAuthorization(CommonError.IncompleteSignature,
        auth -> auth.replaceFirst("SignedHeaders=[^,]+", "SignedHeaders=x-amz-date"));
  }

  @Test
  void credentialScopedToAnotherServiceFailsWithSignatureDoesNotMatch() {
    // Given a request correctly signed, but for service s3 instead of sqs
    SdkHttpRequest http = jsonRequest();
    HttpRequestView req = sign(http, JSON_BODY, KEY, SECRET,
        b -> b.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3"));
    assertCode(CommonError.SignatureDoesNotMatch, req);
  }

  @Test
  void requestSignedFourteenMinutesAgoIsAccepted() {
    HttpRequestView req = signedJson(KEY, SECRET, JSON_BODY, b -> {});
    clock.advanceSeconds(14 * 60);
    assertEquals(ACCOUNT, verify(req).account());
  }

  @Test
  void requestSignedMoreThanFifteenMinutesAgoIsRequestExpired() {
    HttpRequestView req = signedJson(KEY, SECRET, JSON_BODY, b -> {});
    clock.advanceSeconds(16 * 60);
    assertCode(CommonError.RequestExpired, req);
  }

  @Test
  void requestSignedMoreThanFifteenMinutesAheadIsRequestExpired() {
    // Given a client whose clock runs 16 minutes ahead of the server's
    HttpRequestView req = signedJson(KEY, SECRET, JSON_BODY, b -> {});
    clock.advanceSeconds(-16 * 60);
    assertCode(CommonError.RequestExpired, req);
  }

  @Test
  void scopeDateDifferentFromRequestDateFailsWithSignatureDoesNotMatch() {
    assertCodeWithAuthorization(CommonError.SignatureDoesNotMatch, auth -> auth.replace("/20250101/", "/20241231/"));
  }

  @Test
  void canonicalPathRemovesDotSegmentsAndRepeatedSlashesAndEncodesAgain() {
    assertEquals("/", SigV4Verifier.canonicalPath(""));
    assertEquals("/", SigV4Verifier.canonicalPath("/"));
    assertEquals("/a/c/", SigV4Verifier.canonicalPath("//a/./b/../c/"));
    assertEquals("/000000000000/a%253Ab", SigV4Verifier.canonicalPath("/000000000000/a%3Ab"));
  }

  @Test
  void s3sCanonicalPathIsEncodedOnceAndNotNormalized() {
    assertEquals("/", SigV4Verifier.s3CanonicalPath(""));
    assertEquals("/b/a%3Ab//./c%20d/", SigV4Verifier.s3CanonicalPath("/b/a%3Ab//./c%20d/"));
    assertEquals("/b/a%3Ab~", SigV4Verifier.s3CanonicalPath("/b/a:b~"));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Caller verify(HttpRequestView req) {
    return await(verifier.verify(req, SqsApi.DEFINITION.signingName()));
  }

  private void assertCode(AwsErrorCode expected, HttpRequestView req) {
    AwsException e = assertThrows(AwsException.class, () -> verify(req));
    assertEquals(expected.code(), e.error().code());
  }

  /** Signs a JSON request, alters its Authorization header, and expects {@code expected}. */
  private void assertCodeWithAuthorization(AwsErrorCode expected, UnaryOperator<String> alter) {
    HttpRequestView signed = signedJson(KEY, SECRET, JSON_BODY, b -> {});
    assertCode(expected, withHeader(signed, "authorization", alter.apply(signed.header("authorization"))));
  }

  private SdkHttpRequest jsonRequest() {
    return SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create("http://localhost:4566/"))
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", "AmazonSQS.CreateQueue")
        .build();
  }

  private HttpRequestView signedJson(String key, String secret, String body, Consumer<SdkHttpRequest.Builder> extra) {
    SdkHttpRequest.Builder b = jsonRequest().toBuilder();
    extra.accept(b);
    return sign(b.build(), body, key, secret, s -> {});
  }

  private HttpRequestView presignedGet(Duration expiry) {
    SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
        .uri(URI.create("http://localhost:4566/?Action=ListQueues&QueueNamePrefix=ord&Version=2012-11-05"))
        .build();
    return sign(http, null, KEY, SECRET, b -> b
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry));
  }

  /** Signs with the SDK at the test clock's time and turns the result into what the gateway sees. */
  private HttpRequestView sign(SdkHttpRequest http, String body, String key, String secret,
                               Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign((SignRequest.Builder<AwsCredentialsIdentity> b) -> {
      b.identity(AwsCredentialsIdentity.create(key, secret))
          .request(http)
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
          .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
          .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(clock.instant(), ZoneOffset.UTC));
      if (body != null) {
        b.payload(ContentStreamProvider.fromByteArray(bytes));
      }
      extra.accept(b);
    }).request();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
    headers.computeIfAbsent("host", k -> new ArrayList<>(List.of(signed.host() + ":" + signed.port())));
    URI uri = signed.getUri();
    return new HttpRequestView(signed.method().name(), uri.getRawPath(),
        uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers, bytes);
  }

  private static HttpRequestView withBody(HttpRequestView r, String body) {
    return new HttpRequestView(r.method(), r.path(), r.rawQuery(), r.headers(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpRequestView withHeader(HttpRequestView r, String name, String value) {
    Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
    headers.put(name, List.of(value));
    return new HttpRequestView(r.method(), r.path(), r.rawQuery(), headers, r.body());
  }

  private static Map<String, List<String>> headers(String... nameValues) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      h.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return h;
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
