package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CreateQueue on the in-memory store with a manual clock. */
class CreateQueueTest {
  private final MemorySqs sqs = new MemorySqs();

  private String create(String name, Map<String, String> attributes) {
    return sqs.call(CreateQueue::new, new CreateQueue.Request(name, attributes, null)).queueUrl();
  }

  private String createError(String name, Map<String, String> attributes) {
    return sqs.errorCode(CreateQueue::new, new CreateQueue.Request(name, attributes, null));
  }

  private Map<String, String> attributes(String url) {
    return sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url, List.of("All"))).attributes();
  }

  @Test
  void aNewQueueHasAwsDefaultAttributesAndAUrlOnTheCalledHost() {
    // When a standard queue is created without attributes
    String url = create("orders", null);

    // Then its URL is on the host the caller used, and it has AWS's defaults
    assertEquals("http://localhost/000000000000/orders", url);
    Map<String, String> attributes = attributes(url);
    assertEquals("30", attributes.get("VisibilityTimeout"));
    assertEquals("345600", attributes.get("MessageRetentionPeriod"));
    assertEquals("1048576", attributes.get("MaximumMessageSize"));
    assertEquals("0", attributes.get("DelaySeconds"));
    assertEquals("0", attributes.get("ReceiveMessageWaitTimeSeconds"));
    assertEquals("true", attributes.get("SqsManagedSseEnabled"));
    assertEquals("arn:aws:sqs:us-east-1:000000000000:orders", attributes.get("QueueArn"));
    assertEquals(Long.toString(sqs.clock().millis() / 1000), attributes.get("CreatedTimestamp"));
    assertNull(attributes.get("FifoQueue"));
  }

  @Test
  void aFifoQueueHasTheFifoDefaults() {
    // When a FIFO queue is created
    String url = create("orders.fifo", Map.of("FifoQueue", "true"));

    // Then it has the FIFO attributes with their defaults
    Map<String, String> attributes = attributes(url);
    assertEquals("true", attributes.get("FifoQueue"));
    assertEquals("false", attributes.get("ContentBasedDeduplication"));
    assertEquals("queue", attributes.get("DeduplicationScope"));
    assertEquals("perQueue", attributes.get("FifoThroughputLimit"));
  }

  @Test
  void creatingAgainWithTheSameAttributesAnswersTheSameUrl() {
    // Given a queue created with a visibility timeout
    String url = create("orders", Map.of("VisibilityTimeout", "45"));

    // When it is created again with the same attribute, and with none
    // Then both answer its URL and the queue keeps its attribute
    assertEquals(url, create("orders", Map.of("VisibilityTimeout", "45")));
    assertEquals(url, create("orders", null));
    assertEquals("45", attributes(url).get("VisibilityTimeout"));
  }

  @Test
  void creatingAgainWithADifferentAttributeFailsWithQueueNameExists() {
    // Given a queue
    String url = create("orders", Map.of("VisibilityTimeout", "45"));

    // When it is created again with another value, Then QueueNameExists and nothing changes
    assertEquals("QueueNameExists", createError("orders", Map.of("VisibilityTimeout", "60")));
    assertEquals("45", attributes(url).get("VisibilityTimeout"));
  }

  @Test
  void creatingAgainWithADefaultGivenExplicitlyAnswersTheSameUrl() {
    // Given a queue created without attributes
    String url = create("orders", null);

    // When it is created again naming the default visibility timeout, Then the URL is answered
    assertEquals(url, create("orders", Map.of("VisibilityTimeout", "30")));
  }

  @Test
  void aNameDeletedLessThanSixtySecondsAgoIsQueueDeletedRecentlyUntilTheMinuteIsOver() {
    // Given a queue deleted now
    String url = create("orders", null);
    sqs.call(DeleteQueue::new, new DeleteQueue.Request(url));

    // When it is created again within the minute, Then QueueDeletedRecently
    sqs.clock().advanceSeconds(59);
    assertEquals("QueueDeletedRecently", createError("orders", null));

    // When the minute is over, Then it can be created again, empty and with its new attributes
    sqs.clock().advanceSeconds(1);
    assertEquals(url, create("orders", Map.of("DelaySeconds", "5")));
    assertEquals("5", attributes(url).get("DelaySeconds"));
    assertEquals("0", attributes(url).get("ApproximateNumberOfMessages"));
  }

  @Test
  void anotherNameIsNotHeldBackByADeletedQueue() {
    // Given a queue deleted now
    sqs.call(DeleteQueue::new, new DeleteQueue.Request(create("orders", null)));

    // When a queue of another name is created at once, Then it is
    assertEquals("http://localhost/000000000000/orders-2", create("orders-2", null));
  }

  @Test
  void attributeValuesOutsideTheirRangesAreInvalidAttributeValue() {
    assertEquals("InvalidAttributeValue", createError("q", Map.of("VisibilityTimeout", "43201")));
    assertEquals("InvalidAttributeValue", createError("q", Map.of("DelaySeconds", "901")));
    assertEquals("InvalidAttributeValue", createError("q", Map.of("MessageRetentionPeriod", "59")));
    assertEquals("InvalidAttributeValue", createError("q", Map.of("MaximumMessageSize", "1023")));
    assertEquals("InvalidAttributeValue", createError("q", Map.of("ReceiveMessageWaitTimeSeconds", "21")));
    assertEquals("InvalidAttributeValue", createError("q", Map.of("VisibilityTimeout", "soon")));
  }

  @Test
  void unknownAndFifoOnlyAttributesOnAStandardQueueAreInvalidAttributeName() {
    assertEquals("InvalidAttributeName", createError("q", Map.of("Colour", "blue")));
    assertEquals("InvalidAttributeName", createError("q", Map.of("ContentBasedDeduplication", "true")));
    // AWS rejects FifoQueue=false too: standard queues have no such attribute.
    assertEquals("InvalidAttributeName", createError("q", Map.of("FifoQueue", "false")));
  }

  @Test
  void queueNamesFollowAwsRules() {
    assertEquals("MissingParameter", createError("", null));
    assertEquals("InvalidParameterValue", createError("has space", null));
    assertEquals("InvalidParameterValue", createError("x".repeat(81), null));
    assertEquals("InvalidParameterValue", createError("orders", Map.of("FifoQueue", "true")));
    assertEquals("InvalidParameterValue", createError("orders.fifo", null));
  }

  @Test
  void aRedrivePolicyMustNameAnExistingDeadLetterQueueOfTheSameType() {
    // Given a standard dead-letter queue
    create("dlq", null);
    String standardDlq = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":3}";
    String missingDlq = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:nope\",\"maxReceiveCount\":3}";

    // Then a standard queue may use it, a FIFO queue may not, and a missing one is refused
    create("source", Map.of("RedrivePolicy", standardDlq));
    assertEquals("InvalidParameterValue", createError("source.fifo",
        Map.of("FifoQueue", "true", "RedrivePolicy", standardDlq)));
    assertEquals("InvalidParameterValue", createError("other", Map.of("RedrivePolicy", missingDlq)));
    assertEquals("InvalidParameterValue", createError("other", Map.of("RedrivePolicy", "{\"maxReceiveCount\":3}")));
  }

  @Test
  void tagsGivenAtCreationAreTheQueueTags() {
    // When a queue is created with tags
    String url = sqs.call(CreateQueue::new, new CreateQueue.Request("orders", null, Map.of("team", "billing")))
        .queueUrl();

    // Then ListQueueTags answers them
    assertEquals(Map.of("team", "billing"),
        sqs.call(ListQueueTags::new, new ListQueueTags.Request(url)).tags());
  }
}
