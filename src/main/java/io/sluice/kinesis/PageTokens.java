package io.sluice.kinesis;

import io.sluice.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code NextToken}s of Kinesis's list operations: the opaque form of where the next page starts. */
public final class PageTokens {
  private PageTokens() {}

  /** A token for a page after {@code last}, of the list {@code kind}. */
  public static String of(String kind, String last) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((kind + "\n" + last).getBytes(StandardCharsets.UTF_8));
  }

  /** What {@link #of} wrapped; InvalidArgumentException if {@code token} is not a token of {@code kind}. */
  public static String read(String kind, String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(kind + "\n")) {
        return text.substring(kind.length() + 1);
      }
    } catch (IllegalArgumentException e) {
      // not base64: refused below
    }
    throw AwsException.of(KinesisError.InvalidArgumentException, "NextToken is invalid.");
  }
}
