package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ChangeMessageVisibility and its batch on the in-memory store with a manual clock. */
class ChangeMessageVisibilityTest {
  private final MemorySqs sqs = new MemorySqs();
  private final String url = sqs.createQueue("orders", Map.of());

  private void change(String handle, Integer seconds) {
    sqs.call(ChangeMessageVisibility::new, new ChangeMessageVisibility.Request(url, handle, seconds));
  }

  private String changeError(String handle, Integer seconds) {
    return sqs.errorCode(ChangeMessageVisibility::new, new ChangeMessageVisibility.Request(url, handle, seconds));
  }

  private String receivedHandle() {
    return sqs.receive(url, 1).get(0).receiptHandle();
  }

  @Test
  void theNewTimeoutCountsFromTheChange() {
    // Given a message received 20 s ago with a 30 s visibility timeout
    sqs.send(url, "hello");
    String handle = receivedHandle();
    sqs.clock().advanceSeconds(20);

    // When its visibility is set to 60 s
    change(handle, 60);

    // Then it stays hidden when the old timeout ends, and shows 60 s after the change
    sqs.clock().advanceSeconds(59);
    assertEquals(List.of(), sqs.receive(url, 10));
    sqs.clock().advanceSeconds(1);
    assertEquals(1, sqs.receive(url, 10).size());
  }

  @Test
  void zeroMakesTheMessageVisibleAtOnce() {
    sqs.send(url, "hello");
    change(receivedHandle(), 0);
    assertEquals(1, sqs.receive(url, 10).size());
  }

  private ReceiveMessage.Response longPoll(int waitSeconds) {
    return sqs.call(ReceiveMessage::new, new ReceiveMessage.Request(url, null, null, null, 10, null, waitSeconds,
        null));
  }

  @Test
  void aHeldLongPollAnswersAMessageMadeVisibleWhileItWaits() {
    // Given a message in flight for 30 s and a 20 s long poll of its queue
    sqs.send(url, "hello");
    String handle = receivedHandle();
    long start = sqs.clock().millis();

    // When, 3 s into the poll, another client sets the message's visibility to 0
    sqs.arrivals().duringNextWait(() -> {
      sqs.clock().advanceSeconds(3);
      change(handle, 0);
    });
    ReceiveMessage.Response answer = longPoll(20);

    // Then the poll answers the message then, not when its 20 s are over
    assertEquals(List.of("hello"), answer.messages().stream().map(ReceiveMessage.Message::body).toList());
    assertEquals(start + 3_000, sqs.clock().millis());
  }

  @Test
  void aHeldLongPollAnswersAMessageWhenItsShortenedTimeoutEnds() {
    // Given a message in flight for 30 s and a 20 s long poll of its queue
    sqs.send(url, "hello");
    String handle = receivedHandle();
    long start = sqs.clock().millis();

    // When, 3 s into the poll, another client sets the message's visibility to 5 s
    sqs.arrivals().duringNextWait(() -> {
      sqs.clock().advanceSeconds(3);
      change(handle, 5);
    });
    ReceiveMessage.Response answer = longPoll(20);

    // Then the poll answers the message when those 5 s are over, 8 s into its 20 s wait
    assertEquals(List.of("hello"), answer.messages().stream().map(ReceiveMessage.Message::body).toList());
    assertEquals(start + 8_000, sqs.clock().millis());
  }

  @Test
  void onlyChangesThatMakeAMessageVisibleEarlierWakeLongPolls() {
    // Given two messages in flight for 30 s
    sqs.send(url, "a");
    sqs.send(url, "b");
    String a = receivedHandle();
    String b = receivedHandle();
    int before = sqs.arrivals().announced().size();

    // When one is hidden for longer (singly and in a batch), nothing is announced
    change(a, 60);
    sqs.call(ChangeMessageVisibilityBatch::new, new ChangeMessageVisibilityBatch.Request(url,
        List.of(new ChangeMessageVisibilityBatch.Entry("1", b, 90))));
    assertEquals(before, sqs.arrivals().announced().size());

    // Then a shorter timeout and a batch making one visible at once each announce the queue
    change(a, 10);
    sqs.call(ChangeMessageVisibilityBatch::new, new ChangeMessageVisibilityBatch.Request(url,
        List.of(new ChangeMessageVisibilityBatch.Entry("1", b, 0))));
    assertEquals(List.of(MemorySqs.queueId("orders"), MemorySqs.queueId("orders")),
        sqs.arrivals().announced().subList(before, sqs.arrivals().announced().size()));
  }

