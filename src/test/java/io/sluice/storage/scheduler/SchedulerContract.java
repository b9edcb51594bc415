package io.sluice.storage.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.storage.scheduler.Scheduler.ItemRef;
import io.sluice.testing.Await;
import io.sluice.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link Scheduler}: every engine extends this class and must pass every
 * test. The tests pin what the interface's Javadoc states. Time is a {@link ManualClock} passed as
 * {@code now}; nothing sleeps.
 *
 * <p>Subclasses give a scheduler holding no items before each test.
 */
public abstract class SchedulerContract {
  protected static final long SECOND = 1000;
  protected static final long LEASE = 30 * SECOND;
  protected static final String NODE_A = "node-a";
  protected static final String NODE_B = "node-b";
  private static final int ALL = 1000;

  protected final ManualClock clock = new ManualClock();
  protected Scheduler scheduler;

  /** A scheduler holding no items; called before each test. */
  protected abstract Scheduler freshScheduler();

  @BeforeEach
  void giveScheduler() {
    scheduler = freshScheduler();
  }

  // ---- adding and claiming --------------------------------------------------------------------

  @Test
  void aFreeItemFallsDueAtItsDueTimeAndIsClaimedWithItsFields() {
    // Given a free item due in 10 s, with a tag, an attempt count and a payload
    Item added = new Item("i-1", "orders", "sub-a", 2, now() + 10 * SECOND, null, bytes("hello"), null);
    add(added);

    // When it is claimed just before and at its due time
    clock.advanceMillis(10 * SECOND - 1);
    List<Item> early = claim(NODE_A, ALL);
    clock.advanceMillis(1);
    List<Item> due = claim(NODE_A, ALL);

    // Then it comes once due, as added, now held by a lease of the claimer until the lease's end
    assertEquals(List.of(), early);
    assertEquals(1, due.size());
    Item claimed = due.get(0);
    assertEquals("i-1", claimed.id());
    assertEquals("orders", claimed.partition());
    assertEquals("sub-a", claimed.tag());
    assertEquals(2, claimed.attempt());
    assertEquals("hello", text(claimed.payload()));
    assertEquals(now() + LEASE, claimed.dueAt());
    assertTrue(claimed.holder().startsWith(NODE_A), claimed.holder());
  }

  @Test
  void aHeldItemIsClaimableOnlyOnceItsLeaseEndsAndThenByANewLease() {
    // Given an item added held by node A for 30 s
    String holder = Scheduler.newHolder(NODE_A);
    add(new Item("i-1", "orders", null, 0, now() + LEASE, null, bytes("x"), holder));

    // When node B claims just before the lease ends, at its end, and again right after
    clock.advanceMillis(LEASE - 1);
    List<Item> early = claim(NODE_B, ALL);
    clock.advanceMillis(1);
    List<Item> due = await(scheduler.claim(now(), ALL, NODE_B, now() + 10 * SECOND));
    List<Item> again = claim(NODE_B, ALL);

    // Then it is claimed once, at the end of the lease, under a new holder until the new lease's end
    assertEquals(List.of(), early);
    assertEquals(List.of("i-1"), idsOf(due));
    assertNotEquals(holder, due.get(0).holder());
    assertEquals(now() + 10 * SECOND, due.get(0).dueAt());
    assertNull(due.get(0).tag());
    assertEquals(List.of(), again);

    // And it falls due again when that lease ends
    clock.advanceSeconds(10);
    assertEquals(List.of("i-1"), idsOf(claim(NODE_B, ALL)));
  }

  @Test
  void claimTakesTheEarliestDueFirstAcrossPartitionsAndHonoursMax() {
    // Given items of two partitions falling due at different times, two of them at the same time
    add(free("a1", "a", 10 * SECOND), free("b1", "b", 20 * SECOND), free("a2", "a", 30 * SECOND),
        free("b3", "b", 40 * SECOND), free("b2", "b", 40 * SECOND), free("a3", "a", 600 * SECOND));

    // When claims of at most 3 then 3 more run once five are due
    clock.advanceSeconds(40);
    List<Item> first = claim(NODE_A, 3);
    List<Item> second = claim(NODE_A, 3);

    // Then the earliest three come first in due order, then the rest (ties by id); the later one is not due
    assertEquals(List.of("a1", "b1", "a2"), idsOf(first));
    assertEquals(List.of("b2", "b3"), idsOf(second));
  }

