package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.sqs.model.QueueId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * MaxResults/NextToken paging of queue lists sorted by name (ListQueues, ListDeadLetterSourceQueues).
 * MaxResults is 1 to 1000; without it a page holds up to 1000 queues and carries no token. The token
 * is opaque to clients: the last name answered, bound to the listing it came from (a token of another
 * listing is InvalidParameterValue), so any node can continue it.
 */
final class QueuePages {
  static final int MAX_RESULTS = 1000;
  private static final char SEPARATOR = '\u0000';

  /** One page: its queues and the token of the next page, or null when none follows or none was asked for. */
  record Page(List<QueueId> queues, String nextToken) {}

  private QueuePages() {}

  /**
   * The page of {@code sorted} (sorted by name) after {@code nextToken}.
   *
   * @param listing what the token is bound to, e.g. the account, region and prefix of a ListQueues
   */
  static Page page(List<QueueId> sorted, String listing, String nextToken, Integer maxResults) {
    if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS)) {
      throw AwsException.invalidParameter("MaxResults", maxResults,
          "MaxResults must be an integer between 1 and " + MAX_RESULTS + ".");
    }
    String after = nextToken == null || nextToken.isEmpty() ? null : lastName(listing, nextToken);
    int limit = maxResults == null ? MAX_RESULTS : maxResults;
    List<QueueId> rest = after == null ? sorted
        : sorted.stream().filter(id -> id.name().compareTo(after) > 0).toList();
    if (rest.size() <= limit) {
      return new Page(rest, null);
    }
    List<QueueId> queues = rest.subList(0, limit);
    String token = maxResults == null ? null : token(listing, queues.get(limit - 1).name());
    return new Page(List.copyOf(queues), token);
  }

  private static String token(String listing, String lastName) {
    byte[] raw = (listing + SEPARATOR + lastName).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static String lastName(String listing, String token) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidToken();
    }
    int sep = raw.lastIndexOf(SEPARATOR);
    if (sep < 0 || !raw.substring(0, sep).equals(listing) || sep == raw.length() - 1) {
      throw invalidToken();
    }
    return raw.substring(sep + 1);
  }

  private static AwsException invalidToken() {
    return AwsException.of(CommonError.InvalidParameterValue, "Invalid NextToken value.");
  }
}
