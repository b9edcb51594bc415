package io.sluice.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.protocol.AwsErrorCode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueStore.QueueCounts;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The attribute rules of CreateQueue, SetQueueAttributes and GetQueueAttributes, without a server. */
class QueueAttributesTest {
  private static final QueueId STANDARD = new QueueId("us-east-1", "000000000000", "orders");
  private static final QueueId FIFO = new QueueId("us-east-1", "000000000000", "orders.fifo");

  private static AwsErrorCode errorOf(Executable call) {
    return assertThrows(AwsException.class, call).error();
  }

  private static QueueRecord standardQueue() {
    return new QueueRecord(STANDARD, QueueAttributes.forNewQueue(STANDARD, Map.of()), Map.of(), 5_500, 9_999, 1);
  }

  private static QueueRecord fifoQueue() {
    return new QueueRecord(FIFO, QueueAttributes.forNewQueue(FIFO, Map.of("FifoQueue", "true")), Map.of(), 0, 0, 1);
  }

  // ---- new queues -------------------------------------------------------------------------------

  @Test
  void newStandardQueueGetsAwsDefaults() {
    assertEquals(Map.of("VisibilityTimeout", "30", "MaximumMessageSize", "1048576", "MessageRetentionPeriod", "345600",
        "DelaySeconds", "0", "ReceiveMessageWaitTimeSeconds", "0", "SqsManagedSseEnabled", "true"),
        QueueAttributes.forNewQueue(STANDARD, null));
  }

  @Test
  void newFifoQueueAlsoGetsFifoDefaults() {
    Map<String, String> attributes = QueueAttributes.forNewQueue(FIFO, Map.of("FifoQueue", "TRUE"));
    assertEquals("true", attributes.get("FifoQueue"));
    assertEquals("false", attributes.get("ContentBasedDeduplication"));
    assertEquals("queue", attributes.get("DeduplicationScope"));
    assertEquals("perQueue", attributes.get("FifoThroughputLimit"));
  }

  @Test
  void requestedValuesOverrideDefaults() {
    Map<String, String> attributes = QueueAttributes.forNewQueue(STANDARD, Map.of("VisibilityTimeout", "0",
        "DelaySeconds", "900"));
    assertEquals("0", attributes.get("VisibilityTimeout"));
    assertEquals("900", attributes.get("DelaySeconds"));
  }

  @Test
  void fifoQueueAttributeMustBeTrueAndMatchTheName() {
    assertEquals(SqsError.InvalidAttributeName, errorOf(() -> QueueAttributes.forNewQueue(STANDARD, Map.of("FifoQueue", "false"))));
    assertEquals(SqsError.InvalidAttributeValue, errorOf(() -> QueueAttributes.forNewQueue(FIFO, Map.of("FifoQueue", "yes"))));
    assertEquals(CommonError.InvalidParameterValue, errorOf(() -> QueueAttributes.forNewQueue(STANDARD, Map.of("FifoQueue", "true"))));
    assertEquals(CommonError.InvalidParameterValue, errorOf(() -> QueueAttributes.forNewQueue(FIFO, Map.of())));
  }

  @Test
  void queueNamesFollowAwsRules() {
    QueueAttributes.validateName("a".repeat(80), false);
    QueueAttributes.validateName("A-z_09", false);
    QueueAttributes.validateName("a".repeat(75) + ".fifo", true);
    for (String bad : List.of("a".repeat(81), "with space", "dot.ted", "a.fifo")) {
      assertEquals(CommonError.InvalidParameterValue, errorOf(() -> QueueAttributes.validateName(bad, false)), bad);
    }
    assertEquals(CommonError.InvalidParameterValue, errorOf(() -> QueueAttributes.validateName("a".repeat(76) + ".fifo", true)));
    assertEquals(CommonError.InvalidParameterValue, errorOf(() -> QueueAttributes.validateName("nofifo", true)));
    assertEquals(CommonError.MissingParameter, errorOf(() -> QueueAttributes.validateName("", false)));
  }