  @Test
  void claimWithNothingDueOrAMaxOfZeroIsEmpty() {
    // Given no item, then one not yet due
    assertEquals(List.of(), claim(NODE_A, ALL));
    add(free("i-1", "orders", 10 * SECOND));

    // When items are claimed now, and with a max of 0 once it is due / Then none is
    assertEquals(List.of(), claim(NODE_A, ALL));
    clock.advanceSeconds(10);
    assertEquals(List.of(), claim(NODE_A, 0));
    assertEquals(List.of("i-1"), idsOf(claim(NODE_A, ALL)));
  }

  @Test
  void addingAnItemOfAnExistingIdReplacesIt() {
    // Given an item due in 10 s
    add(new Item("i-1", "orders", "sub-a", 0, now() + 10 * SECOND, null, bytes("old"), null));

    // When an item of the same id is added, due in 20 s with other fields
    add(new Item("i-1", "orders", "sub-b", 3, now() + 20 * SECOND, null, bytes("new"), null));

    // Then only the new one exists
    clock.advanceSeconds(10);
    assertEquals(List.of(), claim(NODE_A, ALL));
    clock.advanceSeconds(10);
    List<Item> due = claim(NODE_A, ALL);
    assertEquals(1, due.size());
    assertEquals("sub-b", due.get(0).tag());
    assertEquals(3, due.get(0).attempt());
    assertEquals("new", text(due.get(0).payload()));
  }

  @Test
  void oneAddCanSpanSeveralPartitions() {
    // Given items of three partitions added in one call
    add(free("a", "p1", 0), free("b", "p2", 0), free("c", "p3", 0));

    // When they are claimed / Then all three come
    assertEquals(List.of("a", "b", "c"), idsOf(claim(NODE_A, ALL)));
  }

  // ---- leases ---------------------------------------------------------------------------------

  @Test
  void renewMovesTheLeaseOnWhileTheHolderHoldsTheItem() {
    // Given an item claimed by node A
    Item held = claimedItem(NODE_A);

    // When node A renews its lease 20 s later for another 30 s
    clock.advanceSeconds(20);
    boolean renewed = await(scheduler.renew(held.ref(), held.holder(), now() + LEASE));

    // Then the item is not due when the first lease would have ended, but when the renewed one ends
    assertTrue(renewed);
    clock.advanceSeconds(10);
    assertEquals(List.of(), claim(NODE_B, ALL));
    clock.advanceSeconds(20);
    assertEquals(List.of(held.id()), idsOf(claim(NODE_B, ALL)));
  }

  @Test
  void aClaimByAnotherNodeAfterTheLeaseMakesTheFirstHoldersRenewalAndRescheduleFail() {
    // Given an item claimed by node A, whose lease ran out, claimed by node B
    Item heldByA = claimedItem(NODE_A);
    clock.advanceMillis(LEASE);
    Item heldByB = claim(NODE_B, ALL).get(0);

    // When node A renews and reschedules it
    boolean renewed = await(scheduler.renew(heldByA.ref(), heldByA.holder(), now() + LEASE));
    boolean rescheduled = await(scheduler.reschedule(heldByA.ref(), heldByA.holder(), 1, now()));

    // Then both fail, and nothing changed: node B holds it, and it is due when B's lease ends
    assertFalse(renewed);
    assertFalse(rescheduled);
    assertEquals(List.of(), claim(NODE_A, ALL));
    assertTrue(await(scheduler.renew(heldByB.ref(), heldByB.holder(), heldByB.dueAt())));
    clock.advanceMillis(LEASE);
    List<Item> due = claim(NODE_A, ALL);
    assertEquals(List.of(heldByA.id()), idsOf(due));
    assertEquals(0, due.get(0).attempt());
  }

  @Test
  void everyClaimIsANewLeaseEvenByTheSameOwner() {
    // Given an item claimed by node A, whose lease ran out, claimed by node A again
    Item first = claimedItem(NODE_A);
    clock.advanceMillis(LEASE);
    Item second = claim(NODE_A, ALL).get(0);

    // When the first claim's holder renews / Then it fails, while the second's succeeds
    assertNotEquals(first.holder(), second.holder());
    assertFalse(await(scheduler.renew(first.ref(), first.holder(), now() + LEASE)));
    assertTrue(await(scheduler.renew(second.ref(), second.holder(), now() + LEASE)));
  }

  @Test
  void aHolderWhoseLeaseEndedKeepsTheItemIfNobodyClaimedItMeanwhile() {
    // Given an item claimed by node A, whose lease ran out unnoticed
    Item held = claimedItem(NODE_A);
    clock.advanceMillis(LEASE + 5 * SECOND);

    // When node A renews / Then it still holds it, and nobody can claim it before the new lease ends
    assertTrue(await(scheduler.renew(held.ref(), held.holder(), now() + LEASE)));
    assertEquals(List.of(), claim(NODE_B, ALL));
  }

