package io.sluice.protocol;

import io.sluice.config.SluiceConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4, in the {@code Authorization} header or presigned in the query
 * string, against the configured credentials (AWS General Reference, "Signature Version 4 signing
 * process"). Errors use AWS's codes: {@code MissingAuthenticationToken}, {@code IncompleteSignature},
 * {@code InvalidClientTokenId}, {@code SignatureDoesNotMatch}, {@code RequestExpired}.
 */
public final class SigV4Verifier {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** AWS accepts requests whose timestamp is within 15 minutes of its clock. */
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final HexFormat HEX = HexFormat.of();

  private final Map<String, SluiceConfig.Credential> credentials;
  private final InstantSource clock;

  public SigV4Verifier(List<SluiceConfig.Credential> credentials, InstantSource clock) {
    this.credentials = credentials.stream()
        .collect(Collectors.toMap(SluiceConfig.Credential::accessKeyId, Function.identity(), (a, b) -> a));
    this.clock = clock;
  }

  /** The parts of a signature, wherever the request carried them. */
  record Signature(String credential, List<String> signedHeaders, String signature, String amzDate,
                   boolean presigned, long expiresSeconds) {}

  public Caller verify(HttpRequestView req, Map<String, String> queryParams, ServiceDefinition service) {
    Signature sig = extract(req, queryParams);
    CredentialScope scope = CredentialScope.parse(sig.credential());
    if (scope == null) {
      throw AwsException.of(CommonError.IncompleteSignature,
          "Credential should be scoped to a valid region, a service and aws4_request: %s", sig.credential());
    }
    SluiceConfig.Credential cred = credentials.get(scope.accessKeyId());
    if (cred == null) {
      throw AwsException.of(CommonError.InvalidClientTokenId,
          "The security token included in the request is invalid.");
    }
    Instant signedAt = parseDate(sig.amzDate());
    if (!scope.date().equals(sig.amzDate().substring(0, 8))) {
      throw AwsException.of(CommonError.SignatureDoesNotMatch,
          "Credential should be scoped to a valid date: %s does not match %s.", scope.date(), sig.amzDate());
    }
    Instant now = clock.instant();
    if (sig.presigned()) {
      if (now.isAfter(signedAt.plusSeconds(sig.expiresSeconds())) || signedAt.isAfter(now.plus(MAX_SKEW))) {
        throw AwsException.of(CommonError.RequestExpired, "Request has expired.");
      }
    } else if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw AwsException.of(CommonError.RequestExpired,
          "Signature expired: %s is now earlier than %s (%s - 15 min.)", sig.amzDate(),
          AMZ_DATE.format(now.minus(MAX_SKEW)), AMZ_DATE.format(now));
    }
    String canonical = canonicalRequest(req, sig);
    String stringToSign = ALGORITHM + "\n" + sig.amzDate() + "\n" + scope.scope() + "\n"
        + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = signingKey(cred.secretAccessKey(), scope);
    String expected = HEX.formatHex(hmac(key, stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        sig.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw AwsException.of(CommonError.SignatureDoesNotMatch,
          "The request signature we calculated does not match the signature you provided. Check your"
              + " AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
    return new Caller(cred.accessKeyId(), cred.account(), scope.region());
  }

  private static Signature extract(HttpRequestView req, Map<String, String> query) {
    String auth = req.header("authorization");
    if (auth != null) {
      if (!auth.startsWith(ALGORITHM + " ")) {
        throw AwsException.of(CommonError.IncompleteSignature,
            "Authorization header must use %s. Authorization=%s", ALGORITHM, auth);
      }
      Map<String, String> parts = new TreeMap<>();
      for (String item : auth.substring(ALGORITHM.length() + 1).split(",")) {
        int eq = item.indexOf('=');
        if (eq > 0) {
          parts.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
      }
      for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
        if (!parts.containsKey(required)) {
          throw AwsException.of(CommonError.IncompleteSignature,
              "Authorization header requires '%s' parameter. Authorization=%s", required, auth);
        }
      }
      String date = req.header("x-amz-date");
      if (date == null) {
        date = req.header("date");
      }
      if (date == null) {
        throw AwsException.of(CommonError.IncompleteSignature,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
      }
      return new Signature(parts.get("Credential"), List.of(parts.get("SignedHeaders").split(";")),
          parts.get("Signature"), date, false, 0);
    }
    if (query.containsKey("X-Amz-Signature") || query.containsKey("X-Amz-Credential")) {
      for (String required : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
          "X-Amz-Date", "X-Amz-SignedHeaders")) {
        if (!query.containsKey(required)) {
          throw AwsException.of(CommonError.IncompleteSignature,
              "AWS query-string parameters must include '%s'.", required);
        }
      }
      if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
        throw AwsException.of(CommonError.IncompleteSignature, "X-Amz-Algorithm must be %s.", ALGORITHM);
      }
      long expires = 604800;
      if (query.containsKey("X-Amz-Expires")) {
        try {
          expires = Long.parseLong(query.get("X-Amz-Expires"));
        } catch (NumberFormatException e) {
          throw AwsException.of(CommonError.IncompleteSignature, "X-Amz-Expires must be a number of seconds.");
        }
      }
      return new Signature(query.get("X-Amz-Credential"), List.of(query.get("X-Amz-SignedHeaders").split(";")),
          query.get("X-Amz-Signature"), query.get("X-Amz-Date"), true, expires);
    }
    throw AwsException.of(CommonError.MissingAuthenticationToken, "Request is missing Authentication Token");
  }

  private static Instant parseDate(String amzDate) {
    try {
      return Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw AwsException.of(CommonError.IncompleteSignature,
          "Date must be in ISO-8601 'basic format'. Got '%s'.", amzDate);
    }
  }

  static String canonicalRequest(HttpRequestView req, Signature sig) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(req.method()).append('\n');
    sb.append(canonicalPath(req.path())).append('\n');
    sb.append(canonicalQuery(req.rawQuery(), sig.presigned())).append('\n');
    for (String name : sig.signedHeaders()) {
      List<String> values = req.headers().get(name);
      String joined = values == null ? "" : values.stream().map(SigV4Verifier::trimHeader)
          .collect(Collectors.joining(","));
      sb.append(name).append(':').append(joined).append('\n');
    }
    sb.append('\n').append(String.join(";", sig.signedHeaders())).append('\n');
    String payloadHash = req.header("x-amz-content-sha256");
    if (payloadHash == null || sig.presigned() && payloadHash.isEmpty()) {
      payloadHash = HEX.formatHex(sha256(req.body()));
    }
    sb.append(payloadHash);
    return sb.toString();
  }

  /** Non-S3 services sign the path encoded once more (the SDKs' double encoding). */
  private static String canonicalPath(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    return java.util.Arrays.stream(rawPath.split("/", -1)).map(SigV4Verifier::uriEncode)
        .collect(Collectors.joining("/"));
  }

  private static String canonicalQuery(String rawQuery, boolean presigned) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String item : rawQuery.split("&")) {
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      String k = decode(eq < 0 ? item : item.substring(0, eq));
      String v = eq < 0 ? "" : decode(item.substring(eq + 1));
      if (presigned && k.equals("X-Amz-Signature")) {
        continue;
      }
      pairs.add(new String[] {uriEncode(k), uriEncode(v)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** RFC 3986 encoding as SigV4 defines it: everything but unreserved characters is %XX. */
  static String uriEncode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  private static String trimHeader(String v) {
    return v.trim().replaceAll("\\s+", " ");
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
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