  // ---- changes ----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
      "DelaySeconds, 0, 900",
      "MaximumMessageSize, 1024, 1048576",
      "MessageRetentionPeriod, 60, 1209600",
      "ReceiveMessageWaitTimeSeconds, 0, 20",
      "VisibilityTimeout, 0, 43200",
      "KmsDataKeyReusePeriodSeconds, 60, 86400"})
  void integerAttributesAcceptTheirRangeOnly(String name, int min, int max) {
    QueueRecord q = standardQueue();
    Map<String, String> kms = Map.of("KmsMasterKeyId", "alias/aws/sqs");
    assertEquals(Integer.toString(min), QueueAttributes.applyChanges(q, with(kms, name, Integer.toString(min))).get(name));
    assertEquals(Integer.toString(max), QueueAttributes.applyChanges(q, with(kms, name, Integer.toString(max))).get(name));
    for (String bad : List.of(Integer.toString(min - 1), Integer.toString(max + 1), "x", "", "1.5")) {
      assertEquals(SqsError.InvalidAttributeValue, errorOf(() -> QueueAttributes.applyChanges(q, Map.of(name, bad))), bad);
    }
  }

  private static Map<String, String> with(Map<String, String> base, String name, String value) {
    Map<String, String> out = new HashMap<>(base);
    out.put(name, value);
    return out;
  }

  // ---- the edit SetQueueAttributes hands the store ---------------------------------------------

  @Test
  void theEditOfARequestAppliedToTheQueueAsReadGivesTheChangedAttributes() {
    // Given queues with and without a KMS key and a policy, and requests of every kind of rule
    QueueRecord kmsQueue = new QueueRecord(STANDARD,
        QueueAttributes.applyChanges(standardQueue(), Map.of("KmsMasterKeyId", "k1", "Policy", POLICY)), Map.of(), 0,
        0, 1);
    List<Map.Entry<QueueRecord, Map<String, String>>> cases = List.of(
        Map.entry(standardQueue(), Map.of("VisibilityTimeout", "40", "DelaySeconds", "7")),
        Map.entry(standardQueue(), Map.of("KmsMasterKeyId", "k1")),
        Map.entry(standardQueue(), Map.of("KmsDataKeyReusePeriodSeconds", "600")),
        Map.entry(standardQueue(), Map.of("SqsManagedSseEnabled", "false")),
        Map.entry(kmsQueue, Map.of("SqsManagedSseEnabled", "true")),
        Map.entry(kmsQueue, Map.of("KmsMasterKeyId", "")),
        Map.entry(kmsQueue, Map.of("KmsMasterKeyId", "k2", "KmsDataKeyReusePeriodSeconds", "900")),
        Map.entry(kmsQueue, Map.of("Policy", "")),
        Map.entry(fifoQueue(), Map.of("DeduplicationScope", "messageGroup", "FifoThroughputLimit", "perMessageGroupId")));

    for (Map.Entry<QueueRecord, Map<String, String>> c : cases) {
      // When the request's edit is applied to the queue it was validated against
      Map<String, String> edited = applied(c.getKey(), QueueAttributes.changeOf(c.getKey(), c.getValue()));

      // Then the attributes are those the request's rules give
      assertEquals(QueueAttributes.applyChanges(c.getKey(), c.getValue()), edited, c.getValue().toString());
    }
  }

  @Test
  void editsOfConcurrentRequestsKeepEachOthersAttributesAndOneEncryptionSetting() {
    // Given a queue with a KMS key, as two pairs of concurrent requests read it
    QueueRecord read = new QueueRecord(STANDARD,
        QueueAttributes.applyChanges(standardQueue(), Map.of("KmsMasterKeyId", "k1")), Map.of(), 0, 0, 1);
    MapEdit timeout = QueueAttributes.changeOf(read, Map.of("VisibilityTimeout", "40"));
    MapEdit newKey = QueueAttributes.changeOf(read, Map.of("KmsMasterKeyId", "k2"));
    MapEdit sqsManaged = QueueAttributes.changeOf(read, Map.of("SqsManagedSseEnabled", "true"));

    // When they are applied in either order
    QueueRecord timeoutThenKey = new QueueRecord(STANDARD, applied(read, timeout), Map.of(), 0, 0, 2);
    Map<String, String> both = applied(timeoutThenKey, newKey);
    QueueRecord keyFirst = new QueueRecord(STANDARD, applied(read, newKey), Map.of(), 0, 0, 2);
    QueueRecord sseFirst = new QueueRecord(STANDARD, applied(read, sqsManaged), Map.of(), 0, 0, 2);
    Map<String, String> keyLast = applied(sseFirst, newKey);
    Map<String, String> sseLast = applied(keyFirst, sqsManaged);

    // Then different attributes both survive, and the encryption setting is whole whichever came last
    assertEquals("40", both.get("VisibilityTimeout"));
    assertEquals("k2", both.get("KmsMasterKeyId"));
    assertEquals(Map.of("KmsMasterKeyId", "k2", "SqsManagedSseEnabled", "false", "KmsDataKeyReusePeriodSeconds", "300"),
        encryption(keyLast));
    assertEquals(Map.of("SqsManagedSseEnabled", "true"), encryption(sseLast));
  }

  private static final String POLICY = "{\"Statement\":[{\"Effect\":\"Allow\"}]}";

  private static Map<String, String> applied(QueueRecord q, MapEdit edit) {
    return RecordChange.ofAttributes(edit).applyTo(q.attributes(), q.tags()).attributes();
  }

  private static Map<String, String> encryption(Map<String, String> attributes) {
    Map<String, String> out = new HashMap<>(attributes);
    out.keySet().retainAll(Set.of("KmsMasterKeyId", "SqsManagedSseEnabled", "KmsDataKeyReusePeriodSeconds"));
    return out;
  }

  @Test
  void queueTypeAndReadOnlyAttributesCannotBeSet() {
    for (String name : List.of("FifoQueue", "QueueArn", "CreatedTimestamp", "ApproximateNumberOfMessages", "All", "Bogus")) {
      assertEquals(SqsError.InvalidAttributeName, errorOf(() -> QueueAttributes.applyChanges(fifoQueue(), Map.of(name, "true"))), name);
    }
  }

  @Test
  void fifoOnlyAttributesAreUnknownOnStandardQueues() {
    for (String name : List.of("ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit")) {
      assertEquals(SqsError.InvalidAttributeName, errorOf(() -> QueueAttributes.applyChanges(standardQueue(), Map.of(name, "x"))), name);
    }
  }

  @Test
  void perMessageGroupThroughputNeedsMessageGroupScope() {
    assertEquals(SqsError.InvalidAttributeValue,
        errorOf(() -> QueueAttributes.applyChanges(fifoQueue(), Map.of("FifoThroughputLimit", "perMessageGroupId"))));
    Map<String, String> high = QueueAttributes.applyChanges(fifoQueue(),
        Map.of("FifoThroughputLimit", "perMessageGroupId", "DeduplicationScope", "messageGroup"));
    assertEquals("perMessageGroupId", high.get("FifoThroughputLimit"));
  }

  @Test
  void kmsAndSqsManagedEncryptionExcludeEachOther() {
    // A KMS key switches SSE-SQS off and brings the default reuse period
    Map<String, String> kms = QueueAttributes.applyChanges(standardQueue(), Map.of("KmsMasterKeyId", "k1"));
    assertEquals("false", kms.get("SqsManagedSseEnabled"));
    assertEquals("300", kms.get("KmsDataKeyReusePeriodSeconds"));
    QueueRecord kmsQueue = new QueueRecord(STANDARD, kms, Map.of(), 0, 0, 1);
    assertEquals("kms:k1", QueueAttributes.encryptionKeyId(kmsQueue));

    // Both at once is rejected
    assertEquals(SqsError.InvalidAttributeValue, errorOf(() -> QueueAttributes.applyChanges(standardQueue(),
        Map.of("KmsMasterKeyId", "k1", "SqsManagedSseEnabled", "true"))));

    // SSE-SQS back on drops the KMS attributes
    Map<String, String> back = QueueAttributes.applyChanges(kmsQueue, Map.of("SqsManagedSseEnabled", "True"));
    assertEquals("true", back.get("SqsManagedSseEnabled"));
    assertFalse(back.containsKey("KmsMasterKeyId"));
    assertFalse(back.containsKey("KmsDataKeyReusePeriodSeconds"));

    // SSE off altogether
    QueueRecord off = new QueueRecord(STANDARD,
        QueueAttributes.applyChanges(standardQueue(), Map.of("SqsManagedSseEnabled", "false")), Map.of(), 0, 0, 1);
    assertEquals(null, QueueAttributes.encryptionKeyId(off));
  }

  @Test
  void policiesMustBeAccessPolicyDocuments() {
    String good = "{ \"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", \"Principal\": \"*\"} }";
    assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\"}}",
        QueueAttributes.applyChanges(standardQueue(), Map.of("Policy", good)).get("Policy"));
    String tooBig = "{\"Statement\":[{\"Effect\":\"Allow\",\"Sid\":\"" + "x".repeat(8200) + "\"}]}";
    for (String bad : List.of("nope", "[]", "{}", "{\"Statement\":\"x\"}", "{\"Statement\":[{\"Effect\":\"Maybe\"}]}",
        "{\"Statement\":[1]}", tooBig)) {
      assertEquals(SqsError.InvalidAttributeValue, errorOf(() -> QueueAttributes.applyChanges(standardQueue(), Map.of("Policy", bad))), bad);
    }
  }

  @Test
  void emptyPoliciesRemoveThem() {
    QueueRecord q = new QueueRecord(STANDARD, QueueAttributes.applyChanges(standardQueue(), Map.of(
        "Policy", "{\"Statement\":[]}",
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":1}",
        "RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}")), Map.of(), 0, 0, 1);
    Map<String, String> cleared = QueueAttributes.applyChanges(q, Map.of("Policy", "", "RedrivePolicy", "",
        "RedriveAllowPolicy", ""));
    assertFalse(cleared.containsKey("Policy"));
    assertFalse(cleared.containsKey("RedrivePolicy"));
    assertFalse(cleared.containsKey("RedriveAllowPolicy"));
  }

  @Test
  void redrivePolicyIsNormalisedAndChecked() {
    assertEquals("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":7}",
        RedrivePolicy.parse("{\"maxReceiveCount\":\" 7\",\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}")
            .toJson());
    for (String bad : List.of("x", "{}", "{\"maxReceiveCount\":1}", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}",
        "{\"deadLetterTargetArn\":\"arn:aws:sns:us-east-1:000000000000:t\",\"maxReceiveCount\":1}",
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":1001}",
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":\"many\"}")) {
      assertEquals(CommonError.InvalidParameterValue, errorOf(() -> RedrivePolicy.parse(bad)), bad);
    }
  }

  @Test
  void redriveAllowPolicyDecidesWhichSourcesMayUseTheQueue() {
    QueueId source = new QueueId("us-east-1", "000000000000", "src");
    QueueId other = new QueueId("us-east-1", "000000000000", "other");
    QueueRecord byQueue = new QueueRecord(STANDARD, QueueAttributes.applyChanges(standardQueue(), Map.of("RedriveAllowPolicy",
        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + source.arn() + "\"]}")), Map.of(), 0, 0, 1);
    QueueRecord denyAll = new QueueRecord(STANDARD, QueueAttributes.applyChanges(standardQueue(),
        Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}")), Map.of(), 0, 0, 1);
    assertTrue(QueueAttributes.allowsSource(standardQueue(), source));
    assertTrue(QueueAttributes.allowsSource(byQueue, source));
    assertFalse(QueueAttributes.allowsSource(byQueue, other));
    assertFalse(QueueAttributes.allowsSource(denyAll, source));
    String elevenArns = "[" + String.join(",", Collections.nCopies(11, "\"" + source.arn() + "\"")) + "]";
    assertEquals(CommonError.InvalidParameterValue, errorOf(() -> QueueAttributes.applyChanges(standardQueue(),
        Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":" + elevenArns + "}"))));
  }

  // ---- reads ------------------------------------------------------------------------------------

  @Test
  void allExpandsToEveryKnownNameAndUnknownNamesAreRejected() {
    Set<String> all = QueueAttributes.requested(List.of("All"));
    assertTrue(all.containsAll(List.of("QueueArn", "Policy", "FifoQueue", "SqsManagedSseEnabled", "LastModifiedTimestamp")));
    assertEquals(21, all.size());
    assertTrue(QueueAttributes.requested(null).isEmpty());
    assertEquals(Set.of("DelaySeconds"), QueueAttributes.requested(List.of("DelaySeconds", "DelaySeconds")));
    assertEquals(SqsError.InvalidAttributeName, errorOf(() -> QueueAttributes.requested(List.of("DelaySeconds", "delayseconds"))));
  }

  @Test
  void countsAreNeededOnlyForCountAttributes() {
    assertTrue(QueueAttributes.needsCounts(Set.of("QueueArn", "ApproximateNumberOfMessagesDelayed")));
    assertFalse(QueueAttributes.needsCounts(Set.of("QueueArn", "CreatedTimestamp")));
  }

  @Test
  void readAnswersComputedAndPresentAttributesOnly() {
    Map<String, String> got = QueueAttributes.read(standardQueue(), QueueAttributes.requested(List.of("All")),
        new QueueCounts(3, 2, 1, 0));
    assertEquals(STANDARD.arn(), got.get("QueueArn"));
    assertEquals("3", got.get("ApproximateNumberOfMessages"));
    assertEquals("2", got.get("ApproximateNumberOfMessagesNotVisible"));
    assertEquals("1", got.get("ApproximateNumberOfMessagesDelayed"));
    assertEquals("5", got.get("CreatedTimestamp"));
    assertEquals("9", got.get("LastModifiedTimestamp"));
    assertFalse(got.containsKey("FifoQueue"));
    assertFalse(got.containsKey("Policy"));
    assertEquals(12, got.size());
    assertEquals(List.of("QueueArn", "ApproximateNumberOfMessages"), List.copyOf(QueueAttributes.read(standardQueue(),
        Set.of("ApproximateNumberOfMessages", "QueueArn"), new QueueCounts(0, 0, 0, 0)).keySet()));
  }
}
