package io.sluice.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an HTTP request the protocol layer reads, free of Vert.x types so detection and
 * signature checks are unit-testable.
 *
 * @param method   HTTP method, upper case
 * @param path     the raw (still percent-encoded) path
 * @param rawQuery the raw query string without '?', or empty
 * @param headers  header names in lower case, values in arrival order
 * @param body     the request body (empty array when none)
 */
public record HttpRequestView(String method, String path, String rawQuery,
                              Map<String, List<String>> headers, byte[] body) {

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
