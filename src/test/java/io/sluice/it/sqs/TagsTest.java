package io.sluice.it.sqs;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** TagQueue, UntagQueue, ListQueueTags and CreateQueue tags through the AWS SDK v2, on each engine. */
@ParameterizedClass
@EnumSource(Engine.class)
class TagsTest {
  @Parameter
  Engine engine;

  private SqsClient sqs() {
    return TestSluice.shared(engine).sqs();
  }

  private String create(Map<String, String> tags) {
    return sqs().createQueue(b -> b.queueName(TestSluice.uniqueName("tags")).tags(tags)).queueUrl();
  }

  private Map<String, String> tags(String url) {
    return sqs().listQueueTags(b -> b.queueUrl(url)).tags();
  }

  private static Map<String, String> numbered(int count) {
    Map<String, String> tags = new HashMap<>();
    for (int i = 0; i < count; i++) {
      tags.put("k" + i, "v" + i);
    }
    return tags;
  }

  @Test
  void tagsGivenAtCreationAreListed() {
    // Given a queue created with tags, one with an empty value
    String url = create(Map.of("team", "payments", "cost-centre", "", "Ünïcode key", "välue +=.:/@_-"));

    // When its tags are listed
    // Then they are all there
    assertEquals(Map.of("team", "payments", "cost-centre", "", "Ünïcode key", "välue +=.:/@_-"), tags(url));
  }

  @Test
  void aQueueWithoutTagsListsNone() {
    assertTrue(tags(create(Map.of())).isEmpty());
  }

  @Test
  void taggingAddsAndOverwritesAndUntaggingRemoves() {
    // Given a tagged queue
    String url = create(Map.of("a", "1", "b", "2"));

    // When a tag is overwritten and another added, then one removed along with an absent key
    sqs().tagQueue(b -> b.queueUrl(url).tags(Map.of("b", "20", "c", "3")));
    Map<String, String> afterTag = tags(url);
    sqs().untagQueue(b -> b.queueUrl(url).tagKeys("a", "absent"));

    // Then the tags follow each change
    assertEquals(Map.of("a", "1", "b", "20", "c", "3"), afterTag);
    assertEquals(Map.of("b", "20", "c", "3"), tags(url));
  }

  @Test
  void tagsAreCaseSensitive() {
    String url = create(Map.of("Env", "Prod"));
    sqs().tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "prod")));
    assertEquals(Map.of("Env", "Prod", "env", "prod"), tags(url));
  }

  @Test
  void aQueueHoldsAtMostFiftyTags() {
    // Given a queue with 50 tags
    String url = create(numbered(50));

    // When one more is added, or a queue is created with 51
    // Then InvalidParameterValue; the tagged queue keeps its 50, overwriting one still works
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().tagQueue(b -> b.queueUrl(url).tags(Map.of("k50", "x")))));
    String name = TestSluice.uniqueName("tags");
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().createQueue(b -> b.queueName(name).tags(numbered(51)))));
    assertThrows(QueueDoesNotExistException.class, () -> sqs().getQueueUrl(b -> b.queueName(name)));
    assertEquals(numbered(50), tags(url));
    sqs().tagQueue(b -> b.queueUrl(url).tags(Map.of("k0", "new")));
    assertEquals("new", tags(url).get("k0"));
  }

  @Test
  void malformedTagsAreRejectedAndChangeNothing() {
    // Given a tagged queue
    String url = create(Map.of("keep", "me"));

    // When each malformed tag is added alongside a good one
    List<Map<String, String>> bad = List.of(
        Map.of("k".repeat(129), "v"),
        Map.of("k", "v".repeat(257)),
        Map.of("aws:reserved", "v"),
        Map.of("k", "aws:reserved"),
        Map.of("semi;colon", "v"),
        Map.of("k", "<angle>"),
        Map.of("", "v"));
    for (Map<String, String> tag : bad) {
      Map<String, String> request = new HashMap<>(tag);
      request.put("good", "tag");
      // Then InvalidParameterValue, and the tags are as they were
      assertEquals("InvalidParameterValue", codeOf(() -> sqs().tagQueue(b -> b.queueUrl(url).tags(request))),
          tag.toString());
    }
    assertEquals(Map.of("keep", "me"), tags(url));
  }

  @Test
  void longestKeysAndValuesAreAccepted() {
    String url = create(Map.of("k".repeat(128), "v".repeat(256)));
    assertEquals(Map.of("k".repeat(128), "v".repeat(256)), tags(url));
  }

  @Test
  void taggingWithoutTagsOrUntaggingWithoutKeysIsRejected() {
    String url = create(Map.of("keep", "me"));
    assertEquals("MissingParameter", codeOf(() -> sqs().tagQueue(b -> b.queueUrl(url))));
    assertEquals("MissingParameter", codeOf(() -> sqs().tagQueue(b -> b.queueUrl(url).tags(Map.of()))));
    assertEquals("MissingParameter", codeOf(() -> sqs().untagQueue(b -> b.queueUrl(url))));
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().untagQueue(b -> b.queueUrl(url).tagKeys("k".repeat(129)))));
    assertEquals(Map.of("keep", "me"), tags(url));
  }
}
