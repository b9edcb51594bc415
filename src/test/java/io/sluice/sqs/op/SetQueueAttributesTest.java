package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SetQueueAttributes on the in-memory store with a manual clock. */
class SetQueueAttributesTest {
  private static final String DLQ_POLICY =
      "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":5}";

  private final MemorySqs sqs = new MemorySqs();
  private final String url = sqs.createQueue("orders", Map.of());

  private void set(Map<String, String> attributes) {
    sqs.call(SetQueueAttributes::new, new SetQueueAttributes.Request(url, attributes));
  }

  private String setError(Map<String, String> attributes) {
    return sqs.errorCode(SetQueueAttributes::new, new SetQueueAttributes.Request(url, attributes));
  }

  private String get(String name) {
    Map<String, String> attributes = sqs.call(GetQueueAttributes::new,
        new GetQueueAttributes.Request(url, List.of(name))).attributes();
    return attributes == null ? null : attributes.get(name);
  }

  @Test
  void aNewVisibilityTimeoutAppliesToTheNextReceiveAndMovesLastModified() {
    // Given a queue created a minute ago
    sqs.clock().advanceSeconds(60);

    // When its visibility timeout is set to 5 s
    set(Map.of("VisibilityTimeout", "5"));

    // Then LastModifiedTimestamp is now, and a received message is visible again 5 s later
    assertEquals(Long.toString(sqs.clock().millis() / 1000), get("LastModifiedTimestamp"));
    sqs.send(url, "hello");
    sqs.receive(url, 1);
    sqs.clock().advanceSeconds(5);
    assertEquals(1, sqs.receive(url, 1).size());
  }

  @Test
  void nothingChangesWhenOneValueIsBad() {
    // When a valid and an invalid value are set together, Then InvalidAttributeValue and neither is set
    assertEquals("InvalidAttributeValue", setError(Map.of("DelaySeconds", "10", "VisibilityTimeout", "-1")));
    assertEquals("0", get("DelaySeconds"));
  }

  @Test
  void namesTheQueueCannotTakeAreInvalidAttributeName() {
    assertEquals("InvalidAttributeName", setError(Map.of("FifoQueue", "true")));
    assertEquals("InvalidAttributeName", setError(Map.of("ContentBasedDeduplication", "true")));
    assertEquals("InvalidAttributeName", setError(Map.of("QueueArn", "arn")));
    assertEquals("MissingParameter", setError(Map.of()));
  }

  @Test
  void fifoAttributesChangeOnAFifoQueueWithinTheirRules() {
    // Given a FIFO queue
    String fifo = sqs.createFifoQueue("orders.fifo", Map.of());

    // Then content-based deduplication can be switched on, but perMessageGroupId throughput needs messageGroup scope
    sqs.call(SetQueueAttributes::new, new SetQueueAttributes.Request(fifo, Map.of("ContentBasedDeduplication",
        "true")));
    assertEquals("InvalidAttributeValue", sqs.errorCode(SetQueueAttributes::new, new SetQueueAttributes.Request(fifo,
        Map.of("FifoThroughputLimit", "perMessageGroupId"))));
    sqs.call(SetQueueAttributes::new, new SetQueueAttributes.Request(fifo, Map.of("FifoThroughputLimit",
        "perMessageGroupId", "DeduplicationScope", "messageGroup")));
  }

  @Test
  void aRedrivePolicyIsSetNormalisedAndRemovedWithAnEmptyValue() {
    // Given a dead-letter queue
    sqs.createQueue("dlq", Map.of());

    // When a RedrivePolicy naming it is set, Then it is answered as set
    set(Map.of("RedrivePolicy", DLQ_POLICY));
    assertEquals(DLQ_POLICY, get("RedrivePolicy"));
    assertEquals(List.of("http://localhost/000000000000/orders"), sqs.call(ListDeadLetterSourceQueues::new,
        new ListDeadLetterSourceQueues.Request(MemorySqs.urlOf("dlq"), null, null)).queueUrls());

    // When it is set to empty, Then the queue has none
    set(Map.of("RedrivePolicy", ""));
    assertNull(get("RedrivePolicy"));
  }

  @Test
  void aRedrivePolicyToAMissingQueueOrADenyingOneIsRefused() {
    // Given a dead-letter queue that admits no source
    sqs.createQueue("dlq", Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}"));

    // Then naming it, or a queue that does not exist, is InvalidParameterValue
    assertEquals("InvalidParameterValue", setError(Map.of("RedrivePolicy", DLQ_POLICY)));
    assertEquals("InvalidParameterValue", setError(Map.of("RedrivePolicy", DLQ_POLICY.replace(":dlq", ":nope"))));
    assertEquals("InvalidParameterValue", setError(Map.of("RedrivePolicy",
        DLQ_POLICY.replace("5}", "0}"))));
  }

  @Test
  void aKmsKeySwitchesSqsManagedEncryptionOffAndBack() {
    // When a KMS key is set, Then SSE-SQS is off and the data key reuse period has its default
    set(Map.of("KmsMasterKeyId", "alias/aws/sqs"));
    assertEquals("false", get("SqsManagedSseEnabled"));
    assertEquals("300", get("KmsDataKeyReusePeriodSeconds"));

    // When SSE-SQS is switched on again, Then the key is gone
    set(Map.of("SqsManagedSseEnabled", "true"));
    assertNull(get("KmsMasterKeyId"));
  }

  @Test
  void aChangeIsSeenAtOnceDespiteTheAttributeCache() {
    // Given a queue whose attributes this node has just read (and cached)
    assertEquals("0", get("DelaySeconds"));

    // When its delay is changed, Then a message sent right after is delayed
    set(Map.of("DelaySeconds", "30"));
    sqs.send(url, "delayed");
    assertEquals(List.of(), sqs.receive(url, 10));
  }
}
