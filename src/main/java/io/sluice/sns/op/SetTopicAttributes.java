package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * SetTopicAttributes: changes one attribute. An empty value removes DeliveryPolicy, ArchivePolicy
 * and KmsMasterKeyId; FifoTopic cannot change after creation.
 */
public final class SetTopicAttributes extends SnsOperation<SetTopicAttributes.Request, Void> {

  public record Request(String topicArn, String attributeName, String attributeValue) {}

  public SetTopicAttributes(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String arn = SnsArns.requireTopicArn(ctx, "TopicArn", req.topicArn());
    if (req.attributeName() == null || req.attributeName().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: AttributeName");
    }
    String value = req.attributeValue() == null ? "" : req.attributeValue();
    return sns.store().updateTopic(arn, topic -> {
      TopicAttributes.validated(req.attributeName(), value, topic.isFifo(), false);
      Map<String, String> attributes = new LinkedHashMap<>(topic.attributes());
      if (value.isEmpty() && !req.attributeName().equals("DisplayName")) {
        attributes.remove(req.attributeName());
      } else {
        attributes.put(req.attributeName(), value);
      }
      return topic.withAttributes(attributes);
    }).thenApply(updated -> {
      updated.orElseThrow(SnsArns::topicNotFound);
      return null;
    });
  }
}
