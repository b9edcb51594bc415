package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.assertSnsError;
import static io.sluice.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GetTopicAttributes and SetTopicAttributes (see their API references): the defaults and read-only
 * attributes a topic shows, every settable attribute with valid and invalid values, and the
 * attributes that only FIFO topics take or that cannot change.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class TopicAttributesTest extends SharedSnsNodeTest {
  private static final String DELIVERY_POLICY = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,"
      + "\"maxDelayTarget\":30,\"numRetries\":7,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
      + "\"numMinDelayRetries\":0,\"backoffFunction\":\"exponential\"},\"disableSubscriptionOverrides\":false}}";

  private Map<String, String> attributes(String topicArn) {
    return sns().getTopicAttributes(b -> b.topicArn(topicArn)).attributes();
  }

  private void set(String topicArn, String name, String value) {
    sns().setTopicAttributes(b -> b.topicArn(topicArn).attributeName(name).attributeValue(value));
  }

  @Test
  void aNewTopicShowsItsDefaultsAndCounts() {
    // Given a new standard topic
    String topic = topic("defaults");

    // When its attributes are read
    Map<String, String> a = attributes(topic);

    // Then it shows its ARN, owner, the default policy, an empty display name and zero counts
    assertEquals(topic, a.get("TopicArn"));
    assertEquals("000000000000", a.get("Owner"));
    assertEquals("", a.get("DisplayName"));
    assertEquals("0", a.get("SubscriptionsConfirmed"));
    assertEquals("0", a.get("SubscriptionsPending"));
    assertEquals("0", a.get("SubscriptionsDeleted"));
    JsonNode policy = json(a.get("Policy"));
    assertEquals("__default_statement_ID", policy.path("Statement").path(0).path("Sid").asText());
    assertEquals(topic, policy.path("Statement").path(0).path("Resource").asText());
    // And the effective delivery policy of HTTP/S: 3 retries 20 s apart, linear
    JsonNode retry = json(a.get("EffectiveDeliveryPolicy")).path("http").path("defaultHealthyRetryPolicy");
    assertEquals(3, retry.path("numRetries").asInt());
    assertEquals(20, retry.path("minDelayTarget").asInt());
    assertEquals(20, retry.path("maxDelayTarget").asInt());
    assertEquals("linear", retry.path("backoffFunction").asText());
    assertFalse(a.containsKey("FifoTopic"));
  }

  @Test
  void subscriptionCountsSplitConfirmedFromPending() {
    // Given a topic with two queue subscriptions (confirmed at once) and an HTTP one (pending)
    String topic = topic("counts");
    subscribe(topic, queue("counts-a"));
    subscribe(topic, queue("counts-b"));
    sns().subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://127.0.0.1:9/never"));

    // When its attributes are read
    Map<String, String> a = attributes(topic);

    // Then the counts tell confirmed from pending
    assertEquals("2", a.get("SubscriptionsConfirmed"));
    assertEquals("1", a.get("SubscriptionsPending"));
  }

  @Test
  void everySettableAttributeOfAStandardTopicIsKept() {
    // Given a standard topic and a value for each attribute it can take
    String topic = topic("settable");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("DisplayName", "Settable topic");
    values.put("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"only\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"SNS:Publish\",\"Resource\":\"" + topic + "\"}]}");
    values.put("DeliveryPolicy", DELIVERY_POLICY);
    values.put("KmsMasterKeyId", "alias/aws/sns");
    values.put("SignatureVersion", "2");
    values.put("TracingConfig", "Active");
    for (String protocol : new String[] {"HTTP", "Lambda", "SQS", "Firehose", "Application"}) {
      values.put(protocol + "SuccessFeedbackRoleArn", "arn:aws:iam::000000000000:role/sns-success");
      values.put(protocol + "SuccessFeedbackSampleRate", "50");
      values.put(protocol + "FailureFeedbackRoleArn", "arn:aws:iam::000000000000:role/sns-failure");
    }

    // When each is set
    values.forEach((name, value) -> set(topic, name, value));

    // Then each reads back as set
    Map<String, String> a = attributes(topic);
    values.forEach((name, value) -> assertEquals(value, a.get(name), name));
    // And the delivery policy is what the topic's HTTP/S subscriptions now get
    JsonNode retry = json(a.get("EffectiveDeliveryPolicy")).path("http").path("defaultHealthyRetryPolicy");
    assertEquals(7, retry.path("numRetries").asInt());
    assertEquals("exponential", retry.path("backoffFunction").asText());
  }

  @Test
  void invalidValuesAreRejected() {
    // Given a standard topic
    String topic = topic("invalid");

    // When attributes are set to values outside their rules
    // Then each answers InvalidParameter
    Map<String, String> invalid = new LinkedHashMap<>();
    invalid.put("SignatureVersion", "3");
    invalid.put("TracingConfig", "Sometimes");
    invalid.put("DisplayName", "d".repeat(101));
    invalid.put("Policy", "{not json");
    invalid.put("DeliveryPolicy", "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":50,"
        + "\"maxDelayTarget\":10,\"numRetries\":3}}}");
    invalid.put("HTTPSuccessFeedbackSampleRate", "101");
    invalid.put("Colour", "blue");
    invalid.put("SubscriptionsConfirmed", "5");
    invalid.put("EffectiveDeliveryPolicy", "{}");
    invalid.forEach((name, value) -> assertSnsError("InvalidParameter", () -> set(topic, name, value)));
    // And nothing changed
    assertEquals("", attributes(topic).get("DisplayName"));
  }

  @Test
  void fifoOnlyAttributesAreRejectedOnStandardTopics() {
    // Given a standard topic
    String topic = topic("standard");

    // When FIFO attributes are set on it
    // Then each answers InvalidParameter
    assertSnsError("InvalidParameter", () -> set(topic, "ContentBasedDeduplication", "true"));
    assertSnsError("InvalidParameter", () -> set(topic, "FifoThroughputScope", "MessageGroup"));
    assertSnsError("InvalidParameter", () -> set(topic, "ArchivePolicy", "{\"MessageRetentionPeriod\":\"7\"}"));
    assertSnsError("InvalidParameter", () -> sns().createTopic(b -> b.name(io.sluice.testing.TestSluice
        .uniqueName("cbd")).attributes(Map.of("ContentBasedDeduplication", "true"))));
  }

  @Test
  void fifoTopicsShowAndChangeTheirOwnAttributes() {
    // Given a FIFO topic
    String topic = fifoTopic("fifo-attrs", Map.of());
    Map<String, String> before = attributes(topic);

    // When content-based deduplication, the throughput scope and an archive policy are set
    set(topic, "ContentBasedDeduplication", "true");
    set(topic, "FifoThroughputScope", "MessageGroup");
    set(topic, "ArchivePolicy", "{\"MessageRetentionPeriod\":\"7\"}");
    Map<String, String> after = attributes(topic);

    // Then the topic showed FifoTopic and no deduplication before, and the new values after
    assertEquals("true", before.get("FifoTopic"));
    assertEquals("false", before.get("ContentBasedDeduplication"));
    assertEquals("true", after.get("ContentBasedDeduplication"));
    assertEquals("MessageGroup", after.get("FifoThroughputScope"));
    assertEquals(7, json(after.get("ArchivePolicy")).path("MessageRetentionPeriod").asInt());
    // And invalid FIFO values are rejected
    assertSnsError("InvalidParameter", () -> set(topic, "ContentBasedDeduplication", "maybe"));
    assertSnsError("InvalidParameter", () -> set(topic, "FifoThroughputScope", "Queue"));
    assertSnsError("InvalidParameter", () -> set(topic, "ArchivePolicy", "{\"MessageRetentionPeriod\":\"366\"}"));
  }

  @Test
  void fifoTopicCannotChange() {
    // Given a standard and a FIFO topic
    String standard = topic("stays-standard");
    String fifo = fifoTopic("stays-fifo", Map.of());

    // When FifoTopic is set on either
    // Then InvalidParameter, and both stay what they were
    assertSnsError("InvalidParameter", () -> set(standard, "FifoTopic", "true"));
    assertSnsError("InvalidParameter", () -> set(fifo, "FifoTopic", "false"));
    assertFalse(attributes(standard).containsKey("FifoTopic"));
    assertEquals("true", attributes(fifo).get("FifoTopic"));
  }

  @Test
  void anEmptyDeliveryPolicyRestoresTheDefault() {
    // Given a topic with a delivery policy
    String topic = topic("reset");
    set(topic, "DeliveryPolicy", DELIVERY_POLICY);

    // When the policy is set to the empty string
    set(topic, "DeliveryPolicy", "");

    // Then the effective policy is the default again
    JsonNode retry = json(attributes(topic).get("EffectiveDeliveryPolicy")).path("http")
        .path("defaultHealthyRetryPolicy");
    assertEquals(3, retry.path("numRetries").asInt());
  }

  @Test
  void attributesOfAMissingTopicAreNotFound() {
    // Given a topic ARN that names no topic
    String missing = topic("missing") + "-not-there";

    // When its attributes are read or set
    // Then NotFound
    assertSnsError("NotFound", () -> attributes(missing));
    assertSnsError("NotFound", () -> set(missing, "DisplayName", "x"));
  }

  @Test
  void aDisplayNameSetAtCreationIsShown() {
    // Given a topic created with a display name and signature version 2
    String topic = topic("created", Map.of("DisplayName", "From creation", "SignatureVersion", "2"));

    // When its attributes are read
    Map<String, String> a = attributes(topic);

    // Then both are shown
    assertEquals("From creation", a.get("DisplayName"));
    assertEquals("2", a.get("SignatureVersion"));
    assertTrue(a.containsKey("EffectiveDeliveryPolicy"));
  }
}
