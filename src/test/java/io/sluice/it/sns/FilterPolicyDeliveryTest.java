package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.attribute;
import static io.sluice.it.sns.SnsTesting.stringAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Subscription filter policies through the SDK ("Amazon SNS message filtering"): on message
 * attributes and on the message body, a message that does not match is not delivered to that
 * subscription while others still get it.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class FilterPolicyDeliveryTest extends SharedSnsNodeTest {

  /** A raw queue subscription with {@code policy} in {@code scope}; answers the queue URL. */
  private String filtered(String topic, String policy, String scope) {
    String url = queue("filtered");
    subscribe(topic, url, Map.of("RawMessageDelivery", "true", "FilterPolicy", policy, "FilterPolicyScope", scope));
    return url;
  }

  private void publish(String topic, String message, Map<String, MessageAttributeValue> attributes) {
    sns().publish(b -> b.topicArn(topic).message(message).messageAttributes(attributes));
  }

  /** Every body delivered to the queue once {@code expected} arrived (nothing else may follow). */
  private List<String> bodies(String url, int expected) {
    List<String> got = receive(url, expected).stream().map(Message::body).sorted().toList();
    return got.size() == expected ? concat(got, remaining(url).stream().map(Message::body).toList()) : got;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  void anAttributePolicyLetsOnlyMatchingMessagesThrough() {
    // Given a topic with a filtered subscription and an unfiltered one
    String topic = topic("attr-filter");
    String filtered = filtered(topic, "{\"colour\":[\"red\",{\"prefix\":\"bl\"}],\"size\":[{\"numeric\":[\">\",10]}]}",
        "MessageAttributes");
    String all = subscribedQueue(topic, true);

    // When messages that match, miss one attribute, or have a wrong value are published
    publish(topic, "red-big", Map.of("colour", stringAttribute("red"), "size", attribute("Number", "11")));
    publish(topic, "blue-big", Map.of("colour", stringAttribute("blue"), "size", attribute("Number", "100")));
    publish(topic, "red-small", Map.of("colour", stringAttribute("red"), "size", attribute("Number", "10")));
    publish(topic, "green-big", Map.of("colour", stringAttribute("green"), "size", attribute("Number", "50")));
    publish(topic, "no-size", Map.of("colour", stringAttribute("red")));
    publish(topic, "nothing", Map.of());

    // Then the filtered queue gets only the two matches; the other gets all six
    assertEquals(List.of("blue-big", "red-big"), bodies(filtered, 2));
    assertEquals(6, receive(all, 6).size());
  }

  @Test
  void aStringArrayAttributeMatchesWhenAnyElementMatches() {
    // Given a subscription filtering on a value
    String topic = topic("array-filter");
    String url = filtered(topic, "{\"tags\":[\"urgent\"]}", "MessageAttributes");

    // When one message's String.Array holds that value and another's does not
    publish(topic, "has-it", Map.of("tags", attribute("String.Array", "[\"low\",\"urgent\"]")));
    publish(topic, "lacks-it", Map.of("tags", attribute("String.Array", "[\"low\",\"later\"]")));

    // Then only the first is delivered
    assertEquals(List.of("has-it"), bodies(url, 1));
  }

  @Test
  void aBodyPolicyMatchesTheJsonMessage() {
    // Given a subscription whose policy applies to the message body
    String topic = topic("body-filter");
    String url = filtered(topic, "{\"order\":{\"kind\":[\"express\"],\"total\":[{\"numeric\":[\">=\",100]}]}}",
        "MessageBody");

    // When JSON bodies that match, differ, or are no JSON at all are published (attributes play no part)
    publish(topic, "{\"order\":{\"kind\":\"express\",\"total\":150}}", Map.of());
    publish(topic, "{\"order\":{\"kind\":\"standard\",\"total\":150}}", Map.of("kind", stringAttribute("express")));
    publish(topic, "{\"order\":{\"kind\":\"express\",\"total\":5}}", Map.of());
    publish(topic, "not json at all", Map.of());

    // Then only the match is delivered
    assertEquals(List.of("{\"order\":{\"kind\":\"express\",\"total\":150}}"), bodies(url, 1));
  }

  @Test
  void anythingButAndExistsWorkThroughDelivery() {
    // Given a subscription that wants any colour but red, and no "internal" attribute
    String topic = topic("anything-but");
    String url = filtered(topic, "{\"colour\":[{\"anything-but\":[\"red\"]}],\"internal\":[{\"exists\":false}]}",
        "MessageAttributes");

    // When red, blue, and blue-but-internal messages are published
    publish(topic, "red", Map.of("colour", stringAttribute("red")));
    publish(topic, "blue", Map.of("colour", stringAttribute("blue")));
    publish(topic, "blue-internal", Map.of("colour", stringAttribute("blue"), "internal", stringAttribute("yes")));

    // Then only plain blue is delivered
    assertEquals(List.of("blue"), bodies(url, 1));
  }

  @Test
  void changingThePolicyAppliesToLaterMessages() {
    // Given a subscription filtering on colour red
    String topic = topic("changed");
    String url = queue("changed-q");
    String sub = subscribe(topic, url, Map.of("RawMessageDelivery", "true", "FilterPolicy", "{\"colour\":[\"red\"]}"));

    // When the policy is changed to blue, and the policy then removed
    sns().setSubscriptionAttributes(b -> b.subscriptionArn(sub).attributeName("FilterPolicy")
        .attributeValue("{\"colour\":[\"blue\"]}"));
    publish(topic, "red", Map.of("colour", stringAttribute("red")));
    publish(topic, "blue", Map.of("colour", stringAttribute("blue")));
    List<String> whileBlue = bodies(url, 1);
    sns().setSubscriptionAttributes(b -> b.subscriptionArn(sub).attributeName("FilterPolicy").attributeValue(""));
    publish(topic, "green", Map.of("colour", stringAttribute("green")));

    // Then blue passed under the new policy, and everything once it was removed
    assertEquals(List.of("blue"), whileBlue);
    assertEquals(List.of("green"), bodies(url, 1));
  }
}
