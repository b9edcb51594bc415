package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.SnsArns;

/** SQS request parameters (AWS JSON member names) for deliveries to queues given by ARN. */
final class SqsRequests {
  private SqsRequests() {}

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
