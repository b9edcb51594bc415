package io.sluice.sns;

import io.sluice.bus.Addresses;
import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import io.sluice.sns.op.AddPermission;
import io.sluice.sns.op.ConfirmSubscription;
import io.sluice.sns.op.CreateTopic;
import io.sluice.sns.op.DeleteTopic;
import io.sluice.sns.op.GetDataProtectionPolicy;
import io.sluice.sns.op.GetSubscriptionAttributes;
import io.sluice.sns.op.GetTopicAttributes;
import io.sluice.sns.op.ListSubscriptions;
import io.sluice.sns.op.ListSubscriptionsByTopic;
import io.sluice.sns.op.ListTagsForResource;
import io.sluice.sns.op.ListTopics;
import io.sluice.sns.op.Publish;
import io.sluice.sns.op.PublishBatch;
import io.sluice.sns.op.PutDataProtectionPolicy;
import io.sluice.sns.op.RemovePermission;
import io.sluice.sns.op.SetSubscriptionAttributes;
import io.sluice.sns.op.SetTopicAttributes;
import io.sluice.sns.op.Subscribe;
import io.sluice.sns.op.TagResource;
import io.sluice.sns.op.Unsubscribe;
import io.sluice.sns.op.UntagResource;
import java.util.List;
import java.util.Set;

/** Amazon SNS on the wire: the query protocol, API version 2010-03-31. */
public final class SnsApi {
  private SnsApi() {}

  /** Every SNS action, one class each; the gateway reads their shapes, the verticle runs them. */
  public static final List<Class<?>> OPERATIONS = List.of(
      AddPermission.class,
      ConfirmSubscription.class,
      CreateTopic.class,
      DeleteTopic.class,
      GetDataProtectionPolicy.class,
      GetSubscriptionAttributes.class,
      GetTopicAttributes.class,
      ListSubscriptions.class,
      ListSubscriptionsByTopic.class,
      ListTagsForResource.class,
      ListTopics.class,
      Publish.class,
      PublishBatch.class,
      PutDataProtectionPolicy.class,
      RemovePermission.class,
      SetSubscriptionAttributes.class,
      SetTopicAttributes.class,
      Subscribe.class,
      TagResource.class,
      Unsubscribe.class,
      UntagResource.class);

  public static final ServiceDefinition DEFINITION = new ServiceDefinition(
      "sns",
      "sns",
      "2010-03-31",
      "http://sns.amazonaws.com/doc/2010-03-31/",
      null,
      Set.of(WireProtocol.QUERY),
      "",
      false,
      QueryStyle.WRAPPED,
      Addresses.SNS_API,
      ServiceDefinition.operationsOf(OPERATIONS));
}
