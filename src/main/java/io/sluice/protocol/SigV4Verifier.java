package io.sluice.protocol;

import io.sluice.config.SluiceConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 against the configured credentials, as AWS services other than
 * S3 do (AWS General Reference / IAM User Guide, "Create a signed AWS API request"): the signature in
 * the {@code Authorization} header, or presigned in the URL ({@code X-Amz-Signature} …).
 *
 * <p>The canonical request is rebuilt from the request as received: the path with dot segments and
 * repeated slashes removed and each segment URI-encoded once more (non-S3 services sign the
 * already-encoded path again); the URL parameters decoded, re-encoded, sorted by name then value;
 * the signed headers with trimmed, space-collapsed values; and the payload hash from
 * {@code x-amz-content-sha256} (which must then match the body, unless it is
 * {@code UNSIGNED-PAYLOAD}) or computed from the body.
 *
 * <p>Failures use AWS's codes: {@code MissingAuthenticationToken} (no signature at all),
 * {@code IncompleteSignature} (a signature lacking parts), {@code InvalidClientTokenId} (unknown
 * access key, or a temporary key without its session token), {@code ExpiredToken} (a temporary key
 * past its expiry), {@code SignatureDoesNotMatch} (wrong secret, altered request, wrong scope) and
 * {@code RequestExpired} (timestamp more than 15 minutes from the server's clock, or a presigned URL
 * past its expiry).
 */
