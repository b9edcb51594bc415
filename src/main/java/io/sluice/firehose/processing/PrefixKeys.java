package io.sluice.firehose.processing;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partition keys an S3 {@code Prefix} names, as {@code partitionKeyFromQuery:name} and
 * {@code partitionKeyFromLambda:name} (the keys of {@code DeliveryRecord#partitionKeys}), in order.
 */
final class PrefixKeys {
  static final String FROM_QUERY = "partitionKeyFromQuery";
  static final String FROM_LAMBDA = "partitionKeyFromLambda";
  private static final Pattern EXPRESSION = Pattern.compile("!\\{(" + FROM_QUERY + "|" + FROM_LAMBDA + "):([^}]*)}");

  private PrefixKeys() {}

  static Set<String> of(String prefix) {
    Set<String> keys = new LinkedHashSet<>();
    Matcher m = EXPRESSION.matcher(prefix == null ? "" : prefix);
    while (m.find()) {
      keys.add(m.group(1) + ":" + m.group(2));
    }
    return keys;
  }

  /** Whether {@code keys} has one from {@code namespace}. */
  static boolean uses(Set<String> keys, String namespace) {
    return keys.stream().anyMatch(k -> k.startsWith(namespace + ":"));
  }
}
