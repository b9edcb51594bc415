package io.sluice.sns.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.ids.RandomIds;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.store.TopicStore.ArchivedMessage;
import io.sluice.sns.store.TopicStore.Delivery;
import io.sluice.sns.store.TopicStore.PublishEntry;
import io.sluice.sns.store.TopicStore.PublishOptions;
import io.sluice.sns.store.TopicStore.Published;
import io.sluice.sns.store.TopicStore.SubscribeOutcome;
import io.sluice.storage.RecordChange.ElementEdit;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange.Status;
import io.sluice.storage.RecordChange;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.testing.Await;
import io.sluice.time.ManualClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The compatibility kit of {@link TopicStore}: every engine extends this class and must pass every
 * test. The tests pin what the interface's Javadoc states; where it is silent they follow the
 * in-memory engine. The outbox is read and changed through the store's deliveries scheduler (whose
 * own kit is {@code SchedulerContract}), in deliveries. Time is a {@link ManualClock} passed as
 * {@code now}; nothing sleeps.
 *
 * <p>Subclasses give a store with no topics before each test.
 */
public abstract class TopicStoreContract {
  protected static final String REGION = "us-east-1";
  protected static final String ACCOUNT = "000000000000";
  protected static final long SECOND = 1000;
  protected static final long MINUTE = 60 * SECOND;
  protected static final long HOUR = 60 * MINUTE;
  protected static final long LEASE = 30 * SECOND;
  /** The lease holder of the deliveries the tests publish. */
  protected static final String HOLDER = Scheduler.newHolder("publisher");
  private static final int ALL = 1000;

  protected final ManualClock clock = new ManualClock();
  protected TopicStore store;

  /** A store holding no topics; called before each test. */
  protected abstract TopicStore freshStore();

  @BeforeEach
  void giveStore() {
    store = freshStore();
  }

  // ---- topics ---------------------------------------------------------------------------------

  @Test
  void createStoresTheTopicAndReturnsIt() {
    // Given a topic record with attributes and tags
    TopicRecord topic = topicRecord(REGION, ACCOUNT, "orders", Map.of("DisplayName", "Orders"), Map.of("team", "a"));

    // When it is created
    TopicRecord stored = await(store.createTopic(topic));

    // Then the same record is stored and found
    assertEquals(topic, stored);
    assertEquals(topic, await(store.findTopic(topic.arn())).orElseThrow());
  }

  @Test
  void createOfAnExistingArnReturnsTheStoredRecordUnchanged() {
    // Given a topic
    TopicRecord first = createTopic("orders");
    clock.advanceSeconds(5);

    // When a topic of that ARN is created again with other attributes
    TopicRecord again = await(store.createTopic(
        topicRecord(REGION, ACCOUNT, "orders", Map.of("DisplayName", "Other"), Map.of("team", "b"))));

    // Then the first record comes back and stays stored
    assertEquals(first, again);
    assertEquals(first, await(store.findTopic(first.arn())).orElseThrow());
  }

  @Test
  void findOfAnUnknownTopicIsEmpty() {
    // Given no topic / When one is looked up / Then nothing is found
    assertTrue(await(store.findTopic(TopicRecord.arnOf(REGION, ACCOUNT, "missing"))).isEmpty());
  }

  @Test
  void listTopicsKeepsToOneRegionAndAccountSortedByArn() {
    // Given topics in two regions and two accounts, created out of order
    TopicRecord beta = createTopic("beta");
    TopicRecord alpha = createTopic("alpha");
    TopicRecord alphaFifo = createFifoTopic("alpha.fifo");
    await(store.createTopic(topicRecord(REGION, "111111111111", "other-account", Map.of(), Map.of())));
    await(store.createTopic(topicRecord("us-east-2", ACCOUNT, "other-region", Map.of(), Map.of())));

    // When one region and account is listed
    List<String> listed = await(store.listTopics(REGION, ACCOUNT));

    // Then only its topics come back, sorted
    assertEquals(List.of(alpha.arn(), alphaFifo.arn(), beta.arn()), listed);
    assertEquals(List.of(), await(store.listTopics("eu-west-1", ACCOUNT)));
  }

  @Test
  void updateTopicStoresAndReturnsTheChangedRecord() {
    // Given a topic
    TopicRecord topic = createTopic("orders");

    // When its attributes and tags are changed
    Outcome<TopicRecord> outcome = await(store.updateTopic(topic.arn(), new RecordChange(
        MapEdit.putting(Map.of("DisplayName", "New")), null, MapEdit.putting(Map.of("k", "v"))))).orElseThrow();

    // Then the change is returned and stored
    TopicRecord updated = outcome.record();
    assertEquals(Status.APPLIED, outcome.status());
    assertEquals("New", updated.attribute("DisplayName"));
    assertEquals(Map.of("k", "v"), updated.tags());
    assertEquals(updated, await(store.findTopic(topic.arn())).orElseThrow());
  }

  @Test
  void updateOfAnUnknownTopicIsEmpty() {
    // Given no topic
    String arn = TopicRecord.arnOf(REGION, ACCOUNT, "missing");

    // When it is updated
    boolean found = await(store.updateTopic(arn, RecordChange.ofTags(MapEdit.putting(Map.of("k", "v"))))).isPresent();

    // Then nothing is found and nothing is stored
    assertFalse(found);
    assertTrue(await(store.findTopic(arn)).isEmpty());
  }

  @Test
  void aTopicChangeBeyondTheTagLimitIsRefusedByTheStoreAndStoresNothing() {
    // Given a topic with 50 tags
    TopicRecord topic = createTopic("orders");
    Map<String, String> tags = IntStream.range(0, 50).boxed().collect(Collectors.toMap(i -> "t" + i, i -> "v"));
    await(store.updateTopic(topic.arn(), RecordChange.ofTags(MapEdit.putting(tags))));
    TopicRecord before = await(store.findTopic(topic.arn())).orElseThrow();

    // When one more is added with a limit of 50, along with an attribute
    Outcome<TopicRecord> refused = await(store.updateTopic(topic.arn(), new RecordChange(
        MapEdit.putting(Map.of("DisplayName", "New")), null, MapEdit.putting(Map.of("x", "1")).limitedTo(50))))
        .orElseThrow();

    // Then the change is refused and the topic is unchanged
    assertEquals(Status.TOO_MANY_ENTRIES, refused.status());
    assertEquals(before, refused.record());
    assertEquals(before, await(store.findTopic(topic.arn())).orElseThrow());
  }