  @Test
  void renewAndRescheduleOfAFreeAGoneOrAnUnknownItemFail() {
    // Given a free item, a completed one, and an id never added
    add(free("free", "orders", 10 * SECOND));
    Item completed = claimedItem(NODE_A);
    complete(completed);
    ItemRef unknown = new ItemRef("orders", "never");

    // When each is renewed and rescheduled / Then nothing is
    String holder = Scheduler.newHolder(NODE_A);
    for (ItemRef ref : List.of(new ItemRef("orders", "free"), completed.ref(), unknown)) {
      assertFalse(await(scheduler.renew(ref, holder, now() + LEASE)), ref.toString());
      assertFalse(await(scheduler.reschedule(ref, holder, 1, now())), ref.toString());
    }
    assertFalse(await(scheduler.renew(completed.ref(), completed.holder(), now() + LEASE)));
    assertFalse(await(scheduler.reschedule(completed.ref(), completed.holder(), 1, now())));

    // And the free item is still due at its time, and the completed one never again
    clock.advanceSeconds(3600);
    assertEquals(List.of("free"), idsOf(claim(NODE_A, ALL)));
  }

  // ---- rescheduling ---------------------------------------------------------------------------

  @Test
  void rescheduleStoresTheAttemptAndDueTimeAndTheHolderKeepsTheItem() {
    // Given an item claimed by node A
    Item held = claimedItem(NODE_A);

    // When node A reschedules it as attempt 1, due in 60 s, and then renews it at that time
    boolean rescheduled = await(scheduler.reschedule(held.ref(), held.holder(), 1, now() + 60 * SECOND));
    clock.advanceSeconds(59);
    List<Item> early = claim(NODE_B, ALL);
    clock.advanceSeconds(1);
    boolean renewed = await(scheduler.renew(held.ref(), held.holder(), now() + LEASE));

    // Then the item was not due before, is still node A's, and keeps its attempt count
    assertTrue(rescheduled);
    assertEquals(List.of(), early);
    assertTrue(renewed);
    clock.advanceMillis(LEASE);
    List<Item> due = claim(NODE_B, ALL);
    assertEquals(List.of(held.id()), idsOf(due));
    assertEquals(1, due.get(0).attempt());
  }

  @Test
  void rescheduleCanBringAnItemForward() {
    // Given an item held by node A until its lease ends in 30 s
    String holder = Scheduler.newHolder(NODE_A);
    add(new Item("i-1", "orders", null, 0, now() + LEASE, null, bytes("x"), holder));

    // When it is rescheduled to now / Then it is due now
    assertTrue(await(scheduler.reschedule(new ItemRef("orders", "i-1"), holder, 1, now())));
    assertEquals(List.of("i-1"), idsOf(claim(NODE_B, ALL)));
  }

  // ---- removing -------------------------------------------------------------------------------

  @Test
  void completeRemovesItemsOfSeveralPartitionsWhoeverHoldsThemAndIgnoresGoneOnes() {
    // Given items of two partitions, one of them held, one already completed
    String holder = Scheduler.newHolder(NODE_A);
    add(free("a1", "a", 0), new Item("b1", "b", null, 0, now() + LEASE, null, bytes("x"), holder),
        free("a2", "a", 0), free("a3", "a", 0));
    complete(new ItemRef("a", "a1"));

    // When a1, a2 and b1 are completed together
    await(scheduler.complete(List.of(new ItemRef("a", "a1"), new ItemRef("a", "a2"), new ItemRef("b", "b1"))));

    // Then only a3 falls due ever again
    clock.advanceSeconds(3600);
    assertEquals(List.of("a3"), idsOf(claim(NODE_A, ALL)));
  }

  @Test
  void removeTagRemovesTheItemsOfThatTagOfThatPartitionOnly() {
    // Given items of two tags in one partition and of the same tag in another
    add(tagged("a1", "orders", "sub-1"), tagged("a2", "orders", "sub-1"), tagged("b1", "orders", "sub-2"),
        tagged("c1", "invoices", "sub-1"), free("d1", "orders", 0));

    // When the tag is removed from the first partition
    await(scheduler.removeTag("orders", "sub-1"));

    // Then its items are gone, the others stay
    assertEquals(List.of("b1", "c1", "d1"), idsOf(claim(NODE_A, ALL)));
  }

