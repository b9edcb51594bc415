package io.sluice.sns;

import io.sluice.access.AccessControl;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import java.util.Set;

/**
 * Who may call an SNS action on a topic or subscription (see {@link AccessControl}): the topic's
 * account, and other accounts the topic's Policy allows the actions a topic policy can grant;
 * a subscription's owner and its topic's owner for the subscription. Refusals are AuthorizationError.
 */
public final class TopicAccess {
  /** The actions a topic policy can grant ("Example cases for Amazon SNS access control"); others are the owner's. */
  private static final Set<String> SHAREABLE = Set.of("AddPermission", "DeleteTopic", "GetTopicAttributes",
      "ListSubscriptionsByTopic", "Publish", "RemovePermission", "SetTopicAttributes", "Subscribe");

  private TopicAccess() {}

  /** {@code topic} if the request's principal may call {@code action} on it; else AuthorizationError. */
  public static TopicRecord require(RequestContext ctx, String action, TopicRecord topic) {
    String iamAction = action.equals("PublishBatch") ? "Publish" : action;
    boolean allowed = SHAREABLE.contains(iamAction)
        ? AccessControl.permits(ctx.principal(), "sns:" + iamAction, topic.arn(), topic.account(),
            topic.attribute("Policy"))
        : AccessControl.owns(ctx.principal(), topic.account());
    if (!allowed) {
      throw denied(ctx, iamAction, topic.arn());
    }
    return topic;
  }

  /**
   * {@code arn}, a topic ARN, if the request's principal owns the topic, else AuthorizationError; an
   * ARN that names no account is answered unchanged (for the caller's validation to refuse).
   */
  public static String requireOwner(RequestContext ctx, String action, String arn) {
    String account = arn == null ? null : SnsArns.account(arn);
    if (account != null && !AccessControl.owns(ctx.principal(), account)) {
      throw denied(ctx, action, arn);
    }
    return arn;
  }

  /** {@code s} if the request's principal owns it or its topic; else AuthorizationError. */
  public static SubscriptionRecord requireSubscriber(RequestContext ctx, String action, SubscriptionRecord s) {
    if (!AccessControl.owns(ctx.principal(), s.owner())
        && !AccessControl.owns(ctx.principal(), SnsArns.account(s.topicArn()))) {
      throw denied(ctx, action, s.arn());
    }
    return s;
  }

  private static AwsException denied(RequestContext ctx, String action, String arn) {
    return AwsException.of(SnsError.AuthorizationError, "User: %s is not authorized to perform: SNS:%s on resource: %s",
        ctx.principal().arn() == null ? ctx.principal().service() : ctx.principal().arn(), action, arn);
  }
}
