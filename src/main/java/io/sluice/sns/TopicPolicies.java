package io.sluice.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.RequestContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Edits of a topic's access policy by AddPermission and RemovePermission, each one atomic store step. */
public final class TopicPolicies {
  private TopicPolicies() {}

  public static void checkLabel(String label) {
    if (label == null || !label.matches("[A-Za-z0-9_-]{1,100}")) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Label");
    }
  }

  /** Index of the statement with {@code Sid} equal to the label, or -1. */
  public static int indexOf(ArrayNode statements, String label) {
    for (int i = 0; i < statements.size(); i++) {
      if (label.equals(statements.get(i).path("Sid").asText(null))) {
        return i;
      }
    }
    return -1;
  }

  /** Applies {@code edit} to the topic's policy document (the default policy if none is stored). */
  public static CompletionStage<Void> change(SnsServices sns, RequestContext ctx, String topicArn,
                                             Consumer<ObjectNode> edit) {
    return sns.store().updateTopic(topicArn, topic -> {
      String current = topic.attributes().getOrDefault("Policy",
          TopicAttributes.defaultPolicy(topic.arn(), topic.account()));
      ObjectNode policy;
      try {
        JsonNode node = JsonCodec.json().readTree(current);
        policy = node instanceof ObjectNode o ? o : JsonCodec.json().createObjectNode();
      } catch (IOException e) {
        policy = JsonCodec.json().createObjectNode();
      }
      edit.accept(policy);
      Map<String, String> attributes = new LinkedHashMap<>(topic.attributes());
      attributes.put("Policy", policy.toString());
      return topic.withAttributes(attributes);
    }).thenApply(t -> {
      t.orElseThrow(SnsArns::topicNotFound);
      return null;
    });
  }
}
