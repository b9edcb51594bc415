package io.sluice.swf;

import io.sluice.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * SWF's paging of a listing: {@code maximumPageSize} items at most (0 or none: 1000), in the sorted
 * order or its reverse, continued after the last item by an opaque {@code nextPageToken} (the last
 * item's sort key and the direction, so a token from a reversed listing does not continue a forward
 * one). The listing is sorted by {@code key}, compared element by element.
 */
public final class Pages {
  /** The default and largest page. */
  public static final int MAX_PAGE = 1000;
  private static final char SEP = '\0';

  private Pages() {}

  /** One page of a listing and the token of the next, null when it is the last. */
  public record Page<T>(List<T> items, String nextPageToken) {}

  /** The page of {@code sorted} (ascending by {@code key}) after {@code token}. */
  public static <T> Page<T> page(List<T> sorted, Function<T, List<String>> key, String token, Integer pageSize,
                                 boolean reverse) {
    int size = pageSize == null || pageSize == 0 ? MAX_PAGE : pageSize;
    List<String> after = token == null ? null : after(token, reverse);
    List<T> ordered = new ArrayList<>(sorted);
    if (reverse) {
      java.util.Collections.reverse(ordered);
    }
    List<T> items = new ArrayList<>();
    boolean more = false;
    for (T item : ordered) {
      if (after != null) {
        int c = compare(key.apply(item), after);
        if (reverse ? c >= 0 : c <= 0) {
          continue;
        }
      }
      if (items.size() == size) {
        more = true;
        break;
      }
      items.add(item);
    }
    String next = more ? token(key.apply(items.get(items.size() - 1)), reverse) : null;
    return new Page<>(List.copyOf(items), next);
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** The token that continues a listing (reversed or not) after the item of sort key {@code key}. */
  public static String token(List<String> key, boolean reverse) {
    String text = (reverse ? "r" : "f") + SEP + String.join(String.valueOf(SEP), key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The sort key {@code token} continues after; ValidationException unless it is one of such a listing. */
  public static List<String> after(String token, boolean reverse) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidToken();
    }
    List<String> parts = List.of(text.split(String.valueOf(SEP), -1));
    if (parts.size() < 2 || !parts.get(0).equals(reverse ? "r" : "f")) {
      throw invalidToken();
    }
    return parts.subList(1, parts.size());
  }

  /** The error of a token that no listing of this kind gave. */
  public static AwsException invalidToken() {
    return AwsException.of(SwfError.ValidationException, "Invalid nextPageToken.");
  }
}