  @Test
  void aVisibleMessageIsNotInFlight() {
    // Given a message whose visibility timeout ran out
    sqs.send(url, "hello");
    String handle = receivedHandle();
    sqs.clock().advanceSeconds(30);

    // When its visibility is changed with its latest handle, Then MessageNotInflight
    assertEquals("MessageNotInflight", changeError(handle, 10));
  }

  @Test
  void aHandleOfAnEarlierReceiveOrADeletedMessageIsAnInvalidParameterValue() {
    // Given a message received twice, and another received and deleted
    sqs.send(url, "hello");
    String stale = receivedHandle();
    sqs.clock().advanceSeconds(30);
    receivedHandle();
    sqs.send(url, "bye");
    String deleted = receivedHandle();
    sqs.call(DeleteMessage::new, new DeleteMessage.Request(url, deleted));

    // Then changing either is InvalidParameterValue
    assertEquals("InvalidParameterValue", changeError(stale, 10));
    assertEquals("InvalidParameterValue", changeError(deleted, 10));
  }

  @Test
  void aMessageMayNotStayInFlightMoreThanTwelveHoursAfterItsReceive() {
    // Given a message received an hour ago
    sqs.send(url, "hello");
    String handle = receivedHandle();
    change(handle, 43_200);
    sqs.clock().advanceSeconds(3_600);

    // Then 11 hours more are allowed, 11 hours and a second are not
    change(handle, 39_600);
    assertEquals("InvalidParameterValue", changeError(handle, 39_601));
  }

  @Test
  void badParametersAreRefused() {
    sqs.send(url, "hello");
    String handle = receivedHandle();
    assertEquals("MissingParameter", changeError(handle, null));
    assertEquals("InvalidParameterValue", changeError(handle, -1));
    assertEquals("InvalidParameterValue", changeError(handle, 43_201));
    assertEquals("ReceiptHandleIsInvalid", changeError("junk", 10));
  }

  @Test
  void aBatchChangesTheGoodEntriesAndReportsEachFailure() {
    // Given a message in flight, and two whose visibility ran out
    sqs.send(url, "c");
    String inFlight = sqs.receive(url, 1, 600).get(0).receiptHandle();
    sqs.send(url, "a");
    sqs.send(url, "b");
    List<ReceiveMessage.Message> received = sqs.receive(url, 2, 10);
    sqs.clock().advanceSeconds(10);

    // When a batch makes the first visible, and the second too, and gives the third a bad timeout
    ChangeMessageVisibilityBatch.Response r = sqs.call(ChangeMessageVisibilityBatch::new,
        new ChangeMessageVisibilityBatch.Request(url, List.of(
            new ChangeMessageVisibilityBatch.Entry("in-flight", inFlight, 0),
            new ChangeMessageVisibilityBatch.Entry("expired", received.get(0).receiptHandle(), 0),
            new ChangeMessageVisibilityBatch.Entry("bad", received.get(1).receiptHandle(), 50_000))));

    // Then each entry answers what ChangeMessageVisibility would have
    assertEquals(List.of("in-flight"),
        r.successful().stream().map(ChangeMessageVisibilityBatch.ResultEntry::id).toList());
    assertEquals(Map.of("expired", "MessageNotInflight", "bad", "InvalidParameterValue"),
        Map.of(r.failed().get(0).id(), r.failed().get(0).code(), r.failed().get(1).id(), r.failed().get(1).code()));
  }
}
