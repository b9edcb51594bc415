package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.assertAwsError;
import static io.sluice.it.sqs.SqsTesting.createQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageNotInflightException;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * Visibility timeouts, ChangeMessageVisibility(Batch), delays and retention, on a node whose clock
 * the test moves by hand.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class VisibilityTimeoutTest extends ClockedNodeTest {
  private String url;

  @BeforeEach
  void queue() {
    url = createQueue(sqs, "visibility", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
  }

  private Message receiveOne() {
    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url)
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    assertEquals(1, got.size(), "one message expected");
    return got.get(0);
  }

  private boolean empty() {
    return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().isEmpty();
  }

  private void changeVisibility(Message m, int seconds) {
    sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(seconds));
  }

  @Test
  void receivedMessageStaysHiddenForTheQueueTimeoutThenReturns() {
    // Given a received message
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    receiveOne();

    // When 29 s pass, Then it is still hidden; after 31 s it is received again, a second time
    node.advanceSeconds(29);
    assertTrue(empty());
    node.advanceSeconds(2);
    assertEquals("2", receiveOne().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
  }

  @Test
  void receiveVisibilityTimeoutOverridesTheQueueForThatReceiveOnly() {
    // Given a message received with a 5 s timeout
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(5));

    // When 6 s pass, Then it is back; received plainly, it then hides for the queue's 30 s
    node.advanceSeconds(6);
    receiveOne();
    node.advanceSeconds(29);
    assertTrue(empty());
  }

  @Test
  void changeVisibilityCountsFromNowAndRevertsOnTheNextReceive() {
    // Given a message received 10 s ago whose visibility is changed to 100 s
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    Message m = receiveOne();
    node.advanceSeconds(10);
    changeVisibility(m, 100);

    // Then it stays hidden 100 s from the change, not from the receive
    node.advanceSeconds(99);
    assertTrue(empty());
    node.advanceSeconds(2);
    receiveOne();
    // And the next receive hides it for the queue's timeout again
    node.advanceSeconds(31);
    receiveOne();
  }

  @Test
  void changeVisibilityToZeroMakesTheMessageVisibleAtOnce() {
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    Message m = receiveOne();

    changeVisibility(m, 0);

    assertEquals("2", receiveOne().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
  }

  @Test
  void visibilityCannotExtendBeyondTwelveHoursFromTheReceive() {
    // Given a message received 11 hours ago (kept in flight by extensions)
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    Message m = receiveOne();
    changeVisibility(m, 43_200);
    node.advanceSeconds(11 * 3600);

    // When asked for 2 more hours, Then InvalidParameterValue; 59 minutes are fine
    assertAwsError("InvalidParameterValue", () -> changeVisibility(m, 7200));
    changeVisibility(m, 59 * 60);
  }

  @Test
  void changeVisibilityOfAMessageNoLongerInFlightIsMessageNotInflight() {
    // Given a message whose visibility timeout expired without another receive
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    Message m = receiveOne();
    node.advanceSeconds(31);

    // Then its handle is current but the message is not in flight
    assertThrows(MessageNotInflightException.class, () -> changeVisibility(m, 10));
  }

  @Test
  void staleOrDeletedReceiptHandlesAreInvalidParameterValues() {
    // Given a message received twice (the first handle is stale), and another that was deleted
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    Message first = receiveOne();
    node.advanceSeconds(31);
    Message second = receiveOne();
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(second.receiptHandle()));

    // Then both handles answer InvalidParameterValue, which AWS uses for handles of gone messages
    assertAwsError("InvalidParameterValue", () -> changeVisibility(first, 10));
    assertAwsError("InvalidParameterValue", () -> changeVisibility(second, 10));
  }

  @Test
  void unreadableReceiptHandleIsReceiptHandleIsInvalid() {
    assertThrows(ReceiptHandleIsInvalidException.class, () ->
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle("garbage").visibilityTimeout(5)));
    assertThrows(ReceiptHandleIsInvalidException.class, () ->
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("garbage")));
  }

  @Test
  void visibilityTimeoutOutOfRangeIsInvalidParameterValue() {
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    Message m = receiveOne();

    assertAwsError("InvalidParameterValue", () -> changeVisibility(m, 43_201));
    assertAwsError("InvalidParameterValue", () -> changeVisibility(m, -1));
    assertAwsError("InvalidParameterValue", () -> sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(43_201)));
  }

  @Test
  void deleteWithAStaleHandleSucceedsButKeepsTheMessage() {
    // Given a message received twice
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    Message first = receiveOne();
    node.advanceSeconds(31);
    Message second = receiveOne();

    // When the first (stale) handle deletes, Then no error and the message comes back later
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()));
    node.advanceSeconds(31);
    Message third = receiveOne();
    assertEquals(second.messageId(), third.messageId());
  }

  @Test
  void batchChangeReportsEachEntry() {
    // Given two received messages
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("a"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("b"));
    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertEquals(2, got.size());

    // When a batch makes the first visible, names a garbage handle, and asks 43201 s for the second
    ChangeMessageVisibilityBatchResponse r = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
        e -> e.id("ok").receiptHandle(got.get(0).receiptHandle()).visibilityTimeout(0),
        e -> e.id("bad_handle").receiptHandle("garbage").visibilityTimeout(10),
        e -> e.id("too-long").receiptHandle(got.get(1).receiptHandle()).visibilityTimeout(43_201)));

    // Then each is reported on its own, and only the first became visible
    assertEquals(List.of("ok"), r.successful().stream().map(s -> s.id()).toList());
    assertEquals(Map.of("bad_handle", "ReceiptHandleIsInvalid", "too-long", "InvalidParameterValue"),
        r.failed().stream().collect(Collectors.toMap(BatchResultErrorEntry::id,
            BatchResultErrorEntry::code)));
    assertTrue(r.failed().stream().allMatch(BatchResultErrorEntry::senderFault));
    assertEquals(got.get(0).messageId(), receiveOne().messageId());
  }

  @Test
  void delaysHideNewMessagesPerQueueAndPerMessage() {
    // Given a queue delaying by 10 s, a message with the default and one delayed 2 s explicitly
    String delayed = createQueue(sqs, "delayed", Map.of(QueueAttributeName.DELAY_SECONDS, "10"));
    sqs.sendMessage(b -> b.queueUrl(delayed).messageBody("default"));
    sqs.sendMessage(b -> b.queueUrl(delayed).messageBody("explicit").delaySeconds(2));

    // Then each appears after its own delay
    assertTrue(sqs.receiveMessage(b -> b.queueUrl(delayed).maxNumberOfMessages(10)).messages().isEmpty());
    node.advanceSeconds(2);
    assertEquals("explicit", sqs.receiveMessage(b -> b.queueUrl(delayed).maxNumberOfMessages(10)).messages()
        .get(0).body());
    node.advanceSeconds(8);
    assertEquals("default", sqs.receiveMessage(b -> b.queueUrl(delayed).maxNumberOfMessages(10)).messages()
        .get(0).body());
  }

  @Test
  void messagesOlderThanTheRetentionPeriodVanish() {
    // Given a queue that keeps messages 60 s, with one visible and one in flight
    String brief = createQueue(sqs, "retention", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"));
    sqs.sendMessage(b -> b.queueUrl(brief).messageBody("kept-visible"));
    sqs.sendMessage(b -> b.queueUrl(brief).messageBody("in-flight"));
    sqs.receiveMessage(b -> b.queueUrl(brief).visibilityTimeout(600));

    // When 61 s pass, Then both are gone
    node.advanceSeconds(61);
    assertTrue(sqs.receiveMessage(b -> b.queueUrl(brief).maxNumberOfMessages(10)).messages().isEmpty());
    node.advanceSeconds(600);
    assertTrue(sqs.receiveMessage(b -> b.queueUrl(brief).maxNumberOfMessages(10)).messages().isEmpty());
  }
}
