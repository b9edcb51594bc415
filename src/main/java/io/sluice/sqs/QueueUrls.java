package io.sluice.sqs;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.model.QueueId;
import java.util.regex.Pattern;

/**
 * Queue URLs: {@code scheme://host/account/name}, built from the host the client called, and parsed
 * back into queue ids. Older SDKs post to the queue URL without a {@code QueueUrl} parameter; the
 * request path stands in for it then.
 */
public final class QueueUrls {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private QueueUrls() {}

  public static String urlOf(RequestContext ctx, QueueId id) {
    return ctx.baseUrl() + "/" + id.account() + "/" + id.name();
  }

  /** The queue a request addresses; QueueDoesNotExist when the URL cannot name one. */
  public static QueueId resolve(RequestContext ctx, String queueUrl) {
    String url = queueUrl;
    if (url == null || url.isEmpty()) {
      if (ctx.path() != null && ctx.path().length() > 1) {
        url = ctx.path();
      } else {
        throw AwsException.missingParameter("QueueUrl");
      }
    }
    String path = url;
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "" : path.substring(slash);
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    String[] segments = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    if (segments.length >= 2 && ACCOUNT.matcher(segments[segments.length - 2]).matches()) {
      return new QueueId(ctx.region(), segments[segments.length - 2], segments[segments.length - 1]);
    }
    if (segments.length == 2 && segments[0].equals("queue")) {
      return new QueueId(ctx.region(), ctx.account(), segments[1]);
    }
    if (segments.length == 1) {
      return new QueueId(ctx.region(), ctx.account(), segments[0]);
    }
    throw AwsException.of(SqsError.QueueDoesNotExist, "The specified queue does not exist.");
  }
}
