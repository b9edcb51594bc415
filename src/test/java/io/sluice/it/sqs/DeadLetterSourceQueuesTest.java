package io.sluice.it.sqs;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesResponse;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** ListDeadLetterSourceQueues through the AWS SDK v2, on each engine. */
@ParameterizedClass
@EnumSource(Engine.class)
class DeadLetterSourceQueuesTest {
  @Parameter
  Engine engine;

  private SqsClient sqs() {
    return TestSluice.shared(engine).sqs();
  }

  private String create(String name) {
    return sqs().createQueue(b -> b.queueName(name)).queueUrl();
  }

  private static String arnOf(String url) {
    return "arn:aws:sqs:us-east-1:000000000000:" + url.substring(url.lastIndexOf('/') + 1);
  }

  private void redrive(String source, String dlq) {
    String policy = "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":3}";
    sqs().setQueueAttributes(b -> b.queueUrl(source).attributesWithStrings(Map.of("RedrivePolicy", policy)));
  }

  @Test
  void queuesRedrivingToTheDeadLetterQueueAreListedByName() {
    // Given a dead-letter queue, two sources (one created with the policy), and a queue redriving elsewhere
    String prefix = TestSluice.uniqueName("dlsq");
    String dlq = create(prefix + "-dlq");
    String elsewhere = create(prefix + "-other-dlq");
    String b = create(prefix + "-b");
    redrive(b, dlq);
    String a = sqs().createQueue(r -> r.queueName(prefix + "-a").attributesWithStrings(Map.of("RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":5}"))).queueUrl();
    redrive(create(prefix + "-c"), elsewhere);

    // When the dead-letter queue's sources are listed
    ListDeadLetterSourceQueuesResponse got = sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq));

    // Then exactly its two sources come back, sorted by name, without a token
    assertEquals(List.of(a, b), got.queueUrls());
    assertNull(got.nextToken());
  }

  @Test
  void aQueueWithoutSourcesListsNone() {
    String dlq = create(TestSluice.uniqueName("dlsq"));
    ListDeadLetterSourceQueuesResponse got = sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq));
    assertTrue(got.hasQueueUrls());
    assertTrue(got.queueUrls().isEmpty());
  }

  @Test
  void removedPoliciesAndDeletedSourcesAreNotListed() {
    // Given a dead-letter queue with three sources
    String prefix = TestSluice.uniqueName("dlsq");
    String dlq = create(prefix + "-dlq");
    String kept = create(prefix + "-kept");
    String cleared = create(prefix + "-cleared");
    String deleted = create(prefix + "-deleted");
    List.of(kept, cleared, deleted).forEach(s -> redrive(s, dlq));

    // When one source drops its policy and another is deleted
    sqs().setQueueAttributes(r -> r.queueUrl(cleared).attributesWithStrings(Map.of("RedrivePolicy", "")));
    sqs().deleteQueue(r -> r.queueUrl(deleted));

    // Then only the remaining source is listed
    assertEquals(List.of(kept), sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls());
  }

  @Test
  void maxResultsPagesThroughEverySourceOnce() {
    // Given a dead-letter queue with five sources
    String prefix = TestSluice.uniqueName("dlsq");
    String dlq = create(prefix + "-dlq");
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String source = create(prefix + "-src-" + i);
      redrive(source, dlq);
      sources.add(source);
    }

    // When they are listed two at a time, following NextToken
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String token = null;
    do {
      String current = token;
      ListDeadLetterSourceQueuesResponse page = sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq).maxResults(2)
          .nextToken(current));
      seen.addAll(page.queueUrls());
      sizes.add(page.queueUrls().size());
      token = page.nextToken();
    } while (token != null);

    // Then the pages hold 2, 2 and 1 sources, each once, in name order
    assertEquals(List.of(2, 2, 1), sizes);
    assertEquals(sources, seen);
  }

  @Test
  void badRequestsAreRejected() {
    // Given a dead-letter queue with a source, and a token for its listing
    String prefix = TestSluice.uniqueName("dlsq");
    String dlq = create(prefix + "-dlq");
    String other = create(prefix + "-other");
    redrive(create(prefix + "-s1"), dlq);
    redrive(create(prefix + "-s2"), dlq);
    String token = sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq).maxResults(1)).nextToken();

    // When the queue does not exist, MaxResults is out of range, or the token belongs to another queue
    // Then QueueDoesNotExist or InvalidParameterValue
    assertThrows(QueueDoesNotExistException.class,
        () -> sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq + "-missing")));
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq).maxResults(0))));
    assertEquals("InvalidParameterValue",
        codeOf(() -> sqs().listDeadLetterSourceQueues(r -> r.queueUrl(dlq).maxResults(1001))));
    assertEquals("InvalidParameterValue",
        codeOf(() -> sqs().listDeadLetterSourceQueues(r -> r.queueUrl(other).maxResults(1).nextToken(token))));
  }
}
