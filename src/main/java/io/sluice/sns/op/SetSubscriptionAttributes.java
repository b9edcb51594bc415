package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.SubscriptionAttributes;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * SetSubscriptionAttributes: changes one attribute of a subscription (an empty value removes it),
 * validated against the subscription as read, in one atomic store step that leaves its other
 * attributes to concurrent changes. Setting a ReplayPolicy on a confirmed subscription starts the
 * replay of the archived messages.
 */
public final class SetSubscriptionAttributes extends SnsOperation<SetSubscriptionAttributes.Request, Void> {

  public record Request(String subscriptionArn, String attributeName, String attributeValue) {}

  public SetSubscriptionAttributes(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.attributeName() == null || req.attributeName().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: AttributeName");
    }
    String value = req.attributeValue() == null ? "" : req.attributeValue();
    return subscription(ctx, req.subscriptionArn()).thenCompose(current -> sns.store().findTopic(current.topicArn())
        .thenCompose(topic -> {
          var t = topic.orElseThrow(SnsArns::topicNotFound);
          SubscriptionAttributes.validated(req.attributeName(), value, current.protocol(), t);
          Map<String, String> attributes = new LinkedHashMap<>(current.attributes());
          MapEdit edit;
          if (value.isEmpty()) {
            attributes.remove(req.attributeName());
            edit = MapEdit.removing(List.of(req.attributeName()));
          } else {
            attributes.put(req.attributeName(), value);
            edit = MapEdit.putting(Map.of(req.attributeName(), value));
          }
          SubscriptionAttributes.validateTogether(attributes);
          return sns.store().updateSubscription(current.arn(), RecordChange.ofAttributes(edit)).thenApply(updated -> {
            SubscriptionRecord s = updated.orElseThrow(
                () -> AwsException.of(SnsError.NotFound, "Subscription does not exist")).record();
            if (req.attributeName().equals("ReplayPolicy") && !value.isEmpty() && !s.pendingConfirmation()) {
              sns.deliveries().replay(t, s);
            }
            return null;
          });
        }));
  }
}
