package io.sluice.sns;

import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition.UnsignedActions;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import io.sluice.sns.op.AddPermission;
import io.sluice.sns.op.CheckIfPhoneNumberIsOptedOut;
import io.sluice.sns.op.ConfirmSubscription;
import io.sluice.sns.op.CreatePlatformApplication;
import io.sluice.sns.op.CreatePlatformEndpoint;
import io.sluice.sns.op.CreateSMSSandboxPhoneNumber;
import io.sluice.sns.op.CreateTopic;
import io.sluice.sns.op.DeleteEndpoint;
import io.sluice.sns.op.DeletePlatformApplication;
import io.sluice.sns.op.DeleteSMSSandboxPhoneNumber;
import io.sluice.sns.op.DeleteTopic;
import io.sluice.sns.op.GetDataProtectionPolicy;
import io.sluice.sns.op.GetEndpointAttributes;
import io.sluice.sns.op.GetPlatformApplicationAttributes;
import io.sluice.sns.op.GetSMSAttributes;
import io.sluice.sns.op.GetSMSSandboxAccountStatus;
import io.sluice.sns.op.GetSubscriptionAttributes;
import io.sluice.sns.op.GetTopicAttributes;
import io.sluice.sns.op.ListEndpointsByPlatformApplication;
import io.sluice.sns.op.ListOriginationNumbers;
import io.sluice.sns.op.ListPhoneNumbersOptedOut;
import io.sluice.sns.op.ListPlatformApplications;
import io.sluice.sns.op.ListSMSSandboxPhoneNumbers;
import io.sluice.sns.op.ListSubscriptions;
import io.sluice.sns.op.ListSubscriptionsByTopic;
import io.sluice.sns.op.ListTagsForResource;
import io.sluice.sns.op.ListTopics;
import io.sluice.sns.op.OptInPhoneNumber;
import io.sluice.sns.op.Publish;
import io.sluice.sns.op.PublishBatch;
import io.sluice.sns.op.PutDataProtectionPolicy;
import io.sluice.sns.op.RemovePermission;
import io.sluice.sns.op.SetEndpointAttributes;
import io.sluice.sns.op.SetPlatformApplicationAttributes;
import io.sluice.sns.op.SetSMSAttributes;
import io.sluice.sns.op.SetSubscriptionAttributes;
import io.sluice.sns.op.SetTopicAttributes;
import io.sluice.sns.op.Subscribe;
import io.sluice.sns.op.TagResource;
import io.sluice.sns.op.Unsubscribe;
import io.sluice.sns.op.UntagResource;
import io.sluice.sns.op.VerifySMSSandboxPhoneNumber;
import java.util.List;
import java.util.Set;

/** Amazon SNS on the wire: the query protocol, API version 2010-03-31. */
public final class SnsApi {
  private SnsApi() {}

  /** SNS operations, local request/reply with {@link io.sluice.bus.OperationCall}. */
  public static final String ADDRESS = "sns.api";

  /** Cluster-wide publish of a topic ARN whose topic or subscriptions changed; drops cached copies. */
  public static final String TOPIC_CHANGED = "sns.topic-changed";

  /** Every SNS action, one class each; the gateway reads their shapes, the verticle runs them. */
  public static final List<Class<?>> OPERATIONS = List.of(
      AddPermission.class,
      CheckIfPhoneNumberIsOptedOut.class,
      ConfirmSubscription.class,
      CreatePlatformApplication.class,
      CreatePlatformEndpoint.class,
      CreateSMSSandboxPhoneNumber.class,
      CreateTopic.class,
      DeleteEndpoint.class,
      DeletePlatformApplication.class,
      DeleteSMSSandboxPhoneNumber.class,
      DeleteTopic.class,
      GetDataProtectionPolicy.class,
      GetEndpointAttributes.class,
      GetPlatformApplicationAttributes.class,
      GetSMSAttributes.class,
      GetSMSSandboxAccountStatus.class,
      GetSubscriptionAttributes.class,
      GetTopicAttributes.class,
      ListEndpointsByPlatformApplication.class,
      ListOriginationNumbers.class,
      ListPhoneNumbersOptedOut.class,
      ListPlatformApplications.class,
      ListSMSSandboxPhoneNumbers.class,
      ListSubscriptions.class,
      ListSubscriptionsByTopic.class,
      ListTagsForResource.class,
      ListTopics.class,
      OptInPhoneNumber.class,
      Publish.class,
      PublishBatch.class,
      PutDataProtectionPolicy.class,
      RemovePermission.class,
      SetEndpointAttributes.class,
      SetPlatformApplicationAttributes.class,
      SetSMSAttributes.class,
      SetSubscriptionAttributes.class,
      SetTopicAttributes.class,
      Subscribe.class,
      TagResource.class,
      Unsubscribe.class,
      UntagResource.class,
      VerifySMSSandboxPhoneNumber.class);

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
      ADDRESS,
      ServiceDefinition.operationsOf(OPERATIONS))
      // The SubscribeURL and UnsubscribeURL links SNS sends to endpoints and mailboxes, which AWS lets
      // anyone fetch (SNS API Reference, ConfirmSubscription and Unsubscribe); the caller acts in the
      // account and region of the ARN the link names.
      .withUnsignedActions(new UnsignedActions(Set.of("ConfirmSubscription", "Unsubscribe"),
          List.of("TopicArn", "SubscriptionArn")));
}
