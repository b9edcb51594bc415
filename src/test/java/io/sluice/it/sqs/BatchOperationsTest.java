package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.createQueue;
import static io.sluice.it.sqs.SqsTesting.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/** SendMessageBatch, DeleteMessageBatch and the rules all batch actions share. */
@ParameterizedClass
@EnumSource(Engine.class)
class BatchOperationsTest extends SharedNodeTest {
  private static List<SendMessageBatchRequestEntry> entries(int count, IntFunction<String> body) {
    return IntStream.range(0, count)
        .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(body.apply(i)).build())
        .toList();
  }

  @Test
  void tenMessagesAreSentInOneCallAndAllArrive() {
    // Given a queue
    String url = createQueue(sqs(), "batch");

    // When ten messages with attributes are sent in a batch (the SDK checks every MD5)
    List<SendMessageBatchRequestEntry> batch = IntStream.range(0, 10).mapToObj(i -> SendMessageBatchRequestEntry
        .builder().id("msg_" + i).messageBody("body-" + i)
        .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("Number").stringValue("" + i).build(),
            "bin", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(
                new byte[] {(byte) i})).build()))
        .build()).toList();
    SendMessageBatchResponse r = sqs().sendMessageBatch(b -> b.queueUrl(url).entries(batch));

    // Then each entry succeeded with its own message id, and all ten arrive
    assertEquals(10, r.successful().size());
    assertTrue(r.failed().isEmpty());
    assertEquals(10, new HashSet<>(r.successful().stream().map(SendMessageBatchResultEntry::messageId).toList()).size());
    r.successful().forEach(e -> assertNotNull(e.md5OfMessageAttributes()));
    List<Message> got = drain(sqs(), url);
    assertEquals(10, got.size());
    assertEquals(IntStream.range(0, 10).mapToObj(i -> "body-" + i).collect(Collectors.toSet()),
        new HashSet<>(got.stream().map(Message::body).toList()));
  }

  @Test
  void invalidEntriesFailAloneWhileTheOthersAreSent() {
    // Given a queue accepting at most 1024 bytes per message
    String url = createQueue(sqs(), "partial", Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"));

    // When a batch mixes good entries with a bad character, an oversized body and a bad attribute
    SendMessageBatchResponse r = sqs().sendMessageBatch(b -> b.queueUrl(url).entries(
        e -> e.id("good1").messageBody("one"),
        e -> e.id("badchar").messageBody("nul\u0000"),
        e -> e.id("toobig").messageBody("x".repeat(1025)),
        e -> e.id("badattr").messageBody("b").messageAttributes(Map.of("AWS.reserved",
            MessageAttributeValue.builder().dataType("String").stringValue("v").build())),
        e -> e.id("good2").messageBody("two")));

    // Then only the bad entries fail, each with its code and as the sender's fault
    assertEquals(List.of("good1", "good2"), r.successful().stream().map(SendMessageBatchResultEntry::id).toList());
    Map<String, String> codes = new HashMap<>();
    r.failed().forEach(f -> codes.put(f.id(), f.code()));
    assertEquals(Map.of("badchar", "InvalidMessageContents", "toobig", "InvalidParameterValue",
        "badattr", "InvalidParameterValue"), codes);
    assertTrue(r.failed().stream().allMatch(BatchResultErrorEntry::senderFault));
    assertEquals(List.of("one", "two"), drain(sqs(), url).stream().map(Message::body).sorted().toList());
  }

  @Test
  void malformedBatchesAreRejectedWholeAndSendNothing() {
    String url = createQueue(sqs(), "malformed");

    assertThrows(TooManyEntriesInBatchRequestException.class,
        () -> sqs().sendMessageBatch(b -> b.queueUrl(url).entries(entries(11, i -> "m"))));
    assertThrows(EmptyBatchRequestException.class, () -> sqs().sendMessageBatch(b -> b.queueUrl(url).entries(List.of())));
    assertThrows(BatchEntryIdsNotDistinctException.class, () -> sqs().sendMessageBatch(b -> b.queueUrl(url).entries(
        e -> e.id("same").messageBody("a"), e -> e.id("same").messageBody("b"))));
    assertThrows(InvalidBatchEntryIdException.class, () -> sqs().sendMessageBatch(b -> b.queueUrl(url).entries(
        e -> e.id("bad id!").messageBody("a"))));
    assertThrows(InvalidBatchEntryIdException.class, () -> sqs().sendMessageBatch(b -> b.queueUrl(url).entries(
        e -> e.id("x".repeat(81)).messageBody("a"))));

    assertTrue(drain(sqs(), url).isEmpty());
  }

  @Test
  void batchLongerThanOneMebibyteIsBatchRequestTooLong() {
    // Given entries that are each within the 1 MiB message limit but exceed it together
    String url = createQueue(sqs(), "toolong");
    int half = 600 * 1024;

    // When sent, Then the whole batch is refused; exactly 1 MiB in total is accepted
    assertThrows(BatchRequestTooLongException.class,
        () -> sqs().sendMessageBatch(b -> b.queueUrl(url).entries(entries(2, i -> "x".repeat(half)))));
    assertTrue(drain(sqs(), url).isEmpty());
    SendMessageBatchResponse fits = sqs().sendMessageBatch(b -> b.queueUrl(url).entries(
        entries(2, i -> "y".repeat(512 * 1024))));
    assertEquals(2, fits.successful().size());
  }

  @Test
  void batchToAMissingQueueIsQueueDoesNotExist() {
    String url = TestSluice.shared(engine).endpoint() + "/000000000000/" + TestSluice.uniqueName("missing");

    assertThrows(QueueDoesNotExistException.class,
        () -> sqs().sendMessageBatch(b -> b.queueUrl(url).entries(entries(1, i -> "m"))));
  }

  @Test
  void deleteBatchDeletesValidHandlesAndReportsUnreadableOnes() {
    // Given three received messages
    String url = createQueue(sqs(), "delbatch");
    sqs().sendMessageBatch(b -> b.queueUrl(url).entries(entries(3, i -> "m" + i)));
    List<Message> got = drain(sqs(), url);
    assertEquals(3, got.size());

    // When a batch deletes two of them and names a garbage handle
    List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
    deletes.add(DeleteMessageBatchRequestEntry.builder().id("a").receiptHandle(got.get(0).receiptHandle()).build());
    deletes.add(DeleteMessageBatchRequestEntry.builder().id("b").receiptHandle("garbage").build());
    deletes.add(DeleteMessageBatchRequestEntry.builder().id("c").receiptHandle(got.get(1).receiptHandle()).build());
    DeleteMessageBatchResponse r = sqs().deleteMessageBatch(b -> b.queueUrl(url).entries(deletes));

    // Then the two are deleted and the garbage one is reported
    assertEquals(List.of("a", "c"), r.successful().stream().map(s -> s.id()).toList());
    assertEquals(1, r.failed().size());
    assertEquals("b", r.failed().get(0).id());
    assertEquals("ReceiptHandleIsInvalid", r.failed().get(0).code());
    assertTrue(r.failed().get(0).senderFault());
    // and a second delete of the third message's handle works too
    sqs().deleteMessageBatch(b -> b.queueUrl(url).entries(e -> e.id("last").receiptHandle(got.get(2).receiptHandle())));
  }

  @Test
  void deleteAndVisibilityBatchesFollowTheSameEntryRules() {
    String url = createQueue(sqs(), "rules");

    assertThrows(EmptyBatchRequestException.class, () -> sqs().deleteMessageBatch(b -> b.queueUrl(url).entries(List.of())));
    assertThrows(BatchEntryIdsNotDistinctException.class, () -> sqs().deleteMessageBatch(b -> b.queueUrl(url).entries(
        e -> e.id("x").receiptHandle("h1"), e -> e.id("x").receiptHandle("h2"))));
    assertThrows(TooManyEntriesInBatchRequestException.class, () -> sqs().changeMessageVisibilityBatch(b -> b.queueUrl(url)
        .entries(IntStream.range(0, 11).mapToObj(i -> ChangeMessageVisibilityBatchRequestEntry.builder().id("v" + i).receiptHandle("h").visibilityTimeout(1)
            .build()).toList())));
    assertThrows(InvalidBatchEntryIdException.class, () -> sqs().changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
        e -> e.id("").receiptHandle("h").visibilityTimeout(1))));
  }

  @Test
  void fifoBatchKeepsItsOrderWithinAGroup() {
    // Given a FIFO queue
    String url = createQueue(sqs(), "order.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
        QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));

    // When ten messages of one group are sent in a batch
    SendMessageBatchResponse r = sqs().sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(0, 10)
        .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m" + i).messageGroupId("g")
            .build()).toList()));

    // Then sequence numbers increase in entry order, and a receive returns them in that order
    List<String> sequence = r.successful().stream().map(SendMessageBatchResultEntry::sequenceNumber).toList();
    assertEquals(sequence.stream().sorted(Comparator.comparing(BigInteger::new)).toList(), sequence);
    List<Message> got = sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertEquals(IntStream.range(0, 10).mapToObj(i -> "m" + i).toList(), got.stream().map(Message::body).toList());
  }
}
