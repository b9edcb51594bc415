package io.sluice.sqs.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.ids.RandomIds;
import io.sluice.sqs.model.MoveTaskStatus;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueStore.CreateOutcome;
import io.sluice.sqs.store.QueueStore.CreateStatus;
import io.sluice.sqs.store.QueueStore.HandleRef;
import io.sluice.sqs.store.QueueStore.MoveTask;
import io.sluice.sqs.store.QueueStore.MoveTaskChange;
import io.sluice.sqs.store.QueueStore.MoveTaskUpdate;
import io.sluice.sqs.store.QueueStore.NewMessage;
import io.sluice.sqs.store.QueueStore.QueueCounts;
import io.sluice.sqs.store.QueueStore.ReceiveOptions;
import io.sluice.sqs.store.QueueStore.ReceiveOutcome;
import io.sluice.sqs.store.QueueStore.ReceivedMessage;
import io.sluice.sqs.store.QueueStore.RedriveTarget;
import io.sluice.sqs.store.QueueStore.SendOptions;
import io.sluice.sqs.store.QueueStore.SendOutcome;
import io.sluice.sqs.store.QueueStore.VisibilityChange;
import io.sluice.sqs.store.QueueStore.VisibilityStatus;
import io.sluice.storage.RecordChange.ElementEdit;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange.Status;
import io.sluice.storage.RecordChange;
import io.sluice.testing.Await;
import io.sluice.time.ManualClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link QueueStore}: every engine extends this class and must pass every
 * test. The tests pin the behaviour the interface's Javadoc states, decided in favour of AWS's
 * documented SQS behaviour where it is silent. Time is a {@link ManualClock}; nothing sleeps.
 *
 * <p>Subclasses give a store with no queues (or at least none this class's names collide with)
 * before each test.
 */
public abstract class QueueStoreContract {
  protected static final String REGION = "us-east-1";
  protected static final String ACCOUNT = "000000000000";
  protected static final long SECOND = 1000;
  protected static final long MINUTE = 60 * SECOND;
  protected static final long TWELVE_HOURS = 12 * 60 * MINUTE;
  private static final int QUOTA = 120_000;

  protected final ManualClock clock = new ManualClock();
  protected QueueStore store;

  /** A store holding no queues; called before each test. */
  protected abstract QueueStore freshStore();

  @BeforeEach
  void giveStore() {
    store = freshStore();
  }

  // ---- queues ---------------------------------------------------------------------------------

  @Test
  void createStoresTheRecordAsVersionOneStampedWithNow() {
    // Given no queue
    QueueId id = id("orders");

    // When it is created
    CreateOutcome outcome = await(store.createQueue(record(id, Map.of("VisibilityTimeout", "45"), Map.of("team", "a")),
        now()));

    // Then it is stored with its attributes and tags, version 1, created and modified now
    assertEquals(CreateStatus.CREATED, outcome.status());
    QueueRecord found = await(store.findQueue(id)).orElseThrow();
    assertEquals(outcome.queue(), found);
    assertEquals("45", found.attribute("VisibilityTimeout"));
    assertEquals(Map.of("team", "a"), found.tags());
    assertEquals(1, found.version());
    assertEquals(now(), found.createdMillis());
    assertEquals(now(), found.modifiedMillis());
  }

  @Test
  void createOfAnExistingQueueAnswersExistsWithTheStoredRecordUnchanged() {
    // Given a queue
    QueueId id = id("orders");
    QueueRecord first = await(store.createQueue(record(id, Map.of("VisibilityTimeout", "45"), Map.of()), now())).queue();
    clock.advanceSeconds(5);

    // When it is created again with other attributes
    CreateOutcome again = await(store.createQueue(record(id, Map.of("VisibilityTimeout", "10"), Map.of()), now()));

    // Then the stored record comes back unchanged
    assertEquals(CreateStatus.EXISTS, again.status());
    assertEquals(first, again.queue());
    assertEquals(first, await(store.findQueue(id)).orElseThrow());
  }

  @Test
  void createWithin60SecondsOfDeletionAnswersDeletedRecently() {
    // Given a queue deleted now
    QueueId id = createStandard("orders");
    assertTrue(await(store.deleteQueue(id, now())));

    // When it is created 59.999 s later, then at 60 s
    clock.advanceMillis(59_999);
    CreateOutcome early = await(store.createQueue(record(id, Map.of(), Map.of()), now()));
    clock.advanceMillis(1);
    CreateOutcome later = await(store.createQueue(record(id, Map.of(), Map.of()), now()));

    // Then the first is refused and the second creates a fresh queue
    assertEquals(CreateStatus.DELETED_RECENTLY, early.status());
    assertEquals(CreateStatus.CREATED, later.status());
    assertEquals(1, later.queue().version());
    assertEquals(now(), later.queue().createdMillis());
  }

  @Test
  void findOfAnUnknownQueueIsEmpty() {
    // Given no queue / When it is looked up / Then nothing is found
    assertTrue(await(store.findQueue(id("missing"))).isEmpty());
  }

  @Test
  void listQueuesKeepsToOneRegionAndAccountFiltersByPrefixAndSortsByName() {
    // Given queues in two accounts and two regions
    createStandard("beta");
    createStandard("alpha-2");
    createStandard("alpha-1");
    createStandard("gamma");
    create(new QueueId(REGION, "111111111111", "alpha-3"), Map.of());
    create(new QueueId("eu-west-1", ACCOUNT, "alpha-4"), Map.of());

    // When they are listed with and without a prefix
    List<QueueId> all = await(store.listQueues(REGION, ACCOUNT, null));
    List<QueueId> emptyPrefix = await(store.listQueues(REGION, ACCOUNT, ""));
    List<QueueId> alpha = await(store.listQueues(REGION, ACCOUNT, "alpha"));
    List<QueueId> none = await(store.listQueues(REGION, ACCOUNT, "zzz"));

    // Then only that account's and region's queues come back, sorted by name
    assertEquals(List.of(id("alpha-1"), id("alpha-2"), id("beta"), id("gamma")), all);
    assertEquals(all, emptyPrefix);
    assertEquals(List.of(id("alpha-1"), id("alpha-2")), alpha);
    assertEquals(List.of(), none);
  }

  @Test
  void allQueuesListsEveryAccountAndRegionButNotDeletedQueues() {
    // Given queues in several accounts and regions, one of them deleted
    QueueId a = createStandard("a");
    QueueId b = create(new QueueId(REGION, "111111111111", "b"), Map.of());
    QueueId c = create(new QueueId("eu-west-1", ACCOUNT, "c"), Map.of());
    QueueId gone = createStandard("gone");
    await(store.deleteQueue(gone, now()));

    // When every queue is listed
    List<QueueId> all = await(store.allQueues());

    // Then each live queue appears once
    assertEquals(Set.of(a, b, c), Set.copyOf(all));
    assertEquals(3, all.size());
  }

  @Test
  void deletedQueueIsNeitherFoundNorListedAndASecondDeleteAnswersFalse() {
    // Given a queue
    QueueId id = createStandard("orders");

    // When it is deleted twice
    boolean first = await(store.deleteQueue(id, now()));
    boolean second = await(store.deleteQueue(id, now()));

    // Then it is gone
    assertTrue(first);
    assertFalse(second);
    assertTrue(await(store.findQueue(id)).isEmpty());
    assertEquals(List.of(), await(store.listQueues(REGION, ACCOUNT, null)));
  }

  @Test
  void deletingAQueueDeletesItsMessages() {
    // Given a queue with messages, deleted and created again after 60 s
    QueueId id = createStandard("orders");
    send(id, "one", "two");
    await(store.deleteQueue(id, now()));
    clock.advanceSeconds(60);
    createStandard("orders");

    // When it is counted / Then the new queue is empty
    assertEquals(new QueueCounts(0, 0, 0, Long.MAX_VALUE), counts(id));
    assertTrue(receive(id, 10).messages().isEmpty());
  }

  @Test
  void updateAppliesTheChangeKeepsCreationAndBumpsTheVersion() {
    // Given a queue
    QueueId id = createStandard("orders");
    QueueRecord before = await(store.findQueue(id)).orElseThrow();
    clock.advanceSeconds(10);

    // When an attribute and a tag are set
    long at = now();
    Outcome<QueueRecord> outcome = await(store.updateQueue(id, new RecordChange(
        MapEdit.putting(Map.of("VisibilityTimeout", "99")), null, MapEdit.putting(Map.of("k", "v"))), at)).orElseThrow();

    // Then the stored record has them besides what it had, a higher version, the same creation time and the new
    // modification time
    QueueRecord updated = outcome.record();
    assertEquals(Status.APPLIED, outcome.status());
    assertEquals(updated, await(store.findQueue(id)).orElseThrow());
    assertEquals(with(before.attributes(), "VisibilityTimeout", "99"), updated.attributes());
    assertEquals(Map.of("k", "v"), updated.tags());
    assertEquals(before.version() + 1, updated.version());
    assertEquals(before.createdMillis(), updated.createdMillis());
    assertEquals(at, updated.modifiedMillis());
  }

  @Test
  void aChangeOfTagsAloneKeepsTheModificationTime() {
    // Given a queue
    QueueId id = createStandard("orders");
    QueueRecord before = await(store.findQueue(id)).orElseThrow();
    clock.advanceSeconds(10);

    // When only a tag is set
    QueueRecord updated = await(store.updateQueue(id, RecordChange.ofTags(MapEdit.putting(Map.of("k", "v"))), now()))
        .orElseThrow().record();

    // Then the version rose but the modification time is the old one
    assertEquals(before.version() + 1, updated.version());
    assertEquals(before.modifiedMillis(), updated.modifiedMillis());
  }

  @Test
  void updateOfAnUnknownQueueIsEmpty() {
    // Given no queue / When it is updated / Then nothing is stored
    assertTrue(await(store.updateQueue(id("missing"), RecordChange.ofTags(MapEdit.putting(Map.of("k", "v"))), now()))
        .isEmpty());
    assertTrue(await(store.findQueue(id("missing"))).isEmpty());
  }

  @Test
  void aMapEditRemovesThenPutsThenSetsDefaultsWhereNoneIs() {
    // Given a queue with a delay and a visibility timeout
    QueueId id = create(id("orders"), Map.of("DelaySeconds", "5"));

    // When one change removes the delay, sets the timeout, and has defaults for the timeout and the wait
    MapEdit edit = new MapEdit(Map.of("VisibilityTimeout", "5"),
        Map.of("VisibilityTimeout", "7", "ReceiveMessageWaitTimeSeconds", "3"), Set.of("DelaySeconds"), 0);
    QueueRecord updated = await(store.updateQueue(id, RecordChange.ofAttributes(edit), now())).orElseThrow().record();

    // Then the delay is gone, the timeout is the one set, and only the absent wait took its default
    assertNull(updated.attribute("DelaySeconds"));
    assertEquals("5", updated.attribute("VisibilityTimeout"));
    assertEquals("3", updated.attribute("ReceiveMessageWaitTimeSeconds"));
  }

  @Test
  void aChangeBeyondTheTagLimitIsRefusedByTheStoreAndStoresNothing() {
    // Given a queue with 49 tags
    Map<String, String> tags = new HashMap<>();
    IntStream.range(0, 49).forEach(i -> tags.put("t" + i, "v"));
    QueueId id = createStandard("orders");
    await(store.updateQueue(id, RecordChange.ofTags(MapEdit.putting(tags)), now()));
    QueueRecord before = await(store.findQueue(id)).orElseThrow();

    // When two more are added with a limit of 50, and then one more and one replaced
    Outcome<QueueRecord> tooMany = await(store.updateQueue(id,
        RecordChange.ofTags(MapEdit.putting(Map.of("x", "1", "y", "2")).limitedTo(50)), now())).orElseThrow();
    QueueRecord afterRefusal = await(store.findQueue(id)).orElseThrow();
    Outcome<QueueRecord> fits = await(store.updateQueue(id,
        RecordChange.ofTags(MapEdit.putting(Map.of("x", "1", "t0", "w")).limitedTo(50)), now())).orElseThrow();

    // Then the first is refused and changed nothing, the second fills the queue up to the limit
    assertEquals(Status.TOO_MANY_ENTRIES, tooMany.status());
    assertEquals(before, tooMany.record());
    assertEquals(before, afterRefusal);
    assertEquals(Status.APPLIED, fits.status());
    assertEquals(50, fits.record().tags().size());
    assertEquals("w", fits.record().tags().get("t0"));
  }

  @Test
  void concurrentChangesOfDifferentAttributesAndTagsAllSurvive() {
    // Given a queue
    QueueId id = createStandard("orders");

    // When 16 changes, each setting its own tag, and 16 each setting its own attribute, run at the same time
    int n = 16;
    List<CompletionStage<Optional<Outcome<QueueRecord>>>> updates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      updates.add(store.updateQueue(id, RecordChange.ofTags(MapEdit.putting(Map.of("t" + i, "v"))), now()));
      updates.add(store.updateQueue(id, RecordChange.ofAttributes(MapEdit.putting(Map.of("A" + i, "v"))), now()));
    }
    updates.forEach(QueueStoreContract::await);

    // Then none is lost and the version grew by one per change
    QueueRecord last = await(store.findQueue(id)).orElseThrow();
    assertEquals(n, last.tags().size());
    assertTrue(IntStream.range(0, n).allMatch(i -> "v".equals(last.attribute("A" + i))));
    assertEquals(1 + 2 * n, last.version());
  }

  @Test
  void concurrentElementAddsWithDifferentKeysAllSurvive() {
    // Given a queue without a policy
    QueueId id = createStandard("orders");

    // When ten statements with different labels are added at the same time
    List<CompletionStage<Optional<Outcome<QueueRecord>>>> adds = IntStream.range(0, 10)
        .mapToObj(i -> store.updateQueue(id, RecordChange.ofElement(addStatement("label" + i)), now()))
        .toList();
    adds.forEach(QueueStoreContract::await);

    // Then the policy holds all ten, once each
    QueueRecord stored = await(store.findQueue(id)).orElseThrow();
    JsonArray statements = new JsonObject(stored.attribute("Policy")).getJsonArray("Statement");
    assertEquals(IntStream.range(0, 10).mapToObj(i -> "label" + i).collect(Collectors.toSet()),
        statements.stream().map(st -> ((JsonObject) st).getString("Sid")).collect(Collectors.toSet()));
    assertEquals(10, statements.size());
  }

  @Test
  void anElementEditRewritesOnlyTheListAndKeepsTheRestOfTheDocument() {
    // Given a policy with white space, an order of its own, escapes, and one statement as a lone object
    String policy = "{ \"Statement\" : {\"Sid\":\"a\", \"Note\":\"say \\\"]}\\\" \u00e9\"} ,\n \"Id\": \"x/y\" }";
    QueueId id = createStandard("orders");
    await(store.updateQueue(id, RecordChange.ofAttributes(MapEdit.putting(Map.of("Policy", policy))), now()));

    // When a statement is added, and then the first one removed
    String added = await(store.updateQueue(id, RecordChange.ofElement(addStatement("b")), now())).orElseThrow()
        .record().attribute("Policy");
    String removed = await(store.updateQueue(id, RecordChange.ofElement(removeStatement("a")), now())).orElseThrow()
        .record().attribute("Policy");

    // Then only the list is rewritten (compact), byte for byte the same on every engine
    assertEquals("{ \"Statement\" : [{\"Sid\":\"a\", \"Note\":\"say \\\"]}\\\" \u00e9\"},{\"Sid\":\"b\",\"Effect\":\"Allow\"}] ,\n"
        + " \"Id\": \"x/y\" }", added);
    assertEquals("{ \"Statement\" : [{\"Sid\":\"b\",\"Effect\":\"Allow\"}] ,\n \"Id\": \"x/y\" }", removed);
  }

  @Test
  void anElementGoesIntoTheTemplateOrANewListAndTheLastOneCanTakeTheAttributeWithIt() {
    // Given a queue without a policy, and one whose policy has no statement list
    QueueId bare = createStandard("bare");
    QueueId listless = createStandard("listless");
    await(store.updateQueue(listless, RecordChange.ofAttributes(MapEdit.putting(Map.of("Policy", "{\"Id\":\"p\"}"))),
        now()));

    // When a statement is added to each, and the bare one's is removed again
    String fromTemplate = await(store.updateQueue(bare, RecordChange.ofElement(addStatement("b")), now()))
        .orElseThrow().record().attribute("Policy");
    String fromListless = await(store.updateQueue(listless, RecordChange.ofElement(addStatement("b")), now()))
        .orElseThrow().record().attribute("Policy");
    QueueRecord emptied = await(store.updateQueue(bare, RecordChange.ofElement(removeStatement("b")), now()))
        .orElseThrow().record();

    // Then the template takes the first, the other document gets a list, and the last removal drops the policy
    assertEquals("{\"Version\":\"1\",\"Statement\":[{\"Sid\":\"b\",\"Effect\":\"Allow\"}]}", fromTemplate);
    assertEquals("{\"Id\":\"p\",\"Statement\":[{\"Sid\":\"b\",\"Effect\":\"Allow\"}]}", fromListless);
    assertNull(emptied.attribute("Policy"));
  }

  @Test
  void elementEditsAreRefusedForATakenOrMissingKeyAndBeyondTheirLimitsStoringNothing() {
    // Given a policy with statements a and b
    QueueId id = createStandard("orders");
    await(store.updateQueue(id, RecordChange.ofElement(addStatement("a")), now()));
    await(store.updateQueue(id, RecordChange.ofElement(addStatement("b")), now()));
    QueueRecord before = await(store.findQueue(id)).orElseThrow();
    String c = "{\"Sid\":\"c\",\"Note\":\"\u00e9\"}";
    int withC = before.attribute("Policy").getBytes(StandardCharsets.UTF_8).length
        + ("," + c).getBytes(StandardCharsets.UTF_8).length;
    ElementEdit addC = ElementEdit.adding("Policy", "Statement", "Sid", "c", c, "{}");

    // When a is added again, x removed, c added beyond 2 statements, and c added within one byte too few
    Status taken = updateStatus(id, addStatement("a"));
    Status missing = updateStatus(id, removeStatement("x"));
    Status tooMany = updateStatus(id, addC.limitedTo(2, 0));
    Status tooLarge = updateStatus(id, addC.limitedTo(0, withC - 1));
    QueueRecord after = await(store.findQueue(id)).orElseThrow();
    Status exactlyFits = updateStatus(id, addC.limitedTo(3, withC));

    // Then each is refused for its reason and nothing changed, until one fits exactly
    assertEquals(List.of(Status.ELEMENT_EXISTS, Status.ELEMENT_MISSING, Status.TOO_MANY_ELEMENTS, Status.TOO_LARGE),
        List.of(taken, missing, tooMany, tooLarge));
    assertEquals(before, after);
    assertEquals(Status.APPLIED, exactlyFits);
  }

  @Test
  void removingAnElementFromAnAbsentAttributeWithoutTemplateIsMissing() {
    // Given a queue without a policy / When a statement is removed / Then there is none to remove
    QueueId id = createStandard("orders");
    assertEquals(Status.ELEMENT_MISSING,
        updateStatus(id, ElementEdit.removing("Policy", "Statement", "Sid", "a", null)));
  }

  @Test
  void messageOperationsOnAMissingQueueFailWithQueueGone() {
    // Given no queue
    QueueId id = id("missing");
    QueueId other = createStandard("other");

    // When any message operation addresses it / Then it fails with QueueGoneException
    assertGone(() -> await(store.send(id, List.of(message("x")), standard(), now())));
    assertGone(() -> await(store.receive(id, options(1, 30), now())));
    assertGone(() -> await(store.delete(id, List.of(new HandleRef("m", "t")), now())));
    assertGone(() -> await(store.changeVisibility(id, List.of(new VisibilityChange("m", "t", 0)), TWELVE_HOURS,
        now())));
    assertGone(() -> await(store.purge(id, now())));
    assertGone(() -> await(store.counts(id, now())));
    assertGone(() -> await(store.moveMessages(id, other, 10, now())));
    assertGone(() -> await(store.moveMessages(other, id, 10, now())));
  }

  // ---- send and receive -------------------------------------------------------------------------

  @Test
  void receiveAnswersVisibleMessagesInSendOrderUpToTheMaximum() {
    // Given five messages
    QueueId id = createStandard("orders");
    List<String> ids = send(id, "1", "2", "3", "4", "5");

    // When three, then ten, are asked for
    List<ReceivedMessage> first = receive(id, 3).messages();
    List<ReceivedMessage> rest = receive(id, 10).messages();

    // Then they come in send order, each once
    assertEquals(ids.subList(0, 3), idsOf(first));
    assertEquals(ids.subList(3, 5), idsOf(rest));
    assertEquals("1", body(first.get(0)));
  }

  @Test
  void aReceivedMessageCarriesItsPayloadAndStoreMetadata() {
    // Given a standard queue and a binary payload with every byte value
    QueueId id = createStandard("orders");
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    long sentAt = now();
    String messageId = RandomIds.uuid();
    List<SendOutcome> sent = await(store.send(id, List.of(new NewMessage(messageId, payload, null, null, 0)),
        standard(), now()));
    clock.advanceSeconds(3);

    // When it is received
    ReceivedMessage m = receive(id, 1).messages().get(0);

    // Then it carries its id, payload, sent time and first receive; no FIFO or dead-letter data
    assertEquals(new SendOutcome(messageId, null, false), sent.get(0));
    assertEquals(messageId, m.messageId());
    assertArrayEquals(payload, m.payload());
    assertEquals(sentAt, m.sentTimestamp());
    assertEquals(1, m.receiveCount());
    assertEquals(now(), m.firstReceiveTimestamp());
    assertNull(m.groupId());
    assertNull(m.deduplicationId());
    assertNull(m.sequenceNumber());
    assertNull(m.deadLetterSourceArn());
    assertNotEquals(null, m.receiptToken());
  }

  @Test
  void aStandardQueueIgnoresDeduplicationIds() {
    // Given a standard queue
    QueueId id = createStandard("orders");

    // When two messages with the same deduplication id are sent
    List<SendOutcome> out = await(store.send(id, List.of(new NewMessage(RandomIds.uuid(), bytes("a"), "g", "d", 0),
        new NewMessage(RandomIds.uuid(), bytes("b"), "g", "d", 0)), standard(), now()));

    // Then both are stored, without sequence numbers
    assertFalse(out.get(0).duplicate());
    assertFalse(out.get(1).duplicate());
    assertNull(out.get(0).sequenceNumber());
    assertEquals(2, counts(id).visible());
  }

  @Test
  void aReceivedMessageStaysInvisibleUntilItsVisibilityTimeoutPasses() {
    // Given a message received with a 30 s visibility timeout
    QueueId id = createStandard("orders");
    String messageId = send(id, "hello").get(0);
    long firstReceive = now();
    receive(id, 1, 30);

    // When receives happen before and at the timeout
    clock.advanceMillis(29_999);
    List<ReceivedMessage> before = receive(id, 10).messages();
    clock.advanceMillis(1);
    List<ReceivedMessage> at = receive(id, 10).messages();

    // Then it is invisible until then, and comes back with a higher receive count
    assertTrue(before.isEmpty());
    assertEquals(List.of(messageId), idsOf(at));
    assertEquals(2, at.get(0).receiveCount());
    assertEquals(firstReceive, at.get(0).firstReceiveTimestamp());
  }

  @Test
  void eachReceiveIssuesANewTokenAndOnlyTheNewestDeletes() {
    // Given a message received twice
    QueueId id = createStandard("orders");
    send(id, "hello");
    ReceivedMessage first = receive(id, 1, 30).messages().get(0);
    clock.advanceSeconds(30);
    ReceivedMessage second = receive(id, 1, 30).messages().get(0);

    // When the first token, then the second, deletes
    List<Boolean> stale = await(store.delete(id, List.of(ref(first)), now()));
    QueueCounts afterStale = counts(id);
    List<Boolean> current = await(store.delete(id, List.of(ref(second)), now()));

    // Then the stale token deletes nothing and the newest deletes the message
    assertNotEquals(first.receiptToken(), second.receiptToken());
    assertEquals(List.of(false), stale);
    assertEquals(1, afterStale.inFlight());
    assertEquals(List.of(true), current);
    assertEquals(new QueueCounts(0, 0, 0, Long.MAX_VALUE), counts(id));
  }

  @Test
  void deleteAnswersPerHandleAndADeletedMessageCannotBeDeletedAgain() {
    // Given two received messages, one already deleted
    QueueId id = createStandard("orders");
    send(id, "a", "b");
    List<ReceivedMessage> got = receive(id, 10).messages();
    await(store.delete(id, List.of(ref(got.get(0))), now()));

    // When both, an unknown message and a never-received token are deleted
    List<Boolean> out = await(store.delete(id, List.of(ref(got.get(0)), ref(got.get(1)),
        new HandleRef("unknown", "1-x"), new HandleRef(got.get(1).messageId(), "")), now()));

    // Then only the live one with its token was deleted
    assertEquals(List.of(false, true, false, false), out);
  }

  @Test
  void aDelayedMessageIsInvisibleUntilItsDelayPasses() {
    // Given a message sent with a 10 s delay
    QueueId id = createStandard("orders");
    long sentAt = now();
    String messageId = RandomIds.uuid();
    await(store.send(id, List.of(new NewMessage(messageId, bytes("later"), null, null, 10 * SECOND)), standard(),
        now()));

    // When it is received before and at the end of the delay
    ReceiveOutcome early = receive(id, 10);
    QueueCounts delayed = counts(id);
    clock.advanceSeconds(10);
    ReceiveOutcome due = receive(id, 10);

    // Then it is delayed (and the next change announced), then visible
    assertTrue(early.messages().isEmpty());
    assertEquals(sentAt + 10 * SECOND, early.nextChangeAt());
    assertEquals(new QueueCounts(0, 0, 1, sentAt), delayed);
    assertEquals(List.of(messageId), idsOf(due.messages()));
  }

  @Test
  void nextChangeAtIsTheEarliestDelayedOrInFlightDeadline() {
    // Given an empty queue
    QueueId id = createStandard("orders");
    long start = now();
    assertEquals(Long.MAX_VALUE, receive(id, 10).nextChangeAt());

    // When a message is in flight for 20 s and another is delayed by 50 s
    send(id, "now");
    receive(id, 1, 20);
    await(store.send(id, List.of(new NewMessage(RandomIds.uuid(), bytes("later"), null, null, 50 * SECOND)),
        standard(), now()));

    // Then the next change is the in-flight deadline, then the delay
    assertEquals(start + 20 * SECOND, receive(id, 10, 20).nextChangeAt());
    clock.advanceSeconds(20);
    ReceiveOutcome again = receive(id, 10, 100);
    assertEquals(1, again.messages().size());
    assertEquals(start + 50 * SECOND, again.nextChangeAt());
  }

  @Test
  void countsReportVisibleInFlightDelayedAndTheOldestSentTimestamp() {
    // Given an empty queue
    QueueId id = createStandard("orders");
    assertEquals(new QueueCounts(0, 0, 0, Long.MAX_VALUE), counts(id));

    // When messages are visible, in flight and delayed
    long first = now();
    send(id, "a", "b", "c");
    clock.advanceSeconds(1);
    await(store.send(id, List.of(new NewMessage(RandomIds.uuid(), bytes("d"), null, null, MINUTE)), standard(),
        now()));
    receive(id, 1);

    // Then each is counted, and the oldest sent time is the first send
    assertEquals(new QueueCounts(2, 1, 1, first), counts(id));
  }

  // ---- visibility -----------------------------------------------------------------------------

  @Test
  void changingVisibilityMovesTheDeadline() {
    // Given a message received with 30 s visibility
    QueueId id = createStandard("orders");
    send(id, "hello");
    ReceivedMessage m = receive(id, 1, 30).messages().get(0);

    // When its visibility becomes 60 s from 20 s after the receive
    clock.advanceSeconds(20);
    List<VisibilityStatus> out = changeVisibility(id, m, 60 * SECOND);

    // Then it stays invisible past the old deadline and is visible at the new one
    assertEquals(List.of(VisibilityStatus.CHANGED), out);
    clock.advanceSeconds(59);
    assertTrue(receive(id, 10).messages().isEmpty());
    clock.advanceSeconds(1);
    assertEquals(1, receive(id, 10).messages().size());
  }

  @Test
  void visibilityZeroMakesTheMessageVisibleAtOnce() {
    // Given a received message
    QueueId id = createStandard("orders");
    String messageId = send(id, "hello").get(0);
    ReceivedMessage m = receive(id, 1, 30).messages().get(0);

    // When its visibility is set to 0
    List<VisibilityStatus> out = changeVisibility(id, m, 0);

    // Then it can be received right away, and the change says it is visible earlier
    assertEquals(List.of(VisibilityStatus.CHANGED_EARLIER), out);
    assertEquals(List.of(messageId), idsOf(receive(id, 10).messages()));
  }

  @Test
  void changeVisibilityWithAStaleTokenOrForADeletedMessageAnswersInvalidHandle() {
    // Given a message received twice (the first token is stale) and another one deleted
    QueueId id = createStandard("orders");
    send(id, "hello");
    ReceivedMessage first = receive(id, 1, 10).messages().get(0);
    clock.advanceSeconds(10);
    ReceivedMessage second = receive(id, 1, 10).messages().get(0);
    send(id, "other");
    ReceivedMessage other = receive(id, 1, 10).messages().get(0);
    await(store.delete(id, List.of(ref(other)), now()));

    // When visibility changes with the stale token, for the deleted message, and with the newest token
    List<VisibilityStatus> out = await(store.changeVisibility(id, List.of(
        new VisibilityChange(first.messageId(), first.receiptToken(), 5 * SECOND),
        new VisibilityChange(other.messageId(), other.receiptToken(), 5 * SECOND),
        new VisibilityChange(second.messageId(), second.receiptToken(), 5 * SECOND)), TWELVE_HOURS, now()));

    // Then only the newest token of the live message changes it
    assertEquals(first.messageId(), second.messageId());
    assertEquals(List.of(VisibilityStatus.INVALID_HANDLE, VisibilityStatus.INVALID_HANDLE,
        VisibilityStatus.CHANGED_EARLIER), out);
  }

  @Test
  void aChangeThatMakesTheMessageVisibleSoonerAnswersChangedEarlier() {
    // Given a message received with 30 s visibility, 10 s ago
    QueueId id = createStandard("orders");
    send(id, "hello");
    ReceivedMessage m = receive(id, 1, 30).messages().get(0);
    clock.advanceSeconds(10);

    // When its visibility becomes 25 s (later than before), then 5 s (earlier), then 5 s again (the same)
    List<VisibilityStatus> later = changeVisibility(id, m, 25 * SECOND);
    List<VisibilityStatus> earlier = changeVisibility(id, m, 5 * SECOND);
    List<VisibilityStatus> same = changeVisibility(id, m, 5 * SECOND);

    // Then only the change to an earlier deadline says so, and the message is visible at that deadline
    assertEquals(List.of(VisibilityStatus.CHANGED), later);
    assertEquals(List.of(VisibilityStatus.CHANGED_EARLIER), earlier);
    assertEquals(List.of(VisibilityStatus.CHANGED), same);
    assertEquals(now() + 5 * SECOND, receive(id, 10).nextChangeAt());
    clock.advanceSeconds(5);
    assertEquals(1, receive(id, 10).messages().size());
  }

  @Test
  void changeVisibilityWithTheCurrentTokenOfAVisibleMessageAnswersNotInFlight() {
    // Given a message whose visibility timeout passed (its token is still the newest)
    QueueId id = createStandard("orders");
    send(id, "hello");
    ReceivedMessage m = receive(id, 1, 10).messages().get(0);
    clock.advanceSeconds(10);

    // When its visibility changes / Then it is not in flight
    assertEquals(List.of(VisibilityStatus.NOT_IN_FLIGHT), changeVisibility(id, m, 5 * SECOND));
  }

  @Test
  void visibilityMayNotEndMoreThanTheMaximumAfterTheLatestReceive() {
    // Given a message received 1 h ago
    QueueId id = createStandard("orders");
    send(id, "hello");
    ReceivedMessage m = receive(id, 1, 2 * 3600).messages().get(0);
    clock.advanceSeconds(3600);

    // When the deadline would end just past, then exactly at, 12 h after that receive
    List<VisibilityStatus> past = changeVisibility(id, m, 11 * 60 * MINUTE + 1);
    List<VisibilityStatus> exact = changeVisibility(id, m, 11 * 60 * MINUTE);

    // Then the first exceeds the maximum and the second is accepted
    assertEquals(List.of(VisibilityStatus.EXCEEDS_MAXIMUM), past);
    assertEquals(List.of(VisibilityStatus.CHANGED), exact);
  }

  // ---- many messages falling due together ------------------------------------------------------------

  /** More than one script call of the Redis engine makes visible (its STEP_LIMIT, 1,000). */
  protected static final int MANY = 2_500;

  /** Sends {@code count} standard messages in batches of 500; returns their ids in send order. */
  protected List<String> sendMany(QueueId id, int count, long delayMillis) {
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < count; from += 500) {
      List<NewMessage> batch = IntStream.range(from, Math.min(count, from + 500))
          .mapToObj(i -> new NewMessage(RandomIds.uuid(), bytes("m" + i), null, null, delayMillis)).toList();
      await(store.send(id, batch, standard(), now())).forEach(o -> ids.add(o.messageId()));
    }
    return ids;
  }

  /** Receives until a receive answers nothing; returns every message id received, in order. */
  protected List<String> receiveAll(QueueId id) {
    List<String> got = new ArrayList<>();
    List<ReceivedMessage> batch;
    while (!(batch = receive(id, 500).messages()).isEmpty()) {
      got.addAll(idsOf(batch));
    }
    return got;
  }

  @Test
  void manyInFlightMessagesFallingDueTogetherAreCountedAndReceivedAgainEachOnce() {
    // Given many messages received together with a 30 s visibility timeout
    QueueId id = createStandard("orders");
    List<String> sent = sendMany(id, MANY, 0);
    assertEquals(MANY, receive(id, MANY).messages().size());

    // When their timeout ends for all at once
    clock.advanceSeconds(30);

    // Then all count as visible at once, and receiving answers each of them exactly once
    assertEquals(new QueueCounts(MANY, 0, 0, counts(id).oldestSentTimestamp()), counts(id));
    List<String> again = receiveAll(id);
    assertEquals(MANY, again.size());
    assertEquals(Set.copyOf(sent), Set.copyOf(again));
    assertEquals(new QueueCounts(0, MANY, 0, counts(id).oldestSentTimestamp()), counts(id));
  }

  @Test
  void manyDelayedMessagesFallingDueTogetherAreCountedAndReceivedEachOnce() {
    // Given many messages delayed by 10 s
    QueueId id = createStandard("orders");
    List<String> sent = sendMany(id, MANY, 10 * SECOND);
    assertEquals(MANY, counts(id).delayed());

    // When the delay ends
    clock.advanceSeconds(10);

    // Then all count as visible, and receiving answers each of them exactly once
    assertEquals(MANY, counts(id).visible());
    List<String> got = receiveAll(id);
    assertEquals(MANY, got.size());
    assertEquals(Set.copyOf(sent), Set.copyOf(got));
  }

  @Test
  void manyFifoMessagesDelayedToTheSameMomentBecomeVisibleInOrder() {
    // Given many messages of one FIFO group sent in the same millisecond with a 10 s delay
    QueueId id = createFifo("orders.fifo");
    List<String> sent = new ArrayList<>();
    for (int from = 0; from < MANY; from += 500) {
      List<NewMessage> batch = IntStream.range(from, from + 500)
          .mapToObj(i -> new NewMessage(RandomIds.uuid(), bytes("m" + i), "g", "d" + i, 10 * SECOND)).toList();
      await(store.send(id, batch, fifo(false), now())).forEach(o -> sent.add(o.messageId()));
    }

    // When the delay ends, Then the group's messages are received in the order they were sent
    clock.advanceSeconds(10);
    assertEquals(sent, idsOf(receive(id, MANY).messages()));
  }

  // ---- retention, quota, purge ------------------------------------------------------------------

  @Test
  void messagesOlderThanTheRetentionPeriodVanish() {
    // Given a queue keeping messages 60 s, with one visible and one in-flight message
    QueueId id = create(id("short"), Map.of("MessageRetentionPeriod", "60"));
    long sentAt = now();
    send(id, "a", "b");
    ReceivedMessage inFlight = receive(id, 1, 300).messages().get(0);

    // When 59.999 s, then 60 s have passed
    clock.advanceMillis(59_999);
    QueueCounts before = counts(id);
    clock.advanceMillis(1);
    List<Boolean> deleteAfter = await(store.delete(id, List.of(ref(inFlight)), now()));

    // Then both lived until then and are gone afterwards, even for a delete with a current token
    assertEquals(new QueueCounts(1, 1, 0, sentAt), before);
    assertEquals(List.of(false), deleteAfter);
    assertEquals(new QueueCounts(0, 0, 0, Long.MAX_VALUE), counts(id));
    assertTrue(receive(id, 10).messages().isEmpty());
  }

  @Test
  void aChangedRetentionPeriodAppliesToStoredMessages() {
    // Given a message in a queue with the default retention
    QueueId id = createStandard("orders");
    send(id, "hello");
    clock.advanceSeconds(120);

    // When the retention becomes 60 s
    await(store.updateQueue(id, RecordChange.ofAttributes(MapEdit.putting(Map.of("MessageRetentionPeriod", "60"))),
        now()));

    // Then the 2-minute-old message is gone
    assertEquals(0, counts(id).visible());
  }

  @Test
  void aReceiveAtTheInFlightQuotaAnswersOverLimit() {
    // Given three visible messages and a quota of two in flight
    QueueId id = createStandard("orders");
    send(id, "a", "b", "c");

    // When ten are asked for, twice
    ReceiveOutcome first = await(store.receive(id, new ReceiveOptions(10, 30 * SECOND, 2, null, null), now()));
    ReceiveOutcome second = await(store.receive(id, new ReceiveOptions(10, 30 * SECOND, 2, null, null), now()));

    // Then the first takes up to the quota and the second is over the limit
    assertEquals(2, first.messages().size());
    assertFalse(first.overLimit());
    assertTrue(second.messages().isEmpty());
    assertTrue(second.overLimit());
  }

  @Test
  void aFullQuotaWithNothingVisibleIsNotOverLimit() {
    // Given one message, in flight, and a quota of one
    QueueId id = createStandard("orders");
    send(id, "a");
    await(store.receive(id, new ReceiveOptions(10, 30 * SECOND, 1, null, null), now()));

    // When a receive comes / Then it is empty but not over the limit
    ReceiveOutcome out = await(store.receive(id, new ReceiveOptions(10, 30 * SECOND, 1, null, null), now()));
    assertTrue(out.messages().isEmpty());
    assertFalse(out.overLimit());
  }

  @Test
  void purgeDeletesEveryMessageAndIsRefusedFor60Seconds() {
    // Given visible, in-flight and delayed messages
    QueueId id = createStandard("orders");
    send(id, "a", "b");
    receive(id, 1);
    await(store.send(id, List.of(new NewMessage(RandomIds.uuid(), bytes("d"), null, null, MINUTE)), standard(),
        now()));

    // When the queue is purged, then again 59.999 s and 60 s later
    boolean purged = await(store.purge(id, now()));
    QueueCounts after = counts(id);
    clock.advanceMillis(59_999);
    send(id, "kept");
    boolean early = await(store.purge(id, now()));
    QueueCounts afterEarly = counts(id);
    clock.advanceMillis(1);
    boolean later = await(store.purge(id, now()));

    // Then every message went, the early purge did nothing, the later one worked
    assertTrue(purged);
    assertEquals(new QueueCounts(0, 0, 0, Long.MAX_VALUE), after);
    assertFalse(early);
    assertEquals(1, afterEarly.visible());
    assertTrue(later);
    assertEquals(0, counts(id).visible());
  }

  // ---- FIFO -----------------------------------------------------------------------------------

  @Test
  void fifoDeliversEachGroupInSendOrderLowestHeadFirst() {
    // Given messages of groups B and A, interleaved
    QueueId id = createFifo("orders.fifo");
    List<String> sent = sendFifo(id, "B", "b1", "A", "a1", "B", "b2", "A", "a2");

    // When up to ten are received
    List<ReceivedMessage> got = receive(id, 10).messages();

    // Then group B (whose head was sent first) comes first, each group in send order
    assertEquals(List.of(sent.get(0), sent.get(2), sent.get(1), sent.get(3)), idsOf(got));
    assertEquals("B", got.get(0).groupId());
  }

  @Test
  void aFifoGroupWithAMessageInFlightYieldsNothingElseButOtherGroupsAreServed() {
    // Given two messages in group A and one in group B
    QueueId id = createFifo("orders.fifo");
    List<String> sent = sendFifo(id, "A", "a1", "A", "a2", "B", "b1");

    // When one message is received, then more
    ReceivedMessage a1 = receive(id, 1, 30).messages().get(0);
    List<ReceivedMessage> next = receive(id, 10).messages();
    List<ReceivedMessage> blocked = receive(id, 10).messages();
    await(store.delete(id, List.of(ref(a1)), now()));
    List<ReceivedMessage> afterDelete = receive(id, 10).messages();

    // Then A waits for a1 while B is served, and a2 follows once a1 is deleted
    assertEquals(sent.get(0), a1.messageId());
    assertEquals(List.of(sent.get(2)), idsOf(next));
    assertTrue(blocked.isEmpty());
    assertEquals(List.of(sent.get(1)), idsOf(afterDelete));
  }

  @Test
  void aFifoMessageWhoseVisibilityTimesOutIsReceivedAgainBeforeTheRestOfItsGroup() {
    // Given a1 in flight for 30 s, a2 waiting behind it
    QueueId id = createFifo("orders.fifo");
    List<String> sent = sendFifo(id, "A", "a1", "A", "a2");
    receive(id, 1, 30);

    // When the timeout passes
    clock.advanceSeconds(30);
    List<ReceivedMessage> got = receive(id, 1).messages();

    // Then a1 comes again, for the second time
    assertEquals(List.of(sent.get(0)), idsOf(got));
    assertEquals(2, got.get(0).receiveCount());
  }

  @Test
  void fifoVisibilityZeroReleasesTheGroup() {
    // Given a1 in flight
    QueueId id = createFifo("orders.fifo");
    List<String> sent = sendFifo(id, "A", "a1", "A", "a2");
    ReceivedMessage a1 = receive(id, 1, 30).messages().get(0);

    // When it is made visible at once
    changeVisibility(id, a1, 0);

    // Then the group yields a1 then a2
    assertEquals(sent, idsOf(receive(id, 10).messages()));
  }

  @Test
  void fifoSequenceNumbersIncreaseAndAreReportedOnReceive() {
    // Given a FIFO queue
    QueueId id = createFifo("orders.fifo");

    // When messages are sent in two calls
    List<SendOutcome> first = await(store.send(id, List.of(fifoMessage("A", "a1", "d1"), fifoMessage("B", "b1", "d2")),
        fifo(false), now()));
    List<SendOutcome> second = await(store.send(id, List.of(fifoMessage("A", "a2", "d3")), fifo(false), now()));
    List<ReceivedMessage> got = receive(id, 10).messages();

    // Then each has a 20-digit sequence number larger than the one before, also when received
    List<String> seqs = List.of(first.get(0).sequenceNumber(), first.get(1).sequenceNumber(),
        second.get(0).sequenceNumber());
    for (String s : seqs) {
      assertTrue(s.matches("\\d{20}"), s);
    }
    assertTrue(seqs.get(0).compareTo(seqs.get(1)) < 0);
    assertTrue(seqs.get(1).compareTo(seqs.get(2)) < 0);
    assertEquals(first.get(0).sequenceNumber(), got.get(0).sequenceNumber());
    assertEquals("d1", got.get(0).deduplicationId());
    assertEquals("A", got.get(0).groupId());
  }

  @Test
  void aFifoDuplicateWithinFiveMinutesAnswersTheOriginalIdAndSequenceNumber() {
    // Given a message sent with deduplication id d
    QueueId id = createFifo("orders.fifo");
    SendOutcome original = await(store.send(id, List.of(fifoMessage("A", "x", "d")), fifo(false), now())).get(0);

    // When the same deduplication id is sent 4:59.999 later, then at 5 minutes
    clock.advanceMillis(5 * MINUTE - 1);
    SendOutcome duplicate = await(store.send(id, List.of(fifoMessage("A", "y", "d")), fifo(false), now())).get(0);
    QueueCounts countsAfterDuplicate = counts(id);
    clock.advanceMillis(1);
    SendOutcome fresh = await(store.send(id, List.of(fifoMessage("A", "z", "d")), fifo(false), now())).get(0);

    // Then the duplicate stores nothing and answers the original; after the interval it is new
    assertFalse(original.duplicate());
    assertTrue(duplicate.duplicate());
    assertEquals(original.messageId(), duplicate.messageId());
    assertEquals(original.sequenceNumber(), duplicate.sequenceNumber());
    assertEquals(1, countsAfterDuplicate.visible());
    assertFalse(fresh.duplicate());
    assertNotEquals(original.messageId(), fresh.messageId());
  }

  @Test
  void aDuplicateIsDetectedEvenAfterTheOriginalWasDeleted() {
    // Given a message that was received and deleted
    QueueId id = createFifo("orders.fifo");
    SendOutcome original = await(store.send(id, List.of(fifoMessage("A", "x", "d")), fifo(false), now())).get(0);
    await(store.delete(id, List.of(ref(receive(id, 1).messages().get(0))), now()));

    // When it is sent again within the interval / Then it is a duplicate
    SendOutcome again = await(store.send(id, List.of(fifoMessage("A", "x", "d")), fifo(false), now())).get(0);
    assertTrue(again.duplicate());
    assertEquals(original.messageId(), again.messageId());
    assertTrue(receive(id, 10).messages().isEmpty());
  }

  @Test
  void deduplicationScopeDecidesWhetherGroupsShareDeduplicationIds() {
    // Given a queue deduplicating per queue and one per message group
    QueueId perQueue = createFifo("queue.fifo");
    QueueId perGroup = createFifo("group.fifo");

    // When the same deduplication id is sent in groups A, B, then A again
    List<SendOutcome> q = await(store.send(perQueue, List.of(fifoMessage("A", "1", "d"), fifoMessage("B", "2", "d")),
        fifo(false), now()));
    List<SendOutcome> g = await(store.send(perGroup, List.of(fifoMessage("A", "1", "d"), fifoMessage("B", "2", "d"),
        fifoMessage("A", "3", "d")), fifo(true), now()));

    // Then per queue the second is a duplicate; per group only the repeat within group A is
    assertEquals(List.of(false, true), q.stream().map(SendOutcome::duplicate).toList());
    assertEquals(List.of(false, false, true), g.stream().map(SendOutcome::duplicate).toList());
    assertEquals(g.get(0).messageId(), g.get(2).messageId());
  }

  @Test
  void aRepeatedReceiveAttemptAnswersTheSameMessagesAndTokens() {
    // Given messages received with attempt id r1
    QueueId id = createFifo("orders.fifo");
    sendFifo(id, "A", "a1", "A", "a2", "B", "b1");
    List<ReceivedMessage> first = receiveAttempt(id, 2, "r1");

    // When the attempt is repeated within five minutes
    clock.advanceSeconds(20);
    List<ReceivedMessage> again = receiveAttempt(id, 2, "r1");

    // Then the same messages come back with the same tokens
    assertEquals(2, first.size());
    assertEquals(idsOf(first), idsOf(again));
    assertEquals(first.stream().map(ReceivedMessage::receiptToken).toList(),
        again.stream().map(ReceivedMessage::receiptToken).toList());
    assertEquals(1, again.get(0).receiveCount());
  }

  @Test
  void aRepeatedReceiveAttemptAfterADeleteReceivesAfresh() {
    // Given a1 and a2 received with attempt r1, then a1 deleted
    QueueId id = createFifo("orders.fifo");
    List<String> sent = sendFifo(id, "A", "a1", "A", "a2", "B", "b1");
    List<ReceivedMessage> first = receiveAttempt(id, 2, "r1");
    await(store.delete(id, List.of(ref(first.get(0))), now()));

    // When r1 is repeated
    List<ReceivedMessage> again = receiveAttempt(id, 2, "r1");

    // Then it is a new receive: group A is still blocked by a2, so b1 comes
    assertEquals(List.of(sent.get(2)), idsOf(again));
  }

  @Test
  void aRepeatedReceiveAttemptAfterAVisibilityChangeReceivesAfresh() {
    // Given a1 received with attempt r1 (AWS: a retry answers the same messages only if none was
    // deleted or had its visibility changed)
    QueueId id = createFifo("orders.fifo");
    List<String> sent = sendFifo(id, "A", "a1", "B", "b1");
    List<ReceivedMessage> first = receiveAttempt(id, 1, "r1");
    changeVisibility(id, first.get(0), 60 * SECOND);

    // When r1 is repeated
    List<ReceivedMessage> again = receiveAttempt(id, 1, "r1");

    // Then a new receive answers b1
    assertEquals(List.of(sent.get(0)), idsOf(first));
    assertEquals(List.of(sent.get(1)), idsOf(again));
  }

  @Test
  void aReceiveAttemptIsForgottenAfterFiveMinutes() {
    // Given a1 received with attempt r1 and a visibility of 10 minutes
    QueueId id = createFifo("orders.fifo");
    sendFifo(id, "A", "a1");
    await(store.receive(id, new ReceiveOptions(1, 10 * MINUTE, QUOTA, null, "r1"), now()));

    // When r1 is repeated after five minutes
    clock.advanceSeconds(300);
    ReceiveOutcome again = await(store.receive(id, new ReceiveOptions(1, 10 * MINUTE, QUOTA, null, "r1"), now()));

    // Then it is a new receive, which finds group A in flight
    assertTrue(again.messages().isEmpty());
  }

  // ---- dead-letter redrive ----------------------------------------------------------------------

  @Test
  void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueueOnTheNextReceive() {
    // Given a standard queue with a dead-letter queue after 2 receives, and a message received twice
    QueueId source = createStandard("orders");
    QueueId dlq = createStandard("orders-dlq");
    RedriveTarget redrive = new RedriveTarget(dlq, 2, false);
    long sentAt = now();
    byte[] payload = bytes("poison");
    String messageId = RandomIds.uuid();
    await(store.send(source, List.of(new NewMessage(messageId, payload, null, null, 0)), standard(), now()));
    for (int i = 0; i < 2; i++) {
      clock.advanceSeconds(30);
      assertEquals(1, receiveWith(source, redrive).messages().size());
    }

    // When it becomes visible and is received again
    clock.advanceSeconds(30);
    ReceiveOutcome third = receiveWith(source, redrive);

    // Then it is not delivered but moved, keeping id, payload and sent time, with the source's ARN
    assertTrue(third.messages().isEmpty());
    assertEquals(0, counts(source).visible() + counts(source).inFlight());
    assertEquals(1, counts(dlq).visible());
    ReceivedMessage dead = receive(dlq, 10).messages().get(0);
    assertEquals(messageId, dead.messageId());
    assertArrayEquals(payload, dead.payload());
    assertEquals(sentAt, dead.sentTimestamp());
    assertEquals(1, dead.receiveCount());
    assertEquals(source.arn(), dead.deadLetterSourceArn());
  }

  @Test
  void redriveMovesDueMessagesAndStillDeliversTheOthers() {
    // Given m1 received once and m2 never, with a dead-letter queue after 1 receive
    QueueId source = createStandard("orders");
    QueueId dlq = createStandard("orders-dlq");
    RedriveTarget redrive = new RedriveTarget(dlq, 1, false);
    List<String> sent = send(source, "m1");
    receiveWith(source, redrive);
    clock.advanceSeconds(30);
    sent = new ArrayList<>(sent);
    sent.addAll(send(source, "m2"));

    // When both are visible and ten are asked for
    ReceiveOutcome out = receiveWith(source, redrive);

    // Then m1 moved and m2 was delivered
    assertEquals(List.of(sent.get(1)), idsOf(out.messages()));
    assertEquals(List.of(sent.get(0)), idsOf(receive(dlq, 10).messages()));
  }

  @Test
  void aFifoDeadLetterQueueStampsNowAndKeepsGroupAndDeduplicationIds() {
    // Given a FIFO queue whose message was received once, with a FIFO dead-letter queue after 1
    QueueId source = createFifo("orders.fifo");
    QueueId dlq = createFifo("orders-dlq.fifo");
    RedriveTarget redrive = new RedriveTarget(dlq, 1, true);
    SendOutcome sent = await(store.send(source, List.of(fifoMessage("G", "x", "d-1")), fifo(false), now())).get(0);
    receiveWith(source, redrive);
    clock.advanceSeconds(30);

    // When it is received again
    receiveWith(source, redrive);
    clock.advanceSeconds(1);
    ReceivedMessage dead = receive(dlq, 10).messages().get(0);

    // Then the dead-letter copy has the move time as sent time and keeps its ids
    assertEquals(sent.messageId(), dead.messageId());
    assertEquals(now() - SECOND, dead.sentTimestamp());
    assertEquals("G", dead.groupId());
    assertEquals("d-1", dead.deduplicationId());
    assertEquals(source.arn(), dead.deadLetterSourceArn());
    assertTrue(dead.sequenceNumber().matches("\\d{20}"));
  }

  @Test
  void aMessageWhoseDeadLetterQueueIsGoneStaysInItsQueue() {
    // Given a message received once whose dead-letter queue was deleted meanwhile
    QueueId source = createStandard("orders");
    QueueId dlq = createStandard("orders-dlq");
    RedriveTarget redrive = new RedriveTarget(dlq, 1, false);
    String messageId = send(source, "m").get(0);
    receiveWith(source, redrive);
    await(store.deleteQueue(dlq, now()));
    clock.advanceSeconds(30);

    // When it is received with the stale policy, and then without one
    ReceiveOutcome redriven = receiveWith(source, redrive);
    List<ReceivedMessage> later = receive(source, 10).messages();

    // Then it was not lost
    assertTrue(redriven.messages().isEmpty());
    assertEquals(List.of(messageId), idsOf(later));
    assertArrayEquals(bytes("m"), later.get(0).payload());
  }

  // ---- moving messages (redrive tasks) ------------------------------------------------------------

  @Test
  void moveMessagesToAFixedQueueMovesVisibleMessagesInOrderAsNewOnes() {
    // Given a dead-letter queue with three visible messages and one in flight
    QueueId dlq = createStandard("orders-dlq");
    QueueId target = createStandard("target");
    List<String> sent = send(dlq, "in-flight", "a", "b", "c");
    receive(dlq, 1, 300);
    clock.advanceSeconds(10);

    // When two are moved to another queue
    int moved = await(store.moveMessages(dlq, target, 2, now()));

    // Then the first two visible ones arrive, with receive count restarted and sent time now
    assertEquals(2, moved);
    List<ReceivedMessage> got = receive(target, 10).messages();
    assertEquals(sent.subList(1, 3), idsOf(got));
    assertEquals("a", body(got.get(0)));
    assertEquals(1, got.get(0).receiveCount());
    assertEquals(now(), got.get(0).sentTimestamp());
    assertNull(got.get(0).deadLetterSourceArn());
    assertEquals(new QueueCounts(1, 1, 0, now() - 10 * SECOND), counts(dlq));
  }

  @Test
  void moveMessagesWithoutATargetReturnsEachToItsSourceQueue() {
    // Given a dead-letter queue fed by two queues, plus a message sent to it directly
    QueueId a = createStandard("a");
    QueueId b = createStandard("b");
    QueueId dlq = createStandard("dlq");
    String fromA = deadLetter(a, dlq, "from-a");
    String fromB = deadLetter(b, dlq, "from-b");
    String direct = send(dlq, "direct").get(0);

    // When messages are moved back to their sources
    int moved = await(store.moveMessages(dlq, null, 10, now()));

    // Then each is back where it came from, and the direct one stays
    assertEquals(2, moved);
    assertEquals(List.of(fromA), idsOf(receive(a, 10).messages()));
    assertEquals(List.of(fromB), idsOf(receive(b, 10).messages()));
    assertEquals(List.of(direct), idsOf(receive(dlq, 10).messages()));
  }

  @Test
  void aMessageWhoseSourceQueueIsGoneStaysInTheDeadLetterQueue() {
    // Given a dead-lettered message whose source queue was deleted
    QueueId a = createStandard("a");
    QueueId dlq = createStandard("dlq");
    String fromA = deadLetter(a, dlq, "from-a");
    await(store.deleteQueue(a, now()));

    // When messages are moved back to their sources
    int moved = await(store.moveMessages(dlq, null, 10, now()));

    // Then nothing moved and the message is still there, still naming its source
    assertEquals(0, moved);
    ReceivedMessage kept = receive(dlq, 10).messages().get(0);
    assertEquals(fromA, kept.messageId());
    assertEquals(a.arn(), kept.deadLetterSourceArn());
  }

  @Test
  void moveMessagesOnFifoSkipsGroupsWithAMessageInFlight() {
    // Given FIFO messages of groups A (one in flight) and B
    QueueId from = createFifo("from.fifo");
    QueueId to = createFifo("to.fifo");
    List<String> sent = sendFifo(from, "A", "a1", "A", "a2", "B", "b1");
    receive(from, 1, 300);

    // When everything movable is moved
    int moved = await(store.moveMessages(from, to, 10, now()));

    // Then only group B moved, keeping group and deduplication ids
    assertEquals(1, moved);
    ReceivedMessage b1 = receive(to, 10).messages().get(0);
    assertEquals(sent.get(2), b1.messageId());
    assertEquals("B", b1.groupId());
    assertEquals("b1", b1.deduplicationId());
  }

  // ---- message move tasks -----------------------------------------------------------------------

  @Test
  void aNewMoveTaskIsRefusedWhileOneIsRunningOrCancelling() {
    // Given a running task
    QueueId source = createStandard("dlq");
    MoveTask first = task(source, "t1");
    assertTrue(await(store.startMoveTask(first)));

    // When others start while it runs, is cancelling, and after it was cancelled
    boolean whileRunning = await(store.startMoveTask(task(source, "t2")));
    await(store.updateMoveTask(source, "t1", MoveTaskChange.cancel()));
    boolean whileCancelling = await(store.startMoveTask(task(source, "t3")));
    await(store.updateMoveTask(source, "t1", MoveTaskChange.finish(MoveTaskStatus.CANCELLED, null)));
    boolean afterwards = await(store.startMoveTask(task(source, "t4")));

    // Then only the last starts; the refused ones were not stored
    assertFalse(whileRunning);
    assertFalse(whileCancelling);
    assertTrue(afterwards);
    assertEquals(List.of("t4", "t1"), handles(await(store.listMoveTasks(source))));
  }

  @Test
  void moveTasksAreListedNewestFirstAndTheTenNewestAreKept() {
    // Given twelve tasks started one after the other, each completed
    QueueId source = createStandard("dlq");
    for (int i = 1; i <= 12; i++) {
      String handle = "t" + i;
      assertTrue(await(store.startMoveTask(task(source, handle))));
      await(store.updateMoveTask(source, handle, MoveTaskChange.progress(5, true)));
    }

    // When they are listed
    List<MoveTask> tasks = await(store.listMoveTasks(source));

    // Then the ten newest come, newest first
    assertEquals(IntStream.iterate(12, i -> i >= 3, i -> i - 1).mapToObj(i -> "t" + i).toList(), handles(tasks));
    assertEquals(5, tasks.get(0).moved());
  }

  @Test
  void updateMoveTaskAppliesTheChangeAndAnswersEmptyForAnUnknownTask() {
    // Given a running task
    QueueId source = createStandard("dlq");
    MoveTask started = task(source, "t1");
    await(store.startMoveTask(started));

    // When it takes a lease, progresses, and an unknown task is updated
    await(store.updateMoveTask(source, "t1", MoveTaskChange.claim("node-1", now(), now() + 5000)));
    Optional<MoveTaskUpdate> updated = await(store.updateMoveTask(source, "t1", MoveTaskChange.progress(7, false)));
    Optional<MoveTaskUpdate> unknown = await(store.updateMoveTask(source, "nope", MoveTaskChange.cancel()));

    // Then the stored task has every field of the changes
    MoveTask expected = new MoveTask("t1", source, null, null, MoveTaskStatus.RUNNING, 7, 3, started.startedTimestamp(),
        null, "node-1", now() + 5000);
    assertEquals(Optional.of(new MoveTaskUpdate(true, expected)), updated);
    assertEquals(List.of(expected), await(store.listMoveTasks(source)));
    assertTrue(unknown.isEmpty());
    assertEquals(List.of(), await(store.listMoveTasks(id("no-tasks"))));
  }

  @Test
  void aDeclinedTaskChangeLeavesTheTask() {
    // Given a running task leased by node-1 for 5 s
    QueueId source = createStandard("dlq");
    await(store.startMoveTask(task(source, "t1")));
    MoveTask leased = await(store.updateMoveTask(source, "t1", MoveTaskChange.claim("node-1", now(), now() + 5000)))
        .orElseThrow().task();

    // When node-2 claims it within the lease, node-1 renews it, and node-2 claims it after the lease
    MoveTaskUpdate early = await(store.updateMoveTask(source, "t1", MoveTaskChange.claim("node-2", now(), now() + 5000)))
        .orElseThrow();
    MoveTaskUpdate renewed = await(store.updateMoveTask(source, "t1",
        MoveTaskChange.claim("node-1", now(), now() + 6000))).orElseThrow();
    clock.advanceSeconds(7);
    MoveTaskUpdate late = await(store.updateMoveTask(source, "t1", MoveTaskChange.claim("node-2", now(), now() + 5000)))
        .orElseThrow();

    // Then the early claim is declined with the task as it was, the others take the lease
    assertEquals(new MoveTaskUpdate(false, leased), early);
    assertTrue(renewed.applied());
    assertTrue(late.applied());
    assertEquals("node-2", late.task().leaseOwner());
  }

  @Test
  void endingATaskReleasesItsLeaseAndOnlyAFailedOneKeepsAReason() {
    // Given a leased running task, and a leased one being cancelled
    QueueId a = createStandard("a");
    QueueId b = createStandard("b");
    await(store.startMoveTask(task(a, "ta")));
    await(store.startMoveTask(task(b, "tb")));
    await(store.updateMoveTask(a, "ta", MoveTaskChange.claim("node-1", now(), now() + 5000)));
    await(store.updateMoveTask(b, "tb", MoveTaskChange.claim("node-1", now(), now() + 5000)));
    await(store.updateMoveTask(b, "tb", MoveTaskChange.cancel()));

    // When both are failed, then cancelled, then progressed
    MoveTask failed = await(store.updateMoveTask(a, "ta", MoveTaskChange.finish(MoveTaskStatus.FAILED, "gone")))
        .orElseThrow().task();
    MoveTask cancelled = await(store.updateMoveTask(b, "tb", MoveTaskChange.finish(MoveTaskStatus.FAILED, "gone")))
        .orElseThrow().task();
    MoveTaskUpdate cancelAgain = await(store.updateMoveTask(a, "ta", MoveTaskChange.cancel())).orElseThrow();
    MoveTask progressed = await(store.updateMoveTask(a, "ta", MoveTaskChange.progress(2, true))).orElseThrow().task();

    // Then the running one failed with the reason, the cancelling one was cancelled without one, neither holds a
    // lease, a cancel of the failed one is declined, and progress still counts on it
    assertEquals(MoveTaskStatus.FAILED, failed.status());
    assertEquals("gone", failed.failureReason());
    assertNull(failed.leaseOwner());
    assertEquals(0, failed.leaseUntil());
    assertEquals(MoveTaskStatus.CANCELLED, cancelled.status());
    assertNull(cancelled.failureReason());
    assertNull(cancelled.leaseOwner());
    assertFalse(cancelAgain.applied());
    assertEquals(MoveTaskStatus.FAILED, progressed.status());
    assertEquals("gone", progressed.failureReason());
    assertEquals(2, progressed.moved());
  }

  @Test
  void activeMoveTasksAreTheRunningAndCancellingOnesOfLiveQueues() {
    // Given tasks on four queues: running, cancelling, completed, and running on a deleted queue
    QueueId a = createStandard("a");
    QueueId b = createStandard("b");
    QueueId c = createStandard("c");
    QueueId d = createStandard("d");
    for (QueueId q : List.of(a, b, c, d)) {
      await(store.startMoveTask(task(q, "task-" + q.name())));
    }
    await(store.updateMoveTask(b, "task-b", MoveTaskChange.cancel()));
    await(store.updateMoveTask(c, "task-c", MoveTaskChange.progress(2, true)));
    await(store.deleteQueue(d, now()));

    // When the active tasks are listed
    List<MoveTask> active = await(store.activeMoveTasks());

    // Then they are a's and b's
    assertEquals(Set.of("task-a", "task-b"), Set.copyOf(handles(active)));
    assertEquals(List.of(), await(store.listMoveTasks(d)));
  }

  // ---- helpers --------------------------------------------------------------------------------

  protected long now() {
    return clock.millis();
  }

  protected static QueueId id(String name) {
    return new QueueId(REGION, ACCOUNT, name);
  }

  protected QueueId createStandard(String name) {
    return create(id(name), Map.of());
  }

  protected QueueId createFifo(String name) {
    return create(id(name), Map.of("FifoQueue", "true"));
  }

  protected QueueId create(QueueId id, Map<String, String> attributes) {
    CreateOutcome outcome = await(store.createQueue(record(id, attributes, Map.of()), now()));
    assertEquals(CreateStatus.CREATED, outcome.status());
    return id;
  }

  protected static QueueRecord record(QueueId id, Map<String, String> attributes, Map<String, String> tags) {
    Map<String, String> attrs = new HashMap<>(Map.of("VisibilityTimeout", "30", "MessageRetentionPeriod", "345600"));
    attrs.putAll(attributes);
    return new QueueRecord(id, attrs, tags, 0, 0, 0);
  }

  protected static Map<String, String> with(Map<String, String> map, String key, String value) {
    Map<String, String> out = new HashMap<>(map);
    out.put(key, value);
    return out;
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static String body(ReceivedMessage m) {
    return new String(m.payload(), StandardCharsets.UTF_8);
  }

  protected static NewMessage message(String body) {
    return new NewMessage(RandomIds.uuid(), bytes(body), null, null, 0);
  }

  protected static NewMessage fifoMessage(String group, String body, String dedup) {
    return new NewMessage(RandomIds.uuid(), bytes(body), group, dedup, 0);
  }

  protected static SendOptions standard() {
    return new SendOptions(false, false);
  }

  protected static SendOptions fifo(boolean perGroup) {
    return new SendOptions(true, perGroup);
  }

  /** Sends standard messages; returns their ids. */
  protected List<String> send(QueueId id, String... bodies) {
    List<NewMessage> batch = java.util.Arrays.stream(bodies).map(QueueStoreContract::message).toList();
    return await(store.send(id, batch, standard(), now())).stream().map(SendOutcome::messageId).toList();
  }

  /** Sends FIFO messages given as group, body pairs (the body is the deduplication id); returns their ids. */
  protected List<String> sendFifo(QueueId id, String... groupBodyPairs) {
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i < groupBodyPairs.length; i += 2) {
      batch.add(fifoMessage(groupBodyPairs[i], groupBodyPairs[i + 1], groupBodyPairs[i + 1]));
    }
    return await(store.send(id, batch, fifo(false), now())).stream().map(SendOutcome::messageId).toList();
  }

  protected static ReceiveOptions options(int max, long visibilitySeconds) {
    return new ReceiveOptions(max, visibilitySeconds * SECOND, QUOTA, null, null);
  }

  protected ReceiveOutcome receive(QueueId id, int max) {
    return receive(id, max, 30);
  }

  protected ReceiveOutcome receive(QueueId id, int max, long visibilitySeconds) {
    return await(store.receive(id, options(max, visibilitySeconds), now()));
  }

  protected ReceiveOutcome receiveWith(QueueId id, RedriveTarget redrive) {
    return await(store.receive(id, new ReceiveOptions(10, 30 * SECOND, QUOTA, redrive, null), now()));
  }

  protected List<ReceivedMessage> receiveAttempt(QueueId id, int max, String attemptId) {
    return await(store.receive(id, new ReceiveOptions(max, 30 * SECOND, QUOTA, null, attemptId), now())).messages();
  }

  /** Sends a message to {@code source} and has it dead-lettered into {@code dlq}; returns its id. */
  protected String deadLetter(QueueId source, QueueId dlq, String body) {
    RedriveTarget redrive = new RedriveTarget(dlq, 1, false);
    String messageId = send(source, body).get(0);
    receiveWith(source, redrive);
    clock.advanceSeconds(30);
    receiveWith(source, redrive);
    return messageId;
  }

  protected List<VisibilityStatus> changeVisibility(QueueId id, ReceivedMessage m, long visibilityMillis) {
    return await(store.changeVisibility(id,
        List.of(new VisibilityChange(m.messageId(), m.receiptToken(), visibilityMillis)), TWELVE_HOURS, now()));
  }

  protected QueueCounts counts(QueueId id) {
    return await(store.counts(id, now()));
  }

  protected static HandleRef ref(ReceivedMessage m) {
    return new HandleRef(m.messageId(), m.receiptToken());
  }

  protected static List<String> idsOf(List<ReceivedMessage> messages) {
    return messages.stream().map(ReceivedMessage::messageId).toList();
  }

  protected MoveTask task(QueueId source, String handle) {
    return new MoveTask(handle, source, null, null, MoveTaskStatus.RUNNING, 0, 3, now(), null, null, 0);
  }

  /** Adds statement {@code label} to the Policy, starting from a small template. */
  protected static ElementEdit addStatement(String label) {
    return ElementEdit.adding("Policy", "Statement", "Sid", label,
        "{\"Sid\":\"" + label + "\",\"Effect\":\"Allow\"}", "{\"Version\":\"1\",\"Statement\":[]}");
  }

  /** Removes statement {@code label} from the Policy, and the Policy with the last statement. */
  protected static ElementEdit removeStatement(String label) {
    return ElementEdit.removing("Policy", "Statement", "Sid", label, null).droppingWhenEmpty();
  }

  protected Status updateStatus(QueueId id, ElementEdit edit) {
    return await(store.updateQueue(id, RecordChange.ofElement(edit), now())).orElseThrow().status();
  }

  protected static List<String> handles(List<MoveTask> tasks) {
    return tasks.stream().map(MoveTask::taskHandle).toList();
  }

  protected static void assertGone(Runnable call) {
    assertThrows(QueueGoneException.class, call::run);
  }

  /** Waits for a store call; a failure is rethrown as the exception the store completed with. */
  protected static <T> T await(CompletionStage<T> stage) {
    return Await.await(stage);
  }
}
