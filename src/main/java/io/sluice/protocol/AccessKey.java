package io.sluice.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An access key requests may be signed with: its secret and the account its requests act in. A
 * temporary key (issued by a token service) also has a session token, which every request must
 * carry ({@code X-Amz-Security-Token}), kept here only as its digest, and an expiry.
 *
 * @param sessionTokenDigest {@link #digest} of the session token; null for a long-term key
 * @param expiresAt          when a temporary key stops working; null for a long-term key
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String account, String sessionTokenDigest,
                        Instant expiresAt) {

  /** A long-term key. */
  public static AccessKey longTerm(String accessKeyId, String secretAccessKey, String account) {
    return new AccessKey(accessKeyId, secretAccessKey, account, null, null);
  }

  /** True for a key that needs a session token. */
  public boolean temporary() {
    return sessionTokenDigest != null;
  }

  /** The hex SHA-256 of a session token, as kept in {@link #sessionTokenDigest}. */
  public static String digest(String sessionToken) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(sessionToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
