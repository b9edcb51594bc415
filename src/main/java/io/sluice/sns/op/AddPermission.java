package io.sluice.sns.op;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicPolicies;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * AddPermission: adds a statement labelled {@code Label} to the topic's access policy, allowing
 * the given accounts the given SNS actions, in one atomic store step. A label already in the policy
 * answers InvalidParameter. The policy takes effect at once (see {@link io.sluice.sns.TopicAccess}).
 */
public final class AddPermission extends SnsOperation<AddPermission.Request, Void> {
  private static final Set<String> ACTIONS = Set.of("*", "AddPermission", "DeleteTopic", "GetTopicAttributes",
      "ListSubscriptionsByTopic", "ListTopics", "Publish", "Receive", "RemovePermission", "SetTopicAttributes",
      "Subscribe");

  public record Request(String topicArn, String label,
                        @QueryName("AWSAccountId") List<String> awsAccountIds,
                        @QueryName("ActionName") List<String> actionNames) {}

  public AddPermission(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String arn = SnsArns.requireTopicArn(ctx, "TopicArn", req.topicArn());
    TopicPolicies.checkLabel(req.label());
    if (req.awsAccountIds() == null || req.awsAccountIds().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: AWSAccountId");
    }
    if (req.actionNames() == null || req.actionNames().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: ActionName");
    }
    for (String action : req.actionNames()) {
      if (!ACTIONS.contains(action)) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Policy statement action out of service scope!");
      }
    }
    ObjectNode s = JsonCodec.json().createObjectNode();
    s.put("Sid", req.label());
    s.put("Effect", "Allow");
    ArrayNode principals = s.putObject("Principal").putArray("AWS");
    req.awsAccountIds().forEach(a -> principals.add(a.matches("\\d{12}") ? "arn:aws:iam::" + a + ":root" : a));
    ArrayNode actions = s.putArray("Action");
    req.actionNames().forEach(a -> actions.add("SNS:" + a));
    s.put("Resource", arn);
    return topic(ctx, arn).thenCompose(topic -> TopicPolicies.add(sns, arn, req.label(), s.toString()));
  }
}
