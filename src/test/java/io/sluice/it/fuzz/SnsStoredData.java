package io.sluice.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A topic with attributes, tags and a subscription that the fuzzing never names; a target topic with
 * a subscription it may.
 */
final class SnsStoredData implements StoredData {
  private final List<String> targets = new ArrayList<>();
  private String keptTopic;
  private Map<String, String> keptAttributes;
  private List<String> keptSubscriptions;
  private Map<String, String> keptSubscriptionAttributes;
  private String keptSubscription;

  @Override
  public String service() {
    return "sns";
  }

  @Override
  public void store(TestSluice node) {
    SnsClient sns = node.sns();
    String endpointQueue = node.sqs().createQueue(b -> b.queueName(TestSluice.uniqueName("fuzz-endpoint"))).queueUrl();
    String endpointArn = node.sqs().getQueueAttributes(b -> b.queueUrl(endpointQueue)
        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    keptTopic = sns.createTopic(b -> b.name(TestSluice.uniqueName("fuzz-kept"))
        .attributes(Map.of("DisplayName", "kept topic"))
        .tags(t -> t.key("team").value("fuzz"))).topicArn();
    keptSubscription = sns.subscribe(b -> b.topicArn(keptTopic).protocol("sqs").endpoint(endpointArn)
        .attributes(Map.of("RawMessageDelivery", "true", "FilterPolicy", "{\"kind\":[\"kept\"]}"))
        .returnSubscriptionArn(true)).subscriptionArn();
    keptAttributes = topicAttributes(sns);
    keptSubscriptions = subscriptions(sns);
    keptSubscriptionAttributes = subscriptionAttributes(sns);
    String target = sns.createTopic(b -> b.name(TestSluice.uniqueName("fuzz-target"))).topicArn();
    targets.add(target);
    targets.add(sns.subscribe(b -> b.topicArn(target).protocol("sqs").endpoint(endpointArn)
        .returnSubscriptionArn(true)).subscriptionArn());
  }

  @Override
  public List<String> targets() {
    return targets;
  }

  @Override
  public void assertIntact(TestSluice node) {
    SnsClient sns = node.sns();
    assertEquals(keptAttributes, topicAttributes(sns), "attributes of the kept topic");
    assertEquals(keptSubscriptions, subscriptions(sns), "subscriptions of the kept topic");
    assertEquals(keptSubscriptionAttributes, subscriptionAttributes(sns), "attributes of the kept subscription");
  }

  private Map<String, String> topicAttributes(SnsClient sns) {
    return new TreeMap<>(sns.getTopicAttributes(b -> b.topicArn(keptTopic)).attributes());
  }

  private Map<String, String> subscriptionAttributes(SnsClient sns) {
    return new TreeMap<>(sns.getSubscriptionAttributes(b -> b.subscriptionArn(keptSubscription)).attributes());
  }

  private List<String> subscriptions(SnsClient sns) {
    return sns.listSubscriptionsByTopic(b -> b.topicArn(keptTopic)).subscriptions().stream()
        .map(s -> s.subscriptionArn() + " " + s.protocol() + " " + s.endpoint()).sorted().toList();
  }
}
