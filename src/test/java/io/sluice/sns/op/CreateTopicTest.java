package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.sns.model.Tag;
import io.sluice.testing.MemorySns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CreateTopic on the in-memory store: names, idempotence, attributes and tags. */
class CreateTopicTest {
  private final MemorySns sns = new MemorySns();

  private String create(String name, Map<String, String> attributes, List<Tag> tags) {
    return sns.call(CreateTopic::new, new CreateTopic.Request(name, attributes, tags, null)).topicArn();
  }

  private String error(String name, Map<String, String> attributes, List<Tag> tags) {
    return sns.errorCode(CreateTopic::new, new CreateTopic.Request(name, attributes, tags, null));
  }

  private Map<String, String> attributes(String arn) {
    return sns.call(GetTopicAttributes::new, new GetTopicAttributes.Request(arn)).attributes();
  }

  @Test
  void aTopicGetsAnArnOfTheCallersRegionAndAccount() {
    assertEquals("arn:aws:sns:us-east-1:000000000000:orders", create("orders", null, null));
  }

  @Test
  void creatingAgainAnswersTheSameArnWhenNothingDiffers() {
    // Given a topic with a display name and a tag
    String arn = create("orders", Map.of("DisplayName", "Orders"), List.of(new Tag("team", "billing")));

    // Then creating it with the same, or with nothing, answers its ARN and changes nothing
    assertEquals(arn, create("orders", Map.of("DisplayName", "Orders"), List.of(new Tag("team", "billing"))));
    assertEquals(arn, create("orders", null, null));
    assertEquals("Orders", attributes(arn).get("DisplayName"));
  }

  @Test
  void creatingAgainWithOtherAttributesOrTagsIsInvalidParameter() {
    // Given a topic with a display name and a tag
    create("orders", Map.of("DisplayName", "Orders"), List.of(new Tag("team", "billing")));

    // Then another display name, or other tags, are InvalidParameter
    assertEquals("InvalidParameter", error("orders", Map.of("DisplayName", "Other"), null));
    assertEquals("InvalidParameter", error("orders", null, List.of(new Tag("team", "sales"))));
  }

  @Test
  void namesFollowAwsRules() {
    assertEquals("InvalidParameter", error("", null, null));
    assertEquals("InvalidParameter", error("has space", null, null));
    assertEquals("InvalidParameter", error("x".repeat(257), null, null));
    assertEquals("InvalidParameter", error("orders.fifo", null, null));
    assertEquals("InvalidParameter", error("orders", Map.of("FifoTopic", "true"), null));
  }

  @Test
  void aFifoTopicShowsItsFifoDefaults() {
    // When a FIFO topic is created
    String arn = create("orders.fifo", Map.of("FifoTopic", "true"), null);

    // Then it shows FifoTopic and the defaults of the FIFO attributes
    Map<String, String> attributes = attributes(arn);
    assertEquals("true", attributes.get("FifoTopic"));
    assertEquals("false", attributes.get("ContentBasedDeduplication"));
    assertEquals("Topic", attributes.get("FifoThroughputScope"));
  }

  @Test
  void badAttributesAreInvalidParameter() {
    assertEquals("InvalidParameter", error("t", Map.of("Colour", "blue"), null));
    assertEquals("InvalidParameter", error("t", Map.of("ContentBasedDeduplication", "true"), null));
    assertEquals("InvalidParameter", error("t", Map.of("DisplayName", "x".repeat(101)), null));
    assertEquals("InvalidParameter", error("t", Map.of("Policy", "not json"), null));
    assertEquals("InvalidParameter", error("t", Map.of("SignatureVersion", "3"), null));
    assertEquals("InvalidParameter", error("t.fifo", Map.of("FifoTopic", "true", "TracingConfig", "Active"), null));
  }

  @Test
  void tagsAreCheckedAndLimitedToFifty() {
    List<Tag> fiftyOne = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      fiftyOne.add(new Tag("k" + i, "v"));
    }
    assertEquals("TagLimitExceeded", error("t", null, fiftyOne));
    assertEquals("InvalidParameter", error("t", null, List.of(new Tag("aws:reserved", "v"))));
    assertEquals("InvalidParameter", error("t", null, List.of(new Tag("", "v"))));
  }
}
