package io.sluice.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Credential=AKID/date/region/service/aws4_request} part of a SigV4 signature, from the
 * {@code Authorization} header or the presigned {@code X-Amz-Credential} query parameter.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

  /** Parses the scope of a request, or returns null when the request carries none or it is malformed. */
  public static CredentialScope of(HttpRequestView req, java.util.Map<String, String> queryParams) {
    String auth = req.header("authorization");
    if (auth != null) {
      int i = auth.indexOf("Credential=");
      if (i < 0) {
        return null;
      }
      int end = auth.indexOf(',', i);
      return parse(auth.substring(i + "Credential=".length(), end < 0 ? auth.length() : end).trim());
    }
    String q = queryParams.get("X-Amz-Credential");
    if (q != null) {
      return parse(q);
    }
    return null;
  }

  /** Parses {@code AKID/20240101/us-east-1/sqs/aws4_request}; null if malformed (a bad escape too). */
  public static CredentialScope parse(String credential) {
    String c = credential;
    if (credential.contains("%")) {
      try {
        c = URLDecoder.decode(credential, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    String[] parts = c.split("/");
    if (parts.length != 5 || !"aws4_request".equals(parts[4]) || parts[0].isEmpty()) {
      return null;
    }
    return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
  }

  /** The scope string {@code date/region/service/aws4_request}. */
  public String scope() {
    return date + "/" + region + "/" + service + "/aws4_request";
  }
}