  @Test
  void concurrentTopicChangesOfDifferentAttributesAndTagsAllSurvive() {
    // Given a topic
    TopicRecord topic = createTopic("orders");

    // When 16 changes, each setting its own tag, and 16 each setting its own attribute, run at the same time
    int n = 16;
    List<CompletionStage<Optional<Outcome<TopicRecord>>>> updates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      updates.add(store.updateTopic(topic.arn(), RecordChange.ofTags(MapEdit.putting(Map.of("t" + i, "v")))));
      updates.add(store.updateTopic(topic.arn(), RecordChange.ofAttributes(MapEdit.putting(Map.of("A" + i, "v")))));
    }
    updates.forEach(TopicStoreContract::await);

    // Then none is lost
    TopicRecord last = await(store.findTopic(topic.arn())).orElseThrow();
    assertEquals(n, last.tags().size());
    assertTrue(IntStream.range(0, n).allMatch(i -> "v".equals(last.attribute("A" + i))));
  }

  @Test
  void concurrentPermissionAddsWithDifferentLabelsAllSurvive() {
    // Given a topic without a stored policy (its policy is the default one)
    TopicRecord topic = createTopic("orders");
    String template = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Sid\":\"default\",\"Effect\":\"Allow\"}]}";

    // When ten statements with different labels are added at the same time
    List<CompletionStage<Optional<Outcome<TopicRecord>>>> adds = IntStream.range(0, 10)
        .mapToObj(i -> store.updateTopic(topic.arn(), RecordChange.ofElement(ElementEdit.adding("Policy", "Statement",
            "Sid", "label" + i, "{\"Sid\":\"label" + i + "\",\"Effect\":\"Allow\"}", template))))
        .toList();
    adds.forEach(TopicStoreContract::await);

    // Then the policy holds the default statement and all ten
    JsonArray statements = new JsonObject(await(store.findTopic(topic.arn())).orElseThrow().attribute("Policy"))
        .getJsonArray("Statement");
    Set<String> expected = IntStream.range(0, 10).mapToObj(i -> "label" + i).collect(Collectors.toSet());
    expected.add("default");
    assertEquals(expected, statements.stream().map(st -> ((JsonObject) st).getString("Sid")).collect(Collectors.toSet()));
    assertEquals(11, statements.size());
  }

  @Test
  void aTakenLabelIsRefusedAndAMissingOneChangesNothing() {
    // Given a topic whose policy has statement a
    TopicRecord topic = createTopic("orders");
    await(store.updateTopic(topic.arn(), RecordChange.ofElement(ElementEdit.adding("Policy", "Statement", "Sid", "a",
        "{\"Sid\":\"a\"}", "{\"Statement\":[]}"))));
    TopicRecord before = await(store.findTopic(topic.arn())).orElseThrow();

    // When a is added again and b removed
    Status taken = await(store.updateTopic(topic.arn(), RecordChange.ofElement(ElementEdit.adding("Policy", "Statement",
        "Sid", "a", "{\"Sid\":\"a\"}", "{}")))).orElseThrow().status();
    Status missing = await(store.updateTopic(topic.arn(), RecordChange.ofElement(ElementEdit.removing("Policy",
        "Statement", "Sid", "b", "{}")))).orElseThrow().status();

    // Then both are refused and the policy is as it was
    assertEquals(Status.ELEMENT_EXISTS, taken);
    assertEquals(Status.ELEMENT_MISSING, missing);
    assertEquals(before, await(store.findTopic(topic.arn())).orElseThrow());
    assertEquals("{\"Statement\":[{\"Sid\":\"a\"}]}", before.attribute("Policy"));
  }

  @Test
  void deleteRemovesTheTopicWithItsSubscriptionsAndDeliveries() {
    // Given a topic with a subscription and a pending delivery
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
    publish(topic, "hello", sub);

    // When it is deleted twice
    boolean first = await(store.deleteTopic(topic.arn()));
    boolean second = await(store.deleteTopic(topic.arn()));

    // Then it, its subscription and its delivery are gone
    assertTrue(first);
    assertFalse(second);
    assertTrue(await(store.findTopic(topic.arn())).isEmpty());
    assertEquals(List.of(), await(store.listTopics(REGION, ACCOUNT)));
    assertTrue(await(store.findSubscription(sub.arn())).isEmpty());
    assertEquals(List.of(), await(store.subscriptions(topic.arn())));
    clock.advanceMillis(LEASE);
    assertEquals(List.of(), claim(ALL));
  }

  @Test
  void aTopicCreatedAgainAfterDeletionHasNoDeduplicationWindowNorArchive() {
    // Given a FIFO topic that archived a message, deleted and created again
    TopicRecord topic = createFifoTopic("orders.fifo");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo");
    publishWith(topic, fifoArchived(HOUR), entry("m", "dedup-1", sub));
    await(store.deleteTopic(topic.arn()));
    clock.advanceSeconds(1);
    createFifoTopic("orders.fifo");

    // When the same deduplication id is published again
    Published again = publishWith(topic, fifo(), entry("m", "dedup-1")).get(0);

    // Then it is not a duplicate, and nothing of the old topic is archived
    assertFalse(again.duplicate());
    assertEquals(List.of(), archived(topic, 0, Long.MAX_VALUE));
    assertEquals(List.of(), await(store.subscriptions(topic.arn())));
  }

  // ---- subscriptions --------------------------------------------------------------------------

  @Test
  void subscribeStoresTheCandidateAndFindReturnsIt() {
    // Given a topic
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord candidate = candidate(topic, "https", "https://example.com/hook")
        .withAttributes(Map.of("RawMessageDelivery", "true"));

    // When the candidate is subscribed
    SubscribeOutcome outcome = await(store.subscribe(candidate)).orElseThrow();

    // Then it was created and is found as stored
    assertTrue(outcome.created());
    assertEquals(candidate, outcome.subscription());
    assertEquals(candidate, await(store.findSubscription(candidate.arn())).orElseThrow());
  }

  @Test
  void subscribeWithTheSameProtocolAndEndpointReturnsTheExistingSubscriptionUnchanged() {
    // Given a subscription
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord first = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");

    // When the same protocol and endpoint subscribe again with other attributes, and another protocol
    SubscribeOutcome again = await(store.subscribe(candidate(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q")
        .withAttributes(Map.of("RawMessageDelivery", "true")))).orElseThrow();
    SubscribeOutcome otherProtocol = await(store.subscribe(
        candidate(topic, "lambda", "arn:aws:sqs:us-east-1:000000000000:q"))).orElseThrow();

    // Then the first comes back unchanged, and the other protocol is a new subscription
    assertFalse(again.created());
    assertEquals(first, again.subscription());
    assertTrue(otherProtocol.created());
    assertEquals(2, await(store.subscriptions(topic.arn())).size());
  }

  @Test
  void subscribeToAnUnknownTopicIsEmpty() {
    // Given no topic / When a candidate subscribes / Then nothing is stored
    TopicRecord missing = topicRecord(REGION, ACCOUNT, "missing", Map.of(), Map.of());
    SubscriptionRecord candidate = candidate(missing, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
    assertTrue(await(store.subscribe(candidate)).isEmpty());
    assertTrue(await(store.findSubscription(candidate.arn())).isEmpty());
  }

  @Test
  void subscriptionsComeInTheOrderTheyWereCreated() {
    // Given subscriptions created with ARNs that sort the other way round
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord c = subscribeAs(topic, "c", "https://c.example.com");
    SubscriptionRecord b = subscribeAs(topic, "b", "https://b.example.com");
    SubscriptionRecord a = subscribeAs(topic, "a", "https://a.example.com");

    // When they are listed
    List<SubscriptionRecord> listed = await(store.subscriptions(topic.arn()));

    // Then they come in creation order; an unknown topic has none
    assertEquals(List.of(c, b, a), listed);
    assertEquals(List.of(), await(store.subscriptions(TopicRecord.arnOf(REGION, ACCOUNT, "missing"))));
  }

  @Test
  void findSubscriptionOfAnUnknownOrMalformedArnIsEmpty() {
    // Given a topic without subscriptions
    TopicRecord topic = createTopic("orders");

    // When unknown ARNs are looked up / Then nothing is found
    assertTrue(await(store.findSubscription(topic.arn() + ":" + RandomIds.uuid())).isEmpty());
    assertTrue(await(store.findSubscription(TopicRecord.arnOf(REGION, ACCOUNT, "missing") + ":x")).isEmpty());
    assertTrue(await(store.findSubscription("nonsense")).isEmpty());
  }

  @Test
  void updateSubscriptionStoresAndReturnsTheChange() {
    // Given a subscription pending confirmation
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord pending = await(store.subscribe(new SubscriptionRecord(topic.arn() + ":" + RandomIds.uuid(),
        topic.arn(), ACCOUNT, "https", "https://example.com", Map.of(), "token", false, now()))).orElseThrow()
        .subscription();

    // When it is confirmed and given an attribute
    SubscriptionRecord confirmed = await(store.confirmSubscription(pending.arn(), true, false)).orElseThrow();
    Outcome<SubscriptionRecord> outcome = await(store.updateSubscription(pending.arn(),
        RecordChange.ofAttributes(MapEdit.putting(Map.of("RawMessageDelivery", "true"))))).orElseThrow();

    // Then the changes are returned and stored
    SubscriptionRecord updated = outcome.record();
    assertEquals(Status.APPLIED, outcome.status());
    assertFalse(confirmed.pendingConfirmation());
    assertFalse(updated.pendingConfirmation());
    assertTrue(updated.confirmationWasAuthenticated());
    assertFalse(updated.authenticateOnUnsubscribe());
    assertTrue(updated.rawMessageDelivery());
    assertEquals(updated, await(store.findSubscription(pending.arn())).orElseThrow());
    assertEquals(List.of(updated), await(store.subscriptions(topic.arn())));
  }

  @Test
  void confirmationSetsBothFlagsAsGiven() {
    // Given a subscription pending confirmation
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord pending = await(store.subscribe(new SubscriptionRecord(topic.arn() + ":" + RandomIds.uuid(),
        topic.arn(), ACCOUNT, "https", "https://example.com", Map.of(), "token", false, now()))).orElseThrow()
        .subscription();

    // When it is confirmed by a signed request that protects it from unsigned unsubscribes
    SubscriptionRecord confirmed = await(store.confirmSubscription(pending.arn(), true, true)).orElseThrow();

    // Then it is stored confirmed, authenticated and protected
    assertEquals(pending.confirmed(true, true), confirmed);
    assertEquals(confirmed, await(store.findSubscription(pending.arn())).orElseThrow());
  }

  @Test
  void updateOfAnUnknownSubscriptionIsEmpty() {
    // Given a topic without subscriptions
    TopicRecord topic = createTopic("orders");
    RecordChange change = RecordChange.ofAttributes(MapEdit.putting(Map.of("RawMessageDelivery", "true")));

    // When unknown subscriptions are updated or confirmed / Then nothing is found
    assertTrue(await(store.updateSubscription(topic.arn() + ":" + RandomIds.uuid(), change)).isEmpty());
    assertTrue(await(store.updateSubscription("nonsense", change)).isEmpty());
    assertTrue(await(store.confirmSubscription(topic.arn() + ":" + RandomIds.uuid(), false, false)).isEmpty());
    assertTrue(await(store.confirmSubscription("nonsense", false, false)).isEmpty());
  }

  @Test
  void aSubscriptionChangeWithTagsIsRefused() {
    // Given a subscription
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");

    // When a change tags it / Then the call fails and the subscription is unchanged
    assertThrows(IllegalArgumentException.class, () -> await(store.updateSubscription(sub.arn(),
        RecordChange.ofTags(MapEdit.putting(Map.of("k", "v"))))));
    assertEquals(sub, await(store.findSubscription(sub.arn())).orElseThrow());
  }

  @Test
  void concurrentSubscriptionChangesOfDifferentAttributesAllSurvive() {
    // Given a subscription
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");

    // When 16 changes, each setting its own attribute, run at the same time
    List<CompletionStage<Optional<Outcome<SubscriptionRecord>>>> updates = IntStream.range(0, 16)
        .mapToObj(i -> store.updateSubscription(sub.arn(), RecordChange.ofAttributes(MapEdit.putting(Map.of("A" + i,
            "v")))))
        .toList();
    updates.forEach(TopicStoreContract::await);

    // Then none is lost, and removing one leaves the others
    await(store.updateSubscription(sub.arn(), RecordChange.ofAttributes(MapEdit.removing(List.of("A0")))));
    SubscriptionRecord last = await(store.findSubscription(sub.arn())).orElseThrow();
    assertEquals(15, last.attributes().size());
    assertNull(last.attribute("A0"));
  }

  @Test
  void deleteSubscriptionRemovesItAndOnlyItsPendingDeliveries() {
    // Given two subscriptions with a pending delivery each
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord gone = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:a");
    SubscriptionRecord kept = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:b");
    publish(topic, "hello", gone, kept);

    // When one is deleted twice
    boolean first = await(store.deleteSubscription(gone.arn()));
    boolean second = await(store.deleteSubscription(gone.arn()));

    // Then it and its delivery are gone, the other stays with its delivery
    assertTrue(first);
    assertFalse(second);
    assertTrue(await(store.findSubscription(gone.arn())).isEmpty());
    assertEquals(List.of(kept), await(store.subscriptions(topic.arn())));
    clock.advanceMillis(LEASE);
    assertEquals(List.of(kept.arn()), subscriptionsOf(claim(ALL)));
  }

  @Test
  void aDeletedSubscriptionsEndpointCanSubscribeAgain() {
    // Given a deleted subscription
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord old = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
    await(store.deleteSubscription(old.arn()));

    // When the same protocol and endpoint subscribe
    SubscribeOutcome again = await(store.subscribe(candidate(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q")))
        .orElseThrow();

    // Then it is a new subscription
    assertTrue(again.created());
    assertNotEquals(old.arn(), again.subscription().arn());
    assertEquals(List.of(again.subscription()), await(store.subscriptions(topic.arn())));
  }

  @Test
  void deleteSubscriptionOfAnUnknownOrMalformedArnAnswersFalse() {
    // Given a topic / When unknown subscriptions are deleted / Then nothing was deleted
    TopicRecord topic = createTopic("orders");
    assertFalse(await(store.deleteSubscription(topic.arn() + ":" + RandomIds.uuid())));
    assertFalse(await(store.deleteSubscription("nonsense")));
  }

  // ---- publish --------------------------------------------------------------------------------

  @Test
  void publishToAStandardTopicCreatesOneDeliveryPerSubscriptionDueAtTheLease() {
    // Given a standard topic with two subscriptions
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord a = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:a");
    SubscriptionRecord b = subscribe(topic, "https", "https://example.com");

    // When a message is published to both
    PublishEntry entry = entry("hello", null, a, b);
    Published published = publishWith(topic, standard(), entry).get(0);

    // Then it has its id, no sequence number, and one delivery per subscription due at the lease
    assertEquals(entry.messageId(), published.messageId());
    assertNull(published.sequenceNumber());
    assertFalse(published.duplicate());
    assertEquals(List.of(a.arn(), b.arn()), subscriptionsOf(published.deliveries()));
    for (Delivery d : published.deliveries()) {
      assertDelivery(d, topic, entry.messageId(), null, "hello", 0, now() + LEASE);
    }
    assertEquals(2, published.deliveries().stream().map(Delivery::id).distinct().count());
  }

  @Test
  void publishCreatesDeliveriesOnlyForSubscriptionsThatExist() {
    // Given a topic with one live and one deleted subscription
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord live = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:a");
    SubscriptionRecord deleted = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:b");
    await(store.deleteSubscription(deleted.arn()));

    // When a message is published to both, and to one that never existed
    Published published = publishWith(topic, standard(), new PublishEntry(RandomIds.uuid(), null, bytes("m"),
        List.of(deleted.arn(), live.arn(), topic.arn() + ":never"))).get(0);

    // Then only the live subscription gets a delivery
    assertEquals(List.of(live.arn()), subscriptionsOf(published.deliveries()));
    clock.advanceMillis(LEASE);
    assertEquals(List.of(live.arn()), subscriptionsOf(claim(ALL)));
  }

  @Test
  void publishToAnUnknownTopicIsEmpty() {
    // Given no topic / When a message is published / Then it is refused
    TopicRecord missing = topicRecord(REGION, ACCOUNT, "missing", Map.of(), Map.of());
    assertTrue(await(store.publish(missing.arn(), List.of(entry("m", null)), standard(), now())).isEmpty());
  }

  @Test
  void aBatchIsAcceptedInOrderWithoutDeduplicationOnAStandardTopic() {
    // Given a standard topic with a subscription
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");

    // When a batch of three is published, two sharing a deduplication id
    List<PublishEntry> entries = List.of(entry("a", "same", sub), entry("b", "same", sub), entry("c", null, sub));
    List<Published> results = publishWith(topic, standard(), entries.toArray(PublishEntry[]::new));

    // Then each is accepted, in order, none a duplicate
    assertEquals(entries.stream().map(PublishEntry::messageId).toList(),
        results.stream().map(Published::messageId).toList());
    assertTrue(results.stream().noneMatch(Published::duplicate));
    assertTrue(results.stream().allMatch(p -> p.sequenceNumber() == null && p.deliveries().size() == 1));
    assertEquals(List.of("a", "b", "c"), results.stream().map(p -> text(p.deliveries().get(0).message())).toList());
  }

  @Test
  void fifoPublishNumbersMessagesWithIncreasingSequenceNumbers() {
    // Given a FIFO topic with a subscription
    TopicRecord topic = createFifoTopic("orders.fifo");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo");

    // When a batch of two and then one more message are published
    List<Published> batch = publishWith(topic, fifo(), entry("a", "d1", sub), entry("b", "d2", sub));
    clock.advanceSeconds(1);
    Published later = publishWith(topic, fifo(), entry("c", "d3", sub)).get(0);

    // Then the sequence numbers increase, and each delivery carries its message's number
    List<String> numbers = List.of(batch.get(0).sequenceNumber(), batch.get(1).sequenceNumber(),
        later.sequenceNumber());
    List<BigInteger> values = numbers.stream().map(BigInteger::new).toList();
    assertTrue(values.get(0).compareTo(values.get(1)) < 0, numbers.toString());
    assertTrue(values.get(1).compareTo(values.get(2)) < 0, numbers.toString());
    assertEquals(numbers.get(0), batch.get(0).deliveries().get(0).sequenceNumber());
    assertEquals(numbers.get(2), later.deliveries().get(0).sequenceNumber());
  }

  @Test
  void aFifoDuplicateWithinFiveMinutesReturnsTheOriginalIdAndSequenceAndStoresNothing() {
    // Given a FIFO topic that accepted and archived a message
    TopicRecord topic = createFifoTopic("orders.fifo");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo");
    Published original = publishWith(topic, fifoArchived(HOUR), entry("first", "dedup", sub)).get(0);

    // When a message with its deduplication id is published just under 5 minutes later
    clock.advanceMillis(5 * MINUTE - 1);
    PublishEntry retry = entry("second", "dedup", sub);
    Published duplicate = publishWith(topic, fifoArchived(HOUR), retry).get(0);

    // Then it answers the original id and number, creates no delivery and archives nothing
    assertTrue(duplicate.duplicate());
    assertEquals(original.messageId(), duplicate.messageId());
    assertNotEquals(retry.messageId(), duplicate.messageId());
    assertEquals(original.sequenceNumber(), duplicate.sequenceNumber());
    assertEquals(List.of(), duplicate.deliveries());
    assertEquals(List.of(original.messageId()), messageIdsOf(claim(ALL)));
    assertEquals(List.of(original.messageId()),
        archived(topic, 0, Long.MAX_VALUE).stream().map(ArchivedMessage::messageId).toList());
  }

  @Test
  void aFifoDeduplicationIdIsNewAgainFiveMinutesAfterItsFirstUse() {
    // Given a FIFO message
    TopicRecord topic = createFifoTopic("orders.fifo");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo");
    Published original = publishWith(topic, fifo(), entry("first", "dedup", sub)).get(0);

    // When its deduplication id is used again 5 minutes later
    clock.advanceMillis(5 * MINUTE);
    PublishEntry again = entry("again", "dedup", sub);
    Published accepted = publishWith(topic, fifo(), again).get(0);

    // Then it is a new message with a higher number and its own delivery
    assertFalse(accepted.duplicate());
    assertEquals(again.messageId(), accepted.messageId());
    assertTrue(new BigInteger(accepted.sequenceNumber()).compareTo(new BigInteger(original.sequenceNumber())) > 0);
    assertEquals(1, accepted.deliveries().size());
  }

  @Test
  void aFifoDuplicateWithinOneBatchIsDetected() {
    // Given a FIFO topic
    TopicRecord topic = createFifoTopic("orders.fifo");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo");

    // When a batch repeats a deduplication id
    List<Published> results = publishWith(topic, fifo(), entry("a", "x", sub), entry("b", "x", sub),
        entry("c", "y", sub));

    // Then the repeat is a duplicate of the first entry
    assertEquals(List.of(false, true, false), results.stream().map(Published::duplicate).toList());
    assertEquals(results.get(0).messageId(), results.get(1).messageId());
    assertEquals(results.get(0).sequenceNumber(), results.get(1).sequenceNumber());
    assertEquals(List.of(), results.get(1).deliveries());
  }

  // ---- claiming -------------------------------------------------------------------------------

  @Test
  void publishedDeliveriesAreHeldByThePublishersLease() {
    // Given a published delivery
    TopicRecord topic = createTopic("orders");
    Delivery made = publish(topic, "hello", subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q"))
        .deliveries().get(0);

    // When another holder and then the publisher renew it, 20 s later
    clock.advanceSeconds(20);
    boolean byOther = await(store.deliveries().renew(made.ref(), Scheduler.newHolder("other"), now() + LEASE));
    boolean byPublisher = await(store.deliveries().renew(made.ref(), HOLDER, now() + LEASE));

    // Then only the publisher's renewal holds, and the delivery is not due when the first lease ends
    assertEquals(HOLDER, made.holder());
    assertFalse(byOther);
    assertTrue(byPublisher);
    clock.advanceSeconds(10);
    assertEquals(List.of(), claim(ALL));
    clock.advanceSeconds(20);
    assertEquals(List.of(made.id()), idsOf(claim(ALL)));
  }

  @Test
  void aDeliveryIsClaimableOnlyOnceItsLeaseEndsAndIsThenLeasedAgain() {
    // Given a delivery leased to the publisher for 30 s
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
    Published published = publish(topic, "hello", sub);
    Delivery made = published.deliveries().get(0);

    // When other nodes claim just before the lease ends, at its end, and again right after
    clock.advanceMillis(LEASE - 1);
    List<Delivery> early = claim(ALL);
    clock.advanceMillis(1);
    List<Delivery> due = await(claimDue(now(), ALL, now() + 10 * SECOND));
    List<Delivery> again = claim(ALL);

    // Then it is claimed once, at the end of the lease, now leased to the claimer until the new time
    assertEquals(List.of(), early);
    assertEquals(1, due.size());
    assertEquals(made.id(), due.get(0).id());
    assertDelivery(due.get(0), topic, published.messageId(), null, "hello", 0, now() + 10 * SECOND);
    assertEquals(sub.arn(), due.get(0).subscriptionArn());
    assertEquals(List.of(), again);

    // And it falls due again when that lease ends
    clock.advanceSeconds(10);
    assertEquals(List.of(made.id()), idsOf(claim(ALL)));
  }

  @Test
  void claimDueTakesTheEarliestFirstAcrossTopicsAndHonoursMax() {
    // Given deliveries of two topics falling due at different times
    TopicRecord a = createTopic("a");
    TopicRecord b = createTopic("b");
    SubscriptionRecord subA = subscribe(a, "sqs", "arn:aws:sqs:us-east-1:000000000000:qa");
    SubscriptionRecord subB = subscribe(b, "sqs", "arn:aws:sqs:us-east-1:000000000000:qb");
    String a1 = publishLeased(a, subA, 10 * SECOND);
    String b1 = publishLeased(b, subB, 20 * SECOND);
    String a2 = publishLeased(a, subA, 30 * SECOND);
    String b2 = publishLeased(b, subB, 40 * SECOND);
    publishLeased(a, subA, 10 * MINUTE);

    // When claims of at most 3 then 3 more run once four are due
    clock.advanceSeconds(40);
    List<Delivery> first = claim(3);
    List<Delivery> second = claim(3);

    // Then the earliest three come first in due order, then the fourth; the later one is not due
    assertEquals(List.of(a1, b1, a2), messageIdsOf(first));
    assertEquals(List.of(b2), messageIdsOf(second));
    assertEquals(Set.of(a.arn(), b.arn()), first.stream().map(Delivery::topicArn).collect(Collectors.toSet()));
  }

  @Test
  void claimDueWithNothingDueIsEmpty() {
    // Given a store without deliveries, then one with a delivery not yet due
    assertEquals(List.of(), claim(ALL));
    TopicRecord topic = createTopic("orders");
    publish(topic, "hello", subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q"));

    // When deliveries are claimed now, and with a max of 0 later / Then none is
    assertEquals(List.of(), claim(ALL));
    clock.advanceMillis(LEASE);
    assertEquals(List.of(), claim(0));
    assertEquals(1, claim(ALL).size());
  }

  // ---- reschedule, complete, enqueue ----------------------------------------------------------

  @Test
  void rescheduleStoresTheNewAttemptAndDueTime() {
    // Given a claimed delivery
    Delivery claimed = claimedDelivery();

    // When its owner reschedules it as attempt 1, due in 2 minutes
    await(reschedule(claimed.withAttempt(1, now() + 2 * MINUTE)));

    // Then it falls due then (not at the claim's lease end), as attempt 1
    clock.advanceMillis(LEASE);
    assertEquals(List.of(), claim(ALL));
    clock.advanceMillis(2 * MINUTE - LEASE);
    List<Delivery> due = claim(ALL);
    assertEquals(List.of(claimed.id()), idsOf(due));
    assertEquals(1, due.get(0).attempt());
  }

  @Test
  void rescheduleCanBringADeliveryForward() {
    // Given a delivery leased for 30 s
    TopicRecord topic = createTopic("orders");
    Delivery made = publish(topic, "hello", subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q"))
        .deliveries().get(0);

    // When it is rescheduled to now
    await(reschedule(made.withAttempt(1, now())));

    // Then it is due at once
    assertEquals(List.of(made.id()), idsOf(claim(ALL)));
  }

  @Test
  void completeRemovesTheDeliveryAndIsIdempotent() {
    // Given a claimed delivery
    Delivery claimed = claimedDelivery();

    // When it is completed twice
    await(complete(claimed));
    await(complete(claimed));

    // Then it never falls due again
    clock.advanceSeconds(3600);
    assertEquals(List.of(), claim(ALL));
  }

  @Test
  void completeAllRemovesTheDeliveriesOfSeveralTopicsAndIgnoresGoneOnes() {
    // Given deliveries of two topics, one of them already completed
    TopicRecord orders = createTopic("orders");
    TopicRecord invoices = createTopic("invoices");
    Published a = publish(orders, "a", subscribe(orders, "sqs", "arn:aws:sqs:us-east-1:000000000000:qa"));
    Published b = publish(invoices, "b", subscribe(invoices, "sqs", "arn:aws:sqs:us-east-1:000000000000:qb"));
    Published c = publish(orders, "c", subscriptionOf(orders));
    await(complete(a.deliveries().get(0)));

    // When all three are completed together
    List<Delivery> all = new java.util.ArrayList<>(a.deliveries());
    all.addAll(b.deliveries());
    all.addAll(c.deliveries());
    await(completeAll(all));

    // Then none of them falls due again
    clock.advanceSeconds(3600);
    assertEquals(List.of(), claim(ALL));
  }

  private SubscriptionRecord subscriptionOf(TopicRecord topic) {
    return await(store.subscriptions(topic.arn())).get(0);
  }

  @Test
  void rescheduleOfACompletedDeliveryIsIgnored() {
    // Given a completed delivery
    Delivery claimed = claimedDelivery();
    await(complete(claimed));

    // When it is rescheduled
    await(reschedule(claimed.withAttempt(1, now())));

    // Then it does not come back
    assertEquals(List.of(), claim(ALL));
  }

  @Test
  void rescheduleAndCompleteOfADeliveryWhoseTopicWasDeletedAreIgnored() {
    // Given a claimed delivery whose topic is then deleted
    Delivery claimed = claimedDelivery();
    await(store.deleteTopic(claimed.topicArn()));

    // When it is rescheduled and completed / Then nothing fails and nothing falls due
    await(reschedule(claimed.withAttempt(1, now())));
    await(complete(claimed));
    assertEquals(List.of(), claim(ALL));
  }

  @Test
  void enqueuedDeliveriesFallDueAtTheirDueTimeWithTheirFields() {
    // Given a topic with a subscription
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");

    // When a replayed message is enqueued, due in 10 s
    Delivery replay = new Delivery(RandomIds.uuid(), topic.arn(), sub.arn(), RandomIds.uuid(), null, bytes("old"), 0,
        now() + 10 * SECOND);
    await(enqueue(List.of(replay)));

    // Then it falls due then, as given
    clock.advanceSeconds(9);
    assertEquals(List.of(), claim(ALL));
    clock.advanceSeconds(1);
    List<Delivery> due = claim(ALL);
    assertEquals(List.of(replay.id()), idsOf(due));
    assertDelivery(due.get(0), topic, replay.messageId(), null, "old", 0, now() + LEASE);
    assertEquals(sub.arn(), due.get(0).subscriptionArn());
  }

  // ---- archive --------------------------------------------------------------------------------

  @Test
  void archivedMessagesInTheWindowComeOldestFirstWithBoundsIncluded() {
    // Given messages archived for an hour, published 1 s apart
    TopicRecord topic = createFifoTopic("orders.fifo");
    long t0 = now();
    List<Published> published = new java.util.ArrayList<>();
    for (String body : List.of("a", "b", "c", "d")) {
      published.add(publishWith(topic, fifoArchived(HOUR), entry(body, body)).get(0));
      clock.advanceSeconds(1);
    }

    // When the window from the second to the third publish time is read
    List<ArchivedMessage> window = archived(topic, t0 + SECOND, t0 + 2 * SECOND);

    // Then both bounds are included, oldest first, with their numbers, bodies and times
    assertEquals(List.of(published.get(1).messageId(), published.get(2).messageId()),
        window.stream().map(ArchivedMessage::messageId).toList());
    assertEquals(published.get(1).sequenceNumber(), window.get(0).sequenceNumber());
    assertEquals("b", text(window.get(0).message()));
    assertEquals(t0 + SECOND, window.get(0).publishedMillis());
    assertEquals(t0 + 2 * SECOND, window.get(1).publishedMillis());
    assertEquals(4, archived(topic, 0, Long.MAX_VALUE).size());
  }

  @Test
  void messagesAreNotArchivedWithoutAnArchiveTime() {
    // Given a message published with archiveUntil 0 / When the archive is read / Then it is empty
    TopicRecord topic = createTopic("orders");
    publish(topic, "hello");
    assertEquals(List.of(), archived(topic, 0, Long.MAX_VALUE));
  }

  @Test
  void archivedMessagesExpireAtTheirArchiveTime() {
    // Given a message archived for one hour, and one archived for two
    TopicRecord topic = createTopic("orders");
    String shortLived = publishWith(topic, new PublishOptions(false, HOLDER, now() + LEASE, now() + HOUR),
        entry("a", null)).get(0).messageId();
    String longLived = publishWith(topic, new PublishOptions(false, HOLDER, now() + LEASE, now() + 2 * HOUR),
        entry("b", null)).get(0).messageId();

    // When the archive is read just before and at the end of the hour
    clock.advanceMillis(HOUR - 1);
    List<ArchivedMessage> before = archived(topic, 0, Long.MAX_VALUE);
    clock.advanceMillis(1);
    List<ArchivedMessage> at = archived(topic, 0, Long.MAX_VALUE);

    // Then the first is gone at its archive time, the second stays
    assertEquals(List.of(shortLived, longLived), before.stream().map(ArchivedMessage::messageId).toList());
    assertEquals(List.of(longLived), at.stream().map(ArchivedMessage::messageId).toList());
  }

  @Test
  void archivedOfAnUnknownTopicIsEmpty() {
    // Given no topic / When its archive is read / Then it is empty
    assertEquals(List.of(), await(store.archived(TopicRecord.arnOf(REGION, ACCOUNT, "missing"), 0, Long.MAX_VALUE,
        now())));
  }

  // ---- payloads -------------------------------------------------------------------------------

  @Test
  void payloadsRoundTripByteForByte() {
    // Given a payload of every byte value, not valid UTF-8, on an archiving FIFO topic
    byte[] payload = new byte[512];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (255 - i % 256);
    }
    TopicRecord topic = createFifoTopic("binary.fifo");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo");

    // When it is published, archived, claimed, and replayed through enqueue
    Published published = publishWith(topic, fifoArchived(HOUR),
        new PublishEntry(RandomIds.uuid(), "d", payload.clone(), List.of(sub.arn()))).get(0);
    clock.advanceMillis(LEASE);
    Delivery claimed = claim(ALL).get(0);
    ArchivedMessage archived = archived(topic, 0, Long.MAX_VALUE).get(0);
    await(complete(claimed));
    await(enqueue(List.of(new Delivery(RandomIds.uuid(), topic.arn(), sub.arn(), archived.messageId(),
        archived.sequenceNumber(), archived.message(), 0, now()))));
    Delivery replayed = claim(ALL).get(0);

    // Then every copy holds exactly the published bytes
    assertArrayEquals(payload, published.deliveries().get(0).message());
    assertArrayEquals(payload, claimed.message());
    assertArrayEquals(payload, archived.message());
    assertArrayEquals(payload, replayed.message());
  }

  @Test
  void anEmptyPayloadRoundTrips() {
    // Given a message with an empty body / When it is published and claimed / Then it is empty
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
    publishWith(topic, standard(), new PublishEntry(RandomIds.uuid(), null, new byte[0], List.of(sub.arn())));
    clock.advanceMillis(LEASE);
    assertArrayEquals(new byte[0], claim(ALL).get(0).message());
  }

  @Test
  void theStoreKeepsItsOwnCopyOfAPublishedPayload() {
    // Given a published message whose byte array the caller then overwrites
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
    byte[] body = bytes("original");
    publishWith(topic, standard(), new PublishEntry(RandomIds.uuid(), null, body, List.of(sub.arn())));
    Arrays.fill(body, (byte) 'x');

    // When the delivery is claimed / Then it carries the bytes as published
    clock.advanceMillis(LEASE);
    assertEquals("original", text(claim(ALL).get(0).message()));
  }

  // ---- helpers --------------------------------------------------------------------------------

  protected long now() {
    return clock.millis();
  }

  protected TopicRecord topicRecord(String region, String account, String name, Map<String, String> attributes,
                                    Map<String, String> tags) {
    return new TopicRecord(TopicRecord.arnOf(region, account, name), region, account, name, attributes, tags, now());
  }

  protected TopicRecord createTopic(String name) {
    return await(store.createTopic(topicRecord(REGION, ACCOUNT, name, Map.of(), Map.of())));
  }

  protected TopicRecord createFifoTopic(String name) {
    return await(store.createTopic(topicRecord(REGION, ACCOUNT, name, Map.of("FifoTopic", "true"), Map.of())));
  }

  protected SubscriptionRecord candidate(TopicRecord topic, String protocol, String endpoint) {
    return candidateAs(topic, RandomIds.uuid(), protocol, endpoint);
  }

  private SubscriptionRecord candidateAs(TopicRecord topic, String id, String protocol, String endpoint) {
    return new SubscriptionRecord(topic.arn() + ":" + id, topic.arn(), ACCOUNT, protocol, endpoint, Map.of(), null,
        false, now());
  }

  protected SubscriptionRecord subscribe(TopicRecord topic, String protocol, String endpoint) {
    SubscribeOutcome outcome = await(store.subscribe(candidate(topic, protocol, endpoint))).orElseThrow();
    assertTrue(outcome.created());
    return outcome.subscription();
  }

  private SubscriptionRecord subscribeAs(TopicRecord topic, String id, String endpoint) {
    return await(store.subscribe(candidateAs(topic, id, "https", endpoint))).orElseThrow().subscription();
  }

  protected static PublishEntry entry(String body, String deduplicationId, SubscriptionRecord... subscriptions) {
    return new PublishEntry(RandomIds.uuid(), deduplicationId, bytes(body),
        Arrays.stream(subscriptions).map(SubscriptionRecord::arn).toList());
  }

  protected PublishOptions standard() {
    return new PublishOptions(false, HOLDER, now() + LEASE, 0);
  }

  protected PublishOptions fifo() {
    return new PublishOptions(true, HOLDER, now() + LEASE, 0);
  }

  protected PublishOptions fifoArchived(long keepMillis) {
    return new PublishOptions(true, HOLDER, now() + LEASE, now() + keepMillis);
  }

  protected List<Published> publishWith(TopicRecord topic, PublishOptions options, PublishEntry... entries) {
    return await(store.publish(topic.arn(), List.of(entries), options, now())).orElseThrow();
  }

  /** Publishes one standard message, leased for {@link #LEASE}, to the subscriptions. */
  protected Published publish(TopicRecord topic, String body, SubscriptionRecord... subscriptions) {
    return publishWith(topic, standard(), entry(body, null, subscriptions)).get(0);
  }

  /** Publishes one standard message whose delivery falls due {@code leaseMillis} from now; returns its id. */
  private String publishLeased(TopicRecord topic, SubscriptionRecord sub, long leaseMillis) {
    return publishWith(topic, new PublishOptions(false, HOLDER, now() + leaseMillis, 0), entry("m", null, sub)).get(0)
        .messageId();
  }

  // The outbox, through the store's deliveries scheduler, in deliveries.

  protected CompletionStage<List<Delivery>> claimDue(long now, int max, long leaseUntil) {
    return store.deliveries().claim(now, max, "claimer", leaseUntil)
        .thenApply(items -> items.stream().map(Delivery::of).toList());
  }

  /** Stores the delivery's attempt and due time, as its holder; false if it does not hold it. */
  protected CompletionStage<Boolean> reschedule(Delivery d) {
    return store.deliveries().reschedule(d.ref(), d.holder(), d.attempt(), d.dueAt());
  }

  protected CompletionStage<Void> complete(Delivery d) {
    return completeAll(List.of(d));
  }

  protected CompletionStage<Void> completeAll(List<Delivery> deliveries) {
    return store.deliveries().complete(deliveries.stream().map(Delivery::ref).toList());
  }

  protected CompletionStage<Void> enqueue(List<Delivery> deliveries) {
    return store.deliveries().add(deliveries.stream().map(Delivery::item).toList(), now());
  }

  /** Claims due deliveries now, leasing them for {@link #LEASE}. */
  protected List<Delivery> claim(int max) {
    return await(claimDue(now(), max, now() + LEASE));
  }

  /** A delivery published, fallen due and claimed now (leased for {@link #LEASE}). */
  private Delivery claimedDelivery() {
    TopicRecord topic = createTopic("orders");
    publish(topic, "hello", subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q"));
    clock.advanceMillis(LEASE);
    List<Delivery> claimed = claim(ALL);
    assertEquals(1, claimed.size());
    return claimed.get(0);
  }

  protected List<ArchivedMessage> archived(TopicRecord topic, long from, long to) {
    return await(store.archived(topic.arn(), from, to, now()));
  }

  protected static void assertDelivery(Delivery d, TopicRecord topic, String messageId, String sequenceNumber,
                                       String body, int attempt, long dueAt) {
    assertEquals(topic.arn(), d.topicArn());
    assertEquals(messageId, d.messageId());
    assertEquals(sequenceNumber, d.sequenceNumber());
    assertEquals(body, text(d.message()));
    assertEquals(attempt, d.attempt());
    assertEquals(dueAt, d.dueAt());
  }

  protected static List<String> idsOf(List<Delivery> deliveries) {
    return deliveries.stream().map(Delivery::id).toList();
  }

  protected static List<String> messageIdsOf(List<Delivery> deliveries) {
    return deliveries.stream().map(Delivery::messageId).toList();
  }

  protected static List<String> subscriptionsOf(List<Delivery> deliveries) {
    return deliveries.stream().map(Delivery::subscriptionArn).toList();
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Waits for a store call; a failure is rethrown as the exception the store completed with. */
  protected static <T> T await(CompletionStage<T> stage) {
    return Await.await(stage);
  }
}