public final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  /** A chunked upload's declared payload ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, …), signed as given. */
  private static final String STREAMING_PAYLOAD = "STREAMING-";
  /** S3 signs its paths its own way (see {@link #s3CanonicalPath}). */
  private static final String S3_SIGNING_NAME = "s3";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** AWS accepts requests whose timestamp is within 15 minutes of its clock, either way. */
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  /** A presigned URL may live at most seven days. */
  private static final long MAX_EXPIRES_SECONDS = 604_800;
  private static final HexFormat HEX = HexFormat.of();

  private final CredentialSource credentials;
  private final InstantSource clock;

  /** A verifier that knows only the configured keys. */
  public SigV4Verifier(List<SluiceConfig.Credential> credentials, InstantSource clock) {
    this(CredentialSource.of(credentials), clock);
  }

  public SigV4Verifier(CredentialSource credentials, InstantSource clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  /** The parts of a signature, wherever the request carried them. */
  record Signature(String credential, List<String> signedHeaders, String signature, String amzDate,
                   boolean presigned, long expiresSeconds) {}

  /**
   * Checks the request's signature and answers its caller (the key's account, the scope's region),
   * or fails with an {@link AwsException}. The signature must be scoped to {@code signingName}, or,
   * when that is null, to any service. Presigned parameters are read from the URL itself, as AWS
   * signs them. A temporary key needs its session token ({@code X-Amz-Security-Token}) and must not
   * have expired.
   */
  public CompletionStage<Caller> verify(HttpRequestView req, String signingName) {
    List<String[]> urlParams;
    Signature sig;
    CredentialScope scope;
    try {
      urlParams = QueryStrings.decodePairs(req.rawQuery());
      sig = extract(req, urlParams);
      scope = CredentialScope.parse(sig.credential());
    } catch (AwsException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (scope == null) {
      return CompletableFuture.failedFuture(AwsException.of(CommonError.IncompleteSignature,
          "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
              + " got '%s'.", sig.credential()));
    }
    return credentials.find(scope.accessKeyId()).thenApply(key -> check(req, urlParams, sig, scope,
        key.orElseThrow(SigV4Verifier::invalidToken), signingName));
  }

  private Caller check(HttpRequestView req, List<String[]> urlParams, Signature sig, CredentialScope scope,
                       AccessKey key, String signingName) {
    if (!sig.signedHeaders().contains("host")) {
      throw AwsException.of(CommonError.IncompleteSignature,
          "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    if (!sig.presigned() && req.header("x-amz-date") != null && !sig.signedHeaders().contains("x-amz-date")) {
      throw AwsException.of(CommonError.IncompleteSignature,
          "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
    }
    Instant signedAt = parseAmzDate(sig.amzDate());
    if (!scope.date().equals(sig.amzDate().substring(0, 8))) {
      throw AwsException.of(CommonError.SignatureDoesNotMatch,
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP:"
              + " '%s' != '%s', from '%s'.", scope.date(), sig.amzDate().substring(0, 8), sig.amzDate());
    }
    if (signingName != null && !scope.service().equals(signingName)) {
      throw AwsException.of(CommonError.SignatureDoesNotMatch,
          "Credential should be scoped to correct service: '%s'.", signingName);
    }
    if (key.temporary()) {
      checkSessionToken(req, urlParams, key);
    }
    checkTime(sig, signedAt);
    boolean s3 = S3_SIGNING_NAME.equals(scope.service());
    // A presigned S3 URL signs no payload ("Authenticating Requests: Using Query Parameters", S3 API
    // Reference): its canonical request ends in UNSIGNED-PAYLOAD.
    String payload = s3 && sig.presigned() && req.header("x-amz-content-sha256") == null ? UNSIGNED_PAYLOAD
        : payloadHash(req, sig);
    String canonical = canonicalRequest(req, sig, urlParams, payload, s3);
    String stringToSign = ALGORITHM + "\n" + sig.amzDate() + "\n" + scope.scope() + "\n"
        + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] signingKey = signingKey(key.secretAccessKey(), scope);
    byte[] expected = HEX.formatHex(hmac(signingKey, stringToSign)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = sig.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      throw signatureDoesNotMatch();
    }
    return new Caller(key.accessKeyId(), key.account(), scope.region());
  }

  /** The session token of a temporary key must be the one issued with it, and the key unexpired. */
  private void checkSessionToken(HttpRequestView req, List<String[]> urlParams, AccessKey key) {
    String token = sessionToken(req, urlParams);
    byte[] given = AccessKey.digest(token == null ? "" : token).getBytes(StandardCharsets.US_ASCII);
    if (token == null || !MessageDigest.isEqual(given, key.sessionTokenDigest().getBytes(StandardCharsets.US_ASCII))) {
      throw invalidToken();
    }
    if (!clock.instant().isBefore(key.expiresAt())) {
      throw AwsException.of(CommonError.ExpiredToken, "The security token included in the request is expired");
    }
  }

  /** The request's {@code X-Amz-Security-Token}, from its header or (presigned) its URL; null if none. */
  static String sessionToken(HttpRequestView req, List<String[]> urlParams) {
    String header = req.header("x-amz-security-token");
    if (header != null) {
      return header;
    }
    for (String[] p : urlParams) {
      if (p[0].equals("X-Amz-Security-Token")) {
        return p[1];
      }
    }
    return null;
  }

  private static AwsException invalidToken() {
    return AwsException.of(CommonError.InvalidClientTokenId, "The security token included in the request is invalid.");
  }

  private void checkTime(Signature sig, Instant signedAt) {
    Instant now = clock.instant();
    if (signedAt.isAfter(now.plus(MAX_SKEW))) {
      throw AwsException.of(CommonError.RequestExpired,
          "Signature not yet current: %s is still later than %s (%s + 15 min.)", sig.amzDate(),
          AMZ_DATE.format(now.plus(MAX_SKEW)), AMZ_DATE.format(now));
    }
    if (sig.presigned()) {
      if (now.isAfter(signedAt.plusSeconds(sig.expiresSeconds()))) {
        throw AwsException.of(CommonError.RequestExpired,
            "Request has expired: signed at %s, valid for %d seconds.", sig.amzDate(), sig.expiresSeconds());
      }
    } else if (signedAt.isBefore(now.minus(MAX_SKEW))) {
      throw AwsException.of(CommonError.RequestExpired,
          "Signature expired: %s is now earlier than %s (%s - 15 min.)", sig.amzDate(),
          AMZ_DATE.format(now.minus(MAX_SKEW)), AMZ_DATE.format(now));
    }
  }

  private static AwsException signatureDoesNotMatch() {
    return AwsException.of(CommonError.SignatureDoesNotMatch,
        "The request signature we calculated does not match the signature you provided. Check your"
            + " AWS Secret Access Key and signing method. Consult the service documentation for details.");
  }

  private static Signature extract(HttpRequestView req, List<String[]> urlParams) {
    String auth = req.header("authorization");
    if (auth != null) {
      return fromHeader(req, auth);
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String[] p : urlParams) {
      query.putIfAbsent(p[0], p[1]);
    }
    if (query.containsKey("X-Amz-Signature") || query.containsKey("X-Amz-Credential")
        || query.containsKey("X-Amz-Algorithm")) {
      return fromQuery(query);
    }
    throw AwsException.of(CommonError.MissingAuthenticationToken,
        "Request is missing Authentication Token");
  }

  private static Signature fromHeader(HttpRequestView req, String auth) {
    if (!auth.startsWith(ALGORITHM + " ")) {
      throw AwsException.of(CommonError.IncompleteSignature,
          "Authorization header must use the %s algorithm.", ALGORITHM);
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String item : auth.substring(ALGORITHM.length() + 1).split(",")) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        parts.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
      }
    }
    for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
      String value = parts.get(required);
      if (value == null || value.isEmpty()) {
        throw AwsException.of(CommonError.IncompleteSignature,
            "Authorization header requires '%s' parameter.", required);
      }
    }
    String date = req.header("x-amz-date");
    if (date == null) {
      String httpDate = req.header("date");
      if (httpDate == null) {
        throw AwsException.of(CommonError.IncompleteSignature,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
      }
      date = fromHttpDate(httpDate);
    }
    return new Signature(parts.get("Credential"), List.of(parts.get("SignedHeaders").split(";")),
        parts.get("Signature"), date, false, 0);
  }

  private static Signature fromQuery(Map<String, String> query) {
    for (String required : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
        "X-Amz-Date", "X-Amz-SignedHeaders")) {
      String value = query.get(required);
      if (value == null || value.isEmpty()) {
        throw AwsException.of(CommonError.IncompleteSignature,
            "AWS query-string parameters must include '%s'.", required);
      }
    }
    if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
      throw AwsException.of(CommonError.IncompleteSignature, "X-Amz-Algorithm must be %s.", ALGORITHM);
    }
    long expires = MAX_SKEW.toSeconds();
    String expiresText = query.get("X-Amz-Expires");
    if (expiresText != null) {
      try {
        expires = Long.parseLong(expiresText);
      } catch (NumberFormatException e) {
        expires = -1;
      }
      if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
        throw AwsException.of(CommonError.IncompleteSignature,
            "X-Amz-Expires must be a number of seconds from 1 to %d, got '%s'.", MAX_EXPIRES_SECONDS, expiresText);
      }
    }
    return new Signature(query.get("X-Amz-Credential"), List.of(query.get("X-Amz-SignedHeaders").split(";")),
        query.get("X-Amz-Signature"), query.get("X-Amz-Date"), true, expires);
  }

  private static Instant parseAmzDate(String amzDate) {
    try {
      return Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw AwsException.of(CommonError.IncompleteSignature,
          "Date must be in ISO-8601 'basic format'. Got '%s'.", amzDate);
    }
  }

  /** A {@code Date} header (RFC 1123) in the basic ISO-8601 form the string to sign uses. */
  private static String fromHttpDate(String httpDate) {
    try {
      return AMZ_DATE.format(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(httpDate.trim())));
    } catch (DateTimeParseException e) {
      throw AwsException.of(CommonError.IncompleteSignature, "The Date header '%s' is not an HTTP date.", httpDate);
    }
  }

  private static String payloadHash(HttpRequestView req, Signature sig) {
    String declared = req.header("x-amz-content-sha256");
    String actual = HEX.formatHex(sha256(req.body()));
    if (declared == null) {
      return actual;
    }
    if (declared.equals(UNSIGNED_PAYLOAD) || declared.startsWith(STREAMING_PAYLOAD)) {
      return declared;
    }
    if (!declared.equalsIgnoreCase(actual)) {
      // The signature may cover the declared hash, but the body is not what was signed.
      throw signatureDoesNotMatch();
    }
    return declared;
  }

  static String canonicalRequest(HttpRequestView req, Signature sig, List<String[]> urlParams, String payloadHash) {
    return canonicalRequest(req, sig, urlParams, payloadHash, false);
  }

  static String canonicalRequest(HttpRequestView req, Signature sig, List<String[]> urlParams, String payloadHash,
                                 boolean s3) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(req.method()).append('\n');
    sb.append(s3 ? s3CanonicalPath(req.path()) : canonicalPath(req.path())).append('\n');
    sb.append(canonicalQuery(urlParams, sig.presigned())).append('\n');
    for (String name : sig.signedHeaders()) {
      List<String> values = req.headers().get(name.toLowerCase(Locale.ROOT));
      String joined = values == null ? "" : values.stream().map(SigV4Verifier::trimHeader)
          .collect(Collectors.joining(","));
      sb.append(name).append(':').append(joined).append('\n');
    }
    sb.append('\n').append(String.join(";", sig.signedHeaders())).append('\n');
    sb.append(payloadHash);
    return sb.toString();
  }

  /**
   * The raw path with "." and ".." segments and repeated slashes removed (RFC 3986 §5.2.4, as AWS
   * normalizes), each segment encoded again: SDKs sign the already-encoded path encoded once more.
   */
  static String canonicalPath(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
      } else {
        segments.add(QueryStrings.uriEncode(segment));
      }
    }
    StringBuilder sb = new StringBuilder(rawPath.length() + 16).append('/');
    sb.append(String.join("/", segments));
    if (!segments.isEmpty() && rawPath.endsWith("/")) {
      sb.append('/');
    }
    return sb.toString();
  }

  /**
   * S3's canonical path: the path as the client meant it, each segment URI-encoded once, with no
   * normalization (an S3 key may hold "//" or "."): "Signature Calculations for the Authorization
   * Header" in the Amazon S3 API Reference ("do not normalize URI paths for Amazon S3", "Each path
   * segment must be URI-encoded once").
   */
  static String s3CanonicalPath(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    String[] segments = rawPath.split("/", -1);
    StringBuilder sb = new StringBuilder(rawPath.length() + 16);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(QueryStrings.uriEncode(QueryStrings.percentDecode(segments[i])));
    }
    return sb.toString();
  }

  private static String canonicalQuery(List<String[]> urlParams, boolean presigned) {
    List<String[]> pairs = new ArrayList<>(urlParams.size());
    for (String[] p : urlParams) {
      if (presigned && p[0].equals("X-Amz-Signature")) {
        continue;
      }
      pairs.add(new String[] {QueryStrings.uriEncode(p[0]), QueryStrings.uriEncode(p[1])});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
  }

  private static String trimHeader(String v) {
    return v.strip().replaceAll(" +", " ");
  }

  private static byte[] signingKey(String secret, CredentialScope scope) {
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
    k = hmac(k, scope.region());
    k = hmac(k, scope.service());
    return hmac(k, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
