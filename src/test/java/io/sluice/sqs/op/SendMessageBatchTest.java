package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sqs.model.BatchResultErrorEntry;
import io.sluice.testing.MemorySqs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SendMessageBatch on the in-memory store: request-wide checks, per-entry failures, order and delays. */
class SendMessageBatchTest {
  private final MemorySqs sqs = new MemorySqs();

  private static SendMessageBatch.Entry entry(String id, String body) {
    return new SendMessageBatch.Entry(id, body, null, null, null, null, null);
  }

  private static SendMessageBatch.Entry fifoEntry(String id, String body, String group) {
    return new SendMessageBatch.Entry(id, body, null, null, null, "dedup-" + id, group);
  }

  private SendMessageBatch.Response send(String url, List<SendMessageBatch.Entry> entries) {
    return sqs.call(SendMessageBatch::new, new SendMessageBatch.Request(url, entries));
  }

  private String error(String url, List<SendMessageBatch.Entry> entries) {
    return sqs.errorCode(SendMessageBatch::new, new SendMessageBatch.Request(url, entries));
  }

  @Test
  void theWholeRequestMustBeWellFormed() {
    String url = sqs.createQueue("orders", Map.of());
    List<SendMessageBatch.Entry> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(entry("e" + i, "m"));
    }
    assertEquals("EmptyBatchRequest", error(url, List.of()));
    assertEquals("TooManyEntriesInBatchRequest", error(url, eleven));
    assertEquals("BatchEntryIdsNotDistinct", error(url, List.of(entry("a", "1"), entry("a", "2"))));
    assertEquals("InvalidBatchEntryId", error(url, List.of(entry("not valid!", "1"))));
    assertEquals("BatchRequestTooLong", error(url, List.of(entry("a", "x".repeat(600_000)),
        entry("b", "x".repeat(600_000)))));
    assertEquals("QueueDoesNotExist", error(MemorySqs.urlOf("nope"), List.of(entry("a", "1"))));
  }

  @Test
  void anInvalidEntryFailsAloneAndTheOthersAreStored() {
    // Given a batch with one entry whose delay is out of range
    String url = sqs.createQueue("orders", Map.of());
    SendMessageBatch.Response r = send(url, List.of(entry("ok-1", "one"),
        new SendMessageBatch.Entry("bad", "two", 901, null, null, null, null), entry("ok-2", "three")));

    // Then the bad entry is reported as the sender's fault with AWS's code, and the others are stored
    assertEquals(List.of("ok-1", "ok-2"), r.successful().stream().map(SendMessageBatch.ResultEntry::id).toList());
    BatchResultErrorEntry failed = r.failed().get(0);
    assertEquals("bad", failed.id());
    assertEquals("InvalidParameterValue", failed.code());
    assertTrue(failed.senderFault());
    assertEquals(2, sqs.receive(url, 10).size());
  }

  @Test
  void eachEntryKeepsItsOwnDelay() {
    // Given a batch of a message without delay and one delayed by 30 s
    String url = sqs.createQueue("orders", Map.of());
    send(url, List.of(entry("now", "now"), new SendMessageBatch.Entry("later", "later", 30, null, null, null, null)));

    // Then the first is received at once (and kept in flight), the second after 30 s
    assertEquals(List.of("now"), sqs.receive(url, 10, 600).stream().map(ReceiveMessage.Message::body).toList());
    sqs.clock().advanceSeconds(30);
    assertEquals(List.of("later"), sqs.receive(url, 10).stream().map(ReceiveMessage.Message::body).toList());
  }

  @Test
  void aFifoBatchKeepsRequestOrderWithinAGroup() {
    // Given a FIFO batch of five messages to one group
    String url = sqs.createFifoQueue("orders.fifo", Map.of());
    List<SendMessageBatch.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(fifoEntry("m" + i, "m" + i, "g"));
    }
    send(url, entries);

    // Then they are received in the order they were given
    assertEquals(List.of("m0", "m1", "m2", "m3", "m4"),
        sqs.receive(url, 10).stream().map(ReceiveMessage.Message::body).toList());
  }

  @Test
  void aFifoDuplicateInABatchAnswersTheEarlierMessage() {
    // Given a FIFO message
    String url = sqs.createFifoQueue("orders.fifo", Map.of());
    String first = sqs.sendFifo(url, "one", "g", "dedup-a").messageId();

    // When a batch repeats its deduplication id next to a new one
    SendMessageBatch.Response r = send(url, List.of(fifoEntry("a", "again", "g"), fifoEntry("b", "new", "g")));

    // Then the repeat answers the first message's id and only the new one is added
    assertEquals(first, r.successful().get(0).messageId());
    assertEquals(List.of("one", "new"), sqs.receive(url, 10).stream().map(ReceiveMessage.Message::body).toList());
  }
}