  @Test
  void removePartitionRemovesAllItsItemsAndThePartitionCanBeUsedAgain() {
    // Given items of two partitions, one claimed
    add(free("a1", "a", 0), tagged("a2", "a", "sub"), free("b1", "b", 0));
    claim(NODE_A, 1);

    // When the first partition is removed, and later an item is added to it again
    await(scheduler.removePartition("a"));
    clock.advanceMillis(LEASE);
    List<Item> afterRemoval = claim(NODE_A, ALL);
    add(free("a9", "a", 0));

    // Then its items are gone, the other partition's stay, and the new item is due
    assertEquals(List.of("b1"), idsOf(afterRemoval));
    assertEquals(List.of("a9"), idsOf(claim(NODE_A, ALL)));
  }

  // ---- payloads -------------------------------------------------------------------------------

  @Test
  void itemsNamingOnePayloadKeyShareTheFirstPayloadUntilTheLastIsRemoved() {
    // Given three items naming one payload key, added in two calls with different payloads
    add(new Item("i-1", "orders", null, 0, now(), "m-1", bytes("first"), null),
        new Item("i-2", "orders", null, 0, now(), "m-1", bytes("second"), null));
    add(new Item("i-3", "orders", null, 0, now() + SECOND, "m-1", bytes("third"), null));

    // When the first two are claimed and completed, and the third claimed later
    List<Item> firstTwo = claim(NODE_A, 2);
    complete(firstTwo.toArray(Item[]::new));
    clock.advanceSeconds(1);
    List<Item> third = claim(NODE_A, ALL);

    // Then every one carried the first payload, and a key used again after the last is new
    assertEquals(List.of("first", "first"), firstTwo.stream().map(i -> text(i.payload())).toList());
    assertEquals("first", text(third.get(0).payload()));
    complete(third.get(0));
    add(new Item("i-4", "orders", null, 0, now(), "m-1", bytes("fourth"), null));
    assertEquals("fourth", text(claim(NODE_A, ALL).get(0).payload()));
  }

  @Test
  void payloadsRoundTripByteForByte() {
    // Given a payload of every byte value, not valid UTF-8, and an empty one
    byte[] payload = new byte[512];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (255 - i % 256);
    }
    add(new Item("bin", "orders", null, 0, now(), null, payload.clone(), null),
        new Item("empty", "orders", null, 0, now(), null, new byte[0], null));

    // When they are claimed / Then they hold exactly the bytes added
    List<Item> due = claim(NODE_A, ALL);
    assertArrayEquals(payload, due.get(0).payload());
    assertArrayEquals(new byte[0], due.get(1).payload());
  }

  @Test
  void theSchedulerKeepsItsOwnCopyOfAPayload() {
    // Given an item whose payload array the caller then overwrites
    byte[] payload = bytes("original");
    add(new Item("i-1", "orders", null, 0, now(), null, payload, null));
    Arrays.fill(payload, (byte) 'x');

    // When it is claimed / Then it carries the bytes as added
    assertEquals("original", text(claim(NODE_A, ALL).get(0).payload()));
  }

  // ---- helpers --------------------------------------------------------------------------------

  protected long now() {
    return clock.millis();
  }

  /** A free item without tag, due {@code inMillis} from now, its payload its id. */
  protected Item free(String id, String partition, long inMillis) {
    return new Item(id, partition, null, 0, now() + inMillis, null, bytes(id), null);
  }

  /** A free item of a tag, due now. */
  protected Item tagged(String id, String partition, String tag) {
    return new Item(id, partition, tag, 0, now(), null, bytes(id), null);
  }

  protected void add(Item... items) {
    await(scheduler.add(List.of(items), now()));
  }

  /** Claims due items now for {@code owner}, leasing them for {@link #LEASE}. */
  protected List<Item> claim(String owner, int max) {
    return await(scheduler.claim(now(), max, owner, now() + LEASE));
  }

  /** A free item added due now and claimed by {@code owner} (leased for {@link #LEASE}). */
  protected Item claimedItem(String owner) {
    add(free("claimed", "orders", 0));
    List<Item> claimed = claim(owner, ALL);
    assertEquals(1, claimed.size());
    return claimed.get(0);
  }

  protected void complete(Item... items) {
    await(scheduler.complete(Arrays.stream(items).map(Item::ref).toList()));
  }

  protected void complete(ItemRef... refs) {
    await(scheduler.complete(List.of(refs)));
  }

  protected static List<String> idsOf(List<Item> items) {
    return new ArrayList<>(items.stream().map(Item::id).toList());
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  protected static <T> T await(CompletionStage<T> stage) {
    return Await.await(stage);
  }
}
