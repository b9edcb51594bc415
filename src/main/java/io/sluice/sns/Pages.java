package io.sluice.sns;

import io.sluice.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Paging of SNS listings: a page of up to {@code size} items after the item the NextToken names.
 * The token is the last listed item's key (base64), so a page stays correct when items are added
 * or removed between calls. A token that cannot be decoded answers InvalidParameter.
 */
public final class Pages {
  private Pages() {}

  public record Page<T>(List<T> items, String nextToken) {}

  /** {@code sorted} must be ordered by {@code key}. */
  public static <T> Page<T> page(List<T> sorted, String nextToken, int size, Function<T, String> key) {
    int start = 0;
    if (nextToken != null && !nextToken.isEmpty()) {
      String after;
      try {
        after = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: NextToken");
      }
      while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(after) <= 0) {
        start++;
      }
    }
    int end = Math.min(sorted.size(), start + size);
    List<T> items = List.copyOf(sorted.subList(start, end));
    String next = end < sorted.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(key.apply(sorted.get(end - 1)).getBytes(StandardCharsets.UTF_8))
        : null;
    return new Page<>(items, next);
  }
}
