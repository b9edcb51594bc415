package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.MemorySns;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GetTopicAttributes and SetTopicAttributes on the in-memory store. */
class TopicAttributesTest {
  private final MemorySns sns = new MemorySns();
  private final String arn = sns.createTopic("orders", Map.of());

  private Map<String, String> attributes() {
    return sns.call(GetTopicAttributes::new, new GetTopicAttributes.Request(arn)).attributes();
  }

  private void set(String name, String value) {
    sns.call(SetTopicAttributes::new, new SetTopicAttributes.Request(arn, name, value));
  }

  private String setError(String topicArn, String name, String value) {
    return sns.errorCode(SetTopicAttributes::new, new SetTopicAttributes.Request(topicArn, name, value));
  }

  @Test
  void aNewTopicShowsItsOwnerTheDefaultPolicyAndNoSubscriptions() {
    Map<String, String> attributes = attributes();
    assertEquals(arn, attributes.get("TopicArn"));
    assertEquals(MemorySns.ACCOUNT, attributes.get("Owner"));
    assertEquals("", attributes.get("DisplayName"));
    assertEquals("0", attributes.get("SubscriptionsConfirmed"));
    assertEquals("0", attributes.get("SubscriptionsPending"));
    assertTrue(attributes.get("Policy").contains("\"Resource\":\"" + arn + "\""), attributes.get("Policy"));
    assertTrue(attributes.containsKey("EffectiveDeliveryPolicy"));
    assertNull(attributes.get("FifoTopic"));
  }

  @Test
  void subscriptionCountsSeparatePendingFromConfirmed() {
    // Given a confirmed queue subscription and a pending https one
    sns.subscribe(arn, "sqs", MemorySns.queueArn("q"), null);
    sns.subscribe(arn, "https", "https://example.com/hook", null);

    // Then one of each is counted
    assertEquals("1", attributes().get("SubscriptionsConfirmed"));
    assertEquals("1", attributes().get("SubscriptionsPending"));
  }

  @Test
  void anAttributeIsSetAndAnEmptyValueRemovesIt() {
    // When a delivery policy and a display name are set, Then they are shown
    set("DisplayName", "Orders");
    set("DeliveryPolicy",
        "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":20,\"numRetries\":5}}}");
    assertEquals("Orders", attributes().get("DisplayName"));
    assertTrue(attributes().containsKey("DeliveryPolicy"));

    // When the delivery policy is set empty, Then it is gone
    set("DeliveryPolicy", "");
    assertNull(attributes().get("DeliveryPolicy"));
  }

  @Test
  void theTypeOfATopicCannotChangeAndUnknownNamesAreRefused() {
    assertEquals("InvalidParameter", setError(arn, "FifoTopic", "true"));
    assertEquals("InvalidParameter", setError(arn, "Colour", "blue"));
    assertEquals("InvalidParameter", setError(arn, "", "x"));
    assertEquals("InvalidParameter", setError(arn, "DeliveryPolicy", "{\"http\":"));
  }

  @Test
  void aMissingTopicIsNotFoundAndAMalformedArnInvalidParameter() {
    assertEquals("NotFound", sns.errorCode(GetTopicAttributes::new,
        new GetTopicAttributes.Request(MemorySns.topicArn("nope"))));
    assertEquals("NotFound", setError(MemorySns.topicArn("nope"), "DisplayName", "x"));
    assertEquals("InvalidParameter", sns.errorCode(GetTopicAttributes::new, new GetTopicAttributes.Request("orders")));
    assertEquals("InvalidParameter", sns.errorCode(GetTopicAttributes::new,
        new GetTopicAttributes.Request("arn:aws:sns:eu-west-1:000000000000:orders")));
  }
}
