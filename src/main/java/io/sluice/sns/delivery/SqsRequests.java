package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.access.Principal;
import io.sluice.bus.ServiceClient;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.SnsArns;
import io.sluice.sns.model.TopicRecord;
import io.vertx.core.Future;

/** SQS request parameters (AWS JSON member names) for deliveries to queues given by ARN. */
final class SqsRequests {
  /** The principal SNS delivers as; a queue's policy names it to let another account's topic send. */
  static final String SNS_PRINCIPAL = "sns.amazonaws.com";

  private SqsRequests() {}

  /**
   * Sends {@code params} (a SendMessage) to the queue {@code queueArn} as SNS acting for {@code topic}:
   * another account's queue takes it only if its policy allows that principal ({@code aws:SourceArn}
   * the topic's ARN, {@code aws:SourceAccount} its account), else the send fails with AccessDenied.
   */
  static Future<JsonNode> send(ServiceClient services, TopicRecord topic, String queueArn, ObjectNode params) {
    return services.callAs("sqs", "SendMessage", SnsArns.region(queueArn),
        Principal.service(SNS_PRINCIPAL, topic.account(), topic.arn()), params);
  }

  /** A SendMessage to the queue {@code arn:aws:sqs:region:account:name}. */
  static ObjectNode sendMessage(String queueArn, String body, String groupId, String deduplicationId) {
    ObjectNode params = JsonCodec.json().createObjectNode();
    params.put("QueueUrl", "/" + SnsArns.account(queueArn) + "/" + SnsArns.resource(queueArn));
    params.put("MessageBody", body);
    if (groupId != null) {
      params.put("MessageGroupId", groupId);
    }
    if (deduplicationId != null) {
      params.put("MessageDeduplicationId", deduplicationId);
    }
    return params;
  }
}
