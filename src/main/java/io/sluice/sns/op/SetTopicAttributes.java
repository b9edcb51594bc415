package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAttributes;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * SetTopicAttributes: changes one attribute, validated against the topic as read, in one atomic
 * store step that leaves the other attributes to concurrent changes. An empty value removes
 * DeliveryPolicy, ArchivePolicy and KmsMasterKeyId; FifoTopic cannot change after creation.
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
    return topic(ctx, arn).thenCompose(topic -> {
      TopicAttributes.validated(req.attributeName(), value, topic.isFifo(), false);
      MapEdit edit = value.isEmpty() && !req.attributeName().equals("DisplayName")
          ? MapEdit.removing(List.of(req.attributeName()))
          : MapEdit.putting(Map.of(req.attributeName(), value));
      return sns.store().updateTopic(arn, RecordChange.ofAttributes(edit));
    }).thenApply(updated -> {
      updated.orElseThrow(SnsArns::topicNotFound);
      return null;
    });
  }
}
