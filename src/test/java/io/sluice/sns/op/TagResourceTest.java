package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.sns.model.Tag;
import io.sluice.testing.MemorySns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** TagResource, UntagResource and ListTagsForResource on the in-memory store. */
class TagResourceTest {
  private final MemorySns sns = new MemorySns();
  private final String topic = sns.createTopic("orders", Map.of());

  private void tag(List<Tag> tags) {
    sns.call(TagResource::new, new TagResource.Request(topic, tags));
  }

  private List<Tag> tags() {
    return sns.call(ListTagsForResource::new, new ListTagsForResource.Request(topic)).tags();
  }

  @Test
  void tagsAreAddedReplacedAndRemoved() {
    // Given two tags
    tag(List.of(new Tag("team", "billing"), new Tag("env", "test")));

    // When one is given a new value, Then it is replaced
    tag(List.of(new Tag("env", "prod")));
    assertEquals(Map.of("team", "billing", "env", "prod"), asMap(tags()));

    // When two keys are removed, one of them unknown, Then the other tag stays
    sns.call(UntagResource::new, new UntagResource.Request(topic, List.of("env", "never-set")));
    assertEquals(List.of(new Tag("team", "billing")), tags());
  }

  @Test
  void aTopicTakesAtMostFiftyTags() {
    // Given 50 tags
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(new Tag("k" + i, "v"));
    }
    tag(fifty);

    // Then replacing one is fine, and one more is TagLimitExceeded
    tag(List.of(new Tag("k0", "w")));
    assertEquals("TagLimitExceeded", sns.errorCode(TagResource::new,
        new TagResource.Request(topic, List.of(new Tag("k50", "v")))));
    assertEquals(50, tags().size());
  }

  @Test
  void aMissingTopicIsResourceNotFoundAndAnArnThatIsNoTopicInvalidParameter() {
    assertEquals("ResourceNotFound", sns.errorCode(ListTagsForResource::new,
        new ListTagsForResource.Request(MemorySns.topicArn("nope"))));
    assertEquals("ResourceNotFound", sns.errorCode(TagResource::new,
        new TagResource.Request(MemorySns.topicArn("nope"), List.of(new Tag("k", "v")))));
    assertEquals("InvalidParameter", sns.errorCode(TagResource::new,
        new TagResource.Request(MemorySns.queueArn("q"), List.of(new Tag("k", "v")))));
    assertEquals("InvalidParameter", sns.errorCode(TagResource::new,
        new TagResource.Request(topic, List.of(new Tag("aws:reserved", "v")))));
  }

  private static Map<String, String> asMap(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
