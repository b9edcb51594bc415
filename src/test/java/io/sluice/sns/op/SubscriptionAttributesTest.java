package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.MemorySns;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GetSubscriptionAttributes and SetSubscriptionAttributes on the in-memory store. */
class SubscriptionAttributesTest {
  private static final String RETAIL = "{\"kind\":[\"retail\"]}";

  private final MemorySns sns = new MemorySns();
  private final String topic = sns.createTopic("orders", Map.of());
  private final String queueSubscription = sns.subscribe(topic, "sqs", MemorySns.queueArn("q"), null);

  private Map<String, String> attributes(String arn) {
    return sns.call(GetSubscriptionAttributes::new, new GetSubscriptionAttributes.Request(arn)).attributes();
  }

  private void set(String name, String value) {
    sns.call(SetSubscriptionAttributes::new, new SetSubscriptionAttributes.Request(queueSubscription, name, value));
  }

  private String setError(String arn, String name, String value) {
    return sns.errorCode(SetSubscriptionAttributes::new, new SetSubscriptionAttributes.Request(arn, name, value));
  }

  @Test
  void aSubscriptionShowsWhatItIsAndItsDefaults() {
    Map<String, String> attributes = attributes(queueSubscription);
    assertEquals(queueSubscription, attributes.get("SubscriptionArn"));
    assertEquals(topic, attributes.get("TopicArn"));
    assertEquals(MemorySns.ACCOUNT, attributes.get("Owner"));
    assertEquals("sqs", attributes.get("Protocol"));
    assertEquals(MemorySns.queueArn("q"), attributes.get("Endpoint"));
    assertEquals("false", attributes.get("PendingConfirmation"));
    // Made by a signed call and needing no confirmation, as AWS shows it.
    assertEquals("true", attributes.get("ConfirmationWasAuthenticated"));
    assertEquals("false", attributes.get("RawMessageDelivery"));
    assertNull(attributes.get("EffectiveDeliveryPolicy"));
  }

  @Test
  void anHttpsSubscriptionShowsItsEffectiveDeliveryPolicy() {
    sns.subscribe(topic, "https", "https://example.com/hook", null);
    String arn = sns.subscription(topic, "https://example.com/hook").arn();
    assertTrue(attributes(arn).containsKey("EffectiveDeliveryPolicy"));
  }

  @Test
  void aFilterPolicyIsSetWithItsDefaultScopeAndRemovedWithAnEmptyValue() {
    // When a filter policy is set, Then it is shown with the MessageAttributes scope
    set("FilterPolicy", RETAIL);
    assertEquals(RETAIL, attributes(queueSubscription).get("FilterPolicy"));
    assertEquals("MessageAttributes", attributes(queueSubscription).get("FilterPolicyScope"));

    // When it is set empty, Then neither is shown
    set("FilterPolicy", "");
    assertNull(attributes(queueSubscription).get("FilterPolicy"));
    assertNull(attributes(queueSubscription).get("FilterPolicyScope"));
  }

  @Test
  void aNestedFilterPolicyNeedsTheMessageBodyScope() {
    // Given a policy on the message body with nested keys
    set("FilterPolicyScope", "MessageBody");
    set("FilterPolicy", "{\"order\":{\"kind\":[\"retail\"]}}");

    // When the scope is set back to message attributes, Then InvalidParameter and the scope stays
    assertEquals("InvalidParameter", setError(queueSubscription, "FilterPolicyScope", "MessageAttributes"));
    assertEquals("MessageBody", attributes(queueSubscription).get("FilterPolicyScope"));
  }

  @Test
  void valuesAreValidatedForTheProtocol() {
    assertEquals("InvalidParameter", setError(queueSubscription, "FilterPolicy", "[1,2]"));
    assertEquals("InvalidParameter", setError(queueSubscription, "FilterPolicyScope", "Headers"));
    assertEquals("InvalidParameter", setError(queueSubscription, "RawMessageDelivery", "yes"));
    assertEquals("InvalidParameter", setError(queueSubscription, "DeliveryPolicy", "{}"));
    assertEquals("InvalidParameter", setError(queueSubscription, "ReplayPolicy", "{}"));
    assertEquals("InvalidParameter", setError(queueSubscription, "SubscriptionRoleArn", "role"));
    assertEquals("InvalidParameter", setError(queueSubscription, "Colour", "blue"));
    assertEquals("InvalidParameter", setError(queueSubscription, "", "x"));
  }

  @Test
  void rawDeliveryAndADeadLetterQueueAreSet() {
    set("RawMessageDelivery", "true");
    set("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + MemorySns.queueArn("dlq") + "\"}");
    Map<String, String> attributes = attributes(queueSubscription);
    assertEquals("true", attributes.get("RawMessageDelivery"));
    assertTrue(attributes.get("RedrivePolicy").contains(MemorySns.queueArn("dlq")));
  }

  @Test
  void aMissingSubscriptionIsNotFoundAndAMalformedArnInvalidParameter() {
    String missing = topic + ":0f2e4bd1-8b4b-4b2f-9a37-1d3c5b0e8f00";
    assertEquals("NotFound", sns.errorCode(GetSubscriptionAttributes::new,
        new GetSubscriptionAttributes.Request(missing)));
    assertEquals("NotFound", setError(missing, "RawMessageDelivery", "true"));
    assertEquals("InvalidParameter", sns.errorCode(GetSubscriptionAttributes::new,
        new GetSubscriptionAttributes.Request("not-an-arn")));
  }
}
