package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.testing.MemorySqs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TagQueue, UntagQueue and ListQueueTags on the in-memory store. */
class TagQueueTest {
  private final MemorySqs sqs = new MemorySqs();
  private final String url = sqs.createQueue("orders", Map.of());

  private void tag(Map<String, String> tags) {
    sqs.call(TagQueue::new, new TagQueue.Request(url, tags));
  }

  private Map<String, String> tags() {
    return sqs.call(ListQueueTags::new, new ListQueueTags.Request(url)).tags();
  }

  @Test
  void tagsAreAddedReplacedAndRemoved() {
    // Given two tags
    tag(Map.of("team", "billing", "env", "test"));

    // When one is given a new value and a third is added, Then the queue has all three
    tag(Map.of("env", "prod", "tier", "1"));
    assertEquals(Map.of("team", "billing", "env", "prod", "tier", "1"), tags());

    // When two are removed, one of them unknown, Then the others stay
    sqs.call(UntagQueue::new, new UntagQueue.Request(url, List.of("tier", "never-set")));
    assertEquals(Map.of("team", "billing", "env", "prod"), tags());
  }

  @Test
  void aQueueWithoutTagsListsNone() {
    assertNull(tags());
  }

  @Test
  void aQueueTakesAtMostFiftyTags() {
    // Given a queue with 49 tags
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }
    tag(many);

    // Then one more is allowed, and two more are InvalidParameterValue and change nothing
    tag(Map.of("k49", "v"));
    assertEquals("InvalidParameterValue", sqs.errorCode(TagQueue::new, new TagQueue.Request(url,
        Map.of("k50", "v", "k51", "v"))));
    assertEquals(50, tags().size());
  }

  @Test
  void badTagsAreRefused() {
    assertEquals("InvalidParameterValue", sqs.errorCode(TagQueue::new, new TagQueue.Request(url,
        Map.of("aws:reserved", "v"))));
    assertEquals("InvalidParameterValue", sqs.errorCode(TagQueue::new, new TagQueue.Request(url,
        Map.of("k", "x".repeat(257)))));
    assertEquals("InvalidParameterValue", sqs.errorCode(TagQueue::new, new TagQueue.Request(url,
        Map.of("semi;colon", "v"))));
    assertEquals("MissingParameter", sqs.errorCode(TagQueue::new, new TagQueue.Request(url, Map.of())));
    assertEquals("MissingParameter", sqs.errorCode(UntagQueue::new, new UntagQueue.Request(url, List.of())));
    assertEquals("QueueDoesNotExist", sqs.errorCode(TagQueue::new, new TagQueue.Request(MemorySqs.urlOf("nope"),
        Map.of("k", "v"))));
  }
}
