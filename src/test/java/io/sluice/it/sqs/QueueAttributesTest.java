package io.sluice.it.sqs;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** GetQueueAttributes and SetQueueAttributes through the AWS SDK v2, on each engine. */
@ParameterizedClass
@EnumSource(Engine.class)
class QueueAttributesTest {
  private static final Set<String> STANDARD_ALL = Set.of("QueueArn", "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp",
      "LastModifiedTimestamp", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds",
      "ReceiveMessageWaitTimeSeconds", "SqsManagedSseEnabled");

  @Parameter
  Engine engine;

  private SqsClient sqs() {
    return TestSluice.shared(engine).sqs();
  }

  private String create(String base, Map<String, String> attributes) {
    String name = TestSluice.uniqueName(base) + (attributes.containsKey("FifoQueue") ? ".fifo" : "");
    return sqs().createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
  }

  private static Map<String, String> all(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
  }

  private Map<String, String> all(String url) {
    return all(sqs(), url);
  }

  private void set(String url, Map<String, String> attributes) {
    sqs().setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(attributes));
  }

  private static String arnOf(String url) {
    return "arn:aws:sqs:us-east-1:000000000000:" + url.substring(url.lastIndexOf('/') + 1);
  }

  // ---- GetQueueAttributes -----------------------------------------------------------------------

  @Test
  void allAttributesOfANewStandardQueueAreAwsDefaults() {
    // Given a new standard queue
    long before = System.currentTimeMillis() / 1000;
    String url = create("attrs", Map.of());
    long after = System.currentTimeMillis() / 1000 + 1;

    // When all attributes are asked for
    Map<String, String> got = all(url);

    // Then exactly the standard attributes come back, with AWS's defaults and epoch-second timestamps
    assertEquals(STANDARD_ALL, got.keySet());
    assertEquals(arnOf(url), got.get("QueueArn"));
    assertEquals("30", got.get("VisibilityTimeout"));
    assertEquals("1048576", got.get("MaximumMessageSize"));
    assertEquals("345600", got.get("MessageRetentionPeriod"));
    assertEquals("0", got.get("DelaySeconds"));
    assertEquals("0", got.get("ReceiveMessageWaitTimeSeconds"));
    assertEquals("true", got.get("SqsManagedSseEnabled"));
    assertEquals("0", got.get("ApproximateNumberOfMessages"));
    long created = Long.parseLong(got.get("CreatedTimestamp"));
    assertTrue(created >= before && created <= after, "CreatedTimestamp in seconds: " + created);
    assertEquals(got.get("CreatedTimestamp"), got.get("LastModifiedTimestamp"));
  }

  @Test
  void allAttributesOfAFifoQueueIncludeTheFifoOnes() {
    // Given a FIFO queue
    String url = create("attrs", Map.of("FifoQueue", "true"));

    // When all attributes are asked for
    Map<String, String> got = all(url);

    // Then the FIFO attributes come with their defaults
    assertTrue(got.keySet().containsAll(STANDARD_ALL));
    assertEquals("true", got.get("FifoQueue"));
    assertEquals("false", got.get("ContentBasedDeduplication"));
    assertEquals("queue", got.get("DeduplicationScope"));
    assertEquals("perQueue", got.get("FifoThroughputLimit"));
    assertEquals(STANDARD_ALL.size() + 4, got.size());
  }

  @Test
  void onlyTheNamedAttributesAreAnswered() {
    // Given a queue
    String url = create("attrs", Map.of("DelaySeconds", "5"));

    // When two attributes are named, or none
    Map<String, String> named = sqs().getQueueAttributes(b -> b.queueUrl(url)
        .attributeNames(QueueAttributeName.DELAY_SECONDS, QueueAttributeName.QUEUE_ARN)).attributesAsStrings();
    Map<String, String> none = sqs().getQueueAttributes(b -> b.queueUrl(url)).attributesAsStrings();

    // Then exactly those come back, and nothing for none
    assertEquals(Map.of("DelaySeconds", "5", "QueueArn", arnOf(url)), named);
    assertTrue(none.isEmpty());
  }

  @Test
  void attributesThatDoNotApplyToTheQueueAreNotAnswered() {
    // Given a standard queue without policies or KMS
    String url = create("attrs", Map.of());

    // When FIFO, policy and KMS attributes are named
    Map<String, String> got = sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
        QueueAttributeName.FIFO_QUEUE, QueueAttributeName.CONTENT_BASED_DEDUPLICATION, QueueAttributeName.POLICY,
        QueueAttributeName.REDRIVE_POLICY, QueueAttributeName.KMS_MASTER_KEY_ID,
        QueueAttributeName.KMS_DATA_KEY_REUSE_PERIOD_SECONDS)).attributesAsStrings();

    // Then none comes back
    assertTrue(got.isEmpty(), got.toString());
  }

  @Test
  void unknownAttributeNameIsRejected() {
    String url = create("attrs", Map.of());
    assertThrows(InvalidAttributeNameException.class, () -> sqs().getQueueAttributes(b -> b.queueUrl(url)
        .attributeNamesWithStrings("VisibilityTimeout", "Colour")));
  }

  @Test
  void messageCountsFollowTheMessages() {
    // Given a queue with two visible messages, one delayed and one received (in flight)
    String url = create("attrs", Map.of());
    for (int i = 0; i < 3; i++) {
      sqs().sendMessage(b -> b.queueUrl(url).messageBody("m"));
    }
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(600));
    assertEquals(1, sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).messages().size());

    // When the counts are asked for
    Map<String, String> got = sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings();

    // Then they match
    assertEquals(Map.of("ApproximateNumberOfMessages", "2", "ApproximateNumberOfMessagesNotVisible", "1",
        "ApproximateNumberOfMessagesDelayed", "1"), got);
  }

  // ---- SetQueueAttributes -----------------------------------------------------------------------

  @Test
  void setAttributesAreAnsweredAndBumpLastModified() {
    ManualClock clock = new ManualClock();
    try (TestSluice node = TestSluice.start(engine, clock, Map.of())) {
      // Given a queue created at a known time
      SqsClient sqs = node.sqs();
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("attrs"))).queueUrl();
      long created = clock.millis() / 1000;

      // When settable attributes are changed 42 s later
      clock.advanceSeconds(42);
      Map<String, String> changes = Map.of("VisibilityTimeout", "43200", "MaximumMessageSize", "1024",
          "MessageRetentionPeriod", "60", "DelaySeconds", "900", "ReceiveMessageWaitTimeSeconds", "20");
      sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(changes));

      // Then they are answered, CreatedTimestamp stays and LastModifiedTimestamp moves
      Map<String, String> got = all(sqs, url);
      changes.forEach((k, v) -> assertEquals(v, got.get(k), k));
      assertEquals(Long.toString(created), got.get("CreatedTimestamp"));
      assertEquals(Long.toString(created + 42), got.get("LastModifiedTimestamp"));
    }
  }

  @Test
  void outOfRangeValuesAreRejectedAndChangeNothing() {
    // Given a queue
    String url = create("attrs", Map.of());
    Map<String, String> before = all(url);

    // When each bad value is set together with a good one
    List<Map.Entry<String, String>> bad = List.of(
        Map.entry("VisibilityTimeout", "-1"), Map.entry("VisibilityTimeout", "43201"),
        Map.entry("VisibilityTimeout", "ten"), Map.entry("VisibilityTimeout", ""),
        Map.entry("DelaySeconds", "901"), Map.entry("MaximumMessageSize", "1023"),
        Map.entry("MaximumMessageSize", "1048577"), Map.entry("MessageRetentionPeriod", "59"),
        Map.entry("MessageRetentionPeriod", "1209601"), Map.entry("ReceiveMessageWaitTimeSeconds", "21"),
        Map.entry("KmsDataKeyReusePeriodSeconds", "59"), Map.entry("KmsDataKeyReusePeriodSeconds", "86401"),
        Map.entry("SqsManagedSseEnabled", "yes"), Map.entry("Policy", "not json"),
        Map.entry("Policy", "[]"), Map.entry("Policy", "{\"Version\":\"2012-10-17\"}"));
    for (Map.Entry<String, String> e : bad) {
      Map<String, String> changes = new LinkedHashMap<>();
      changes.put("DelaySeconds", "7");
      changes.put(e.getKey(), e.getValue());
      if (e.getKey().equals("DelaySeconds")) {
        changes.put("VisibilityTimeout", "7");
      }
      // Then InvalidAttributeValue, and the queue is as it was
      assertThrows(InvalidAttributeValueException.class, () -> set(url, changes), e.toString());
    }
    assertEquals(before, all(url));
  }

  @Test
  void attributesTheQueueCannotTakeAreUnknown() {
    // Given a standard and a FIFO queue
    String standard = create("attrs", Map.of());
    String fifo = create("attrs", Map.of("FifoQueue", "true"));
    Map<String, String> standardBefore = all(standard);
    Map<String, String> fifoBefore = all(fifo);

    // When unknown, computed, FIFO-only or type attributes are set
    // Then InvalidAttributeName, and nothing changes
    for (String name : List.of("Colour", "QueueArn", "ApproximateNumberOfMessages", "CreatedTimestamp",
        "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit", "FifoQueue")) {
      String value = name.equals("ContentBasedDeduplication") || name.equals("FifoQueue") ? "true" : "1";
      assertThrows(InvalidAttributeNameException.class, () -> set(standard, Map.of(name, value)), name);
    }
    assertThrows(InvalidAttributeNameException.class, () -> set(fifo, Map.of("FifoQueue", "true")));
    assertThrows(InvalidAttributeNameException.class, () -> set(fifo, Map.of("FifoQueue", "false")));
    assertEquals(standardBefore, all(standard));
    assertEquals(fifoBefore, all(fifo));
  }

  @Test
  void missingAttributesAreRejected() {
    String url = create("attrs", Map.of());
    assertEquals("MissingParameter", codeOf(() -> sqs().setQueueAttributes(b -> b.queueUrl(url))));
    assertEquals("MissingParameter", codeOf(() -> set(url, Map.of())));
  }

  @Test
  void fifoAttributesCanBeChangedOnFifoQueues() {
    // Given a FIFO queue
    String url = create("attrs", Map.of("FifoQueue", "true"));

    // When high throughput and content-based deduplication are switched on
    set(url, Map.of("ContentBasedDeduplication", "true", "DeduplicationScope", "messageGroup",
        "FifoThroughputLimit", "perMessageGroupId"));

    // Then they are answered
    Map<String, String> got = all(url);
    assertEquals("true", got.get("ContentBasedDeduplication"));
    assertEquals("messageGroup", got.get("DeduplicationScope"));
    assertEquals("perMessageGroupId", got.get("FifoThroughputLimit"));
  }

  @Test
  void perMessageGroupThroughputNeedsMessageGroupDeduplication() {
    // Given a FIFO queue deduplicating per queue
    String url = create("attrs", Map.of("FifoQueue", "true"));
    Map<String, String> before = all(url);

    // When per-message-group throughput is set alone, or a scope that does not exist
    // Then InvalidAttributeValue, and nothing changes
    assertThrows(InvalidAttributeValueException.class, () -> set(url, Map.of("FifoThroughputLimit", "perMessageGroupId")));
    assertThrows(InvalidAttributeValueException.class, () -> set(url, Map.of("DeduplicationScope", "group")));
    assertEquals(before, all(url));
  }

  @Test
  void aPolicyIsStoredAndAnEmptyOneRemovesIt() {
    // Given a queue
    String url = create("attrs", Map.of());
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + arnOf(url) + "\"}]}";

    // When a policy is set, then set to the empty string
    set(url, Map.of("Policy", policy));
    Map<String, String> withPolicy = all(url);
    set(url, Map.of("Policy", ""));

    // Then it is answered while set, and gone after
    assertEquals(policy, withPolicy.get("Policy"));
    assertFalse(all(url).containsKey("Policy"));
  }

  @Test
  void kmsEncryptionReplacesSqsManagedEncryptionAndBack() {
    // Given a queue with SSE-SQS (the default)
    String url = create("attrs", Map.of());

    // When a KMS key is set
    set(url, Map.of("KmsMasterKeyId", "alias/aws/sqs"));
    Map<String, String> kms = all(url);

    // Then SSE-SQS is off and the KMS attributes appear with the default reuse period
    assertEquals("false", kms.get("SqsManagedSseEnabled"));
    assertEquals("alias/aws/sqs", kms.get("KmsMasterKeyId"));
    assertEquals("300", kms.get("KmsDataKeyReusePeriodSeconds"));

    // And both at once is rejected, leaving KMS in place
    assertThrows(InvalidAttributeValueException.class,
        () -> set(url, Map.of("KmsMasterKeyId", "alias/other", "SqsManagedSseEnabled", "true")));
    assertEquals(kms, all(url));

    // When SSE-SQS is switched back on
    set(url, Map.of("SqsManagedSseEnabled", "true"));

    // Then the KMS attributes are gone
    Map<String, String> sqsManaged = all(url);
    assertEquals("true", sqsManaged.get("SqsManagedSseEnabled"));
    assertFalse(sqsManaged.containsKey("KmsMasterKeyId"));
    assertFalse(sqsManaged.containsKey("KmsDataKeyReusePeriodSeconds"));
  }

  // ---- RedrivePolicy and RedriveAllowPolicy -----------------------------------------------------

  @Test
  void redrivePolicyIsStoredNormalisedAndAnEmptyOneRemovesIt() {
    // Given a source and a dead-letter queue
    String dlq = create("dlq", Map.of());
    String source = create("src", Map.of());

    // When a RedrivePolicy with maxReceiveCount as a string is set, then the empty string
    set(source, Map.of("RedrivePolicy", "{\"maxReceiveCount\":\"5\", \"deadLetterTargetArn\":\"" + arnOf(dlq) + "\"}"));
    String stored = all(source).get("RedrivePolicy");
    set(source, Map.of("RedrivePolicy", ""));

    // Then it was answered in AWS's form, and is gone after
    assertEquals("{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":5}", stored);
    assertFalse(all(source).containsKey("RedrivePolicy"));
  }

  @Test
  void badRedrivePoliciesAreRejectedAndChangeNothing() {
    // Given a source, a standard dead-letter queue, a FIFO one and one that admits no source
    String dlq = create("dlq", Map.of());
    String fifoDlq = create("dlq", Map.of("FifoQueue", "true"));
    String closed = create("dlq", Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}"));
    String other = create("dlq", Map.of());
    String listed = create("dlq", Map.of("RedriveAllowPolicy",
        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + arnOf(other) + "\"]}"));
    String source = create("src", Map.of());
    Map<String, String> before = all(source);

    // When each bad policy is set
    List<String> bad = List.of(
        "not json",
        "[]",
        "{\"maxReceiveCount\":5}",
        "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\"}",
        "{\"deadLetterTargetArn\":\"not-an-arn\",\"maxReceiveCount\":5}",
        "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":0}",
        "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":1001}",
        "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "-missing\",\"maxReceiveCount\":5}",
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:000000000000:" + dlq.substring(dlq.lastIndexOf('/') + 1)
            + "\",\"maxReceiveCount\":5}",
        "{\"deadLetterTargetArn\":\"" + arnOf(fifoDlq) + "\",\"maxReceiveCount\":5}",
        "{\"deadLetterTargetArn\":\"" + arnOf(closed) + "\",\"maxReceiveCount\":5}",
        "{\"deadLetterTargetArn\":\"" + arnOf(listed) + "\",\"maxReceiveCount\":5}");
    for (String policy : bad) {
      // Then InvalidParameterValue, and the source is as it was
      assertEquals("InvalidParameterValue", codeOf(() -> set(source, Map.of("RedrivePolicy", policy))), policy);
    }
    assertEquals(before, all(source));
  }

  @Test
  void aDeadLetterQueueListingTheSourceAdmitsIt() {
    // Given a dead-letter queue that admits one named source
    String source = create("src", Map.of());
    String dlq = create("dlq", Map.of("RedriveAllowPolicy",
        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + arnOf(source) + "\"]}"));

    // When that source names it
    set(source, Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":3}"));

    // Then the policy is in place
    assertTrue(all(source).get("RedrivePolicy").contains(arnOf(dlq)));
  }

  @Test
  void badRedriveAllowPoliciesAreRejectedAndChangeNothing() {
    // Given a queue
    String url = create("dlq", Map.of());
    Map<String, String> before = all(url);

    // When each bad RedriveAllowPolicy is set
    List<String> bad = List.of("not json", "{\"redrivePermission\":\"sometimes\"}",
        "{\"redrivePermission\":\"byQueue\"}", "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[]}",
        "{\"redrivePermission\":\"allowAll\",\"sourceQueueArns\":[\"" + arnOf(url) + "\"]}",
        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"nope\"]}");
    for (String policy : bad) {
      // Then InvalidParameterValue, and the queue is as it was
      assertEquals("InvalidParameterValue", codeOf(() -> set(url, Map.of("RedriveAllowPolicy", policy))), policy);
    }
    assertEquals(before, all(url));
  }
}
