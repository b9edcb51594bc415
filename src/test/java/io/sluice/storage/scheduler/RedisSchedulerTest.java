package io.sluice.storage.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.scheduler.RedisScheduler.PartitionDue;
import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the scheduler compatibility kit, on its own key prefix of the test
 * Redis, plus what only this engine has: the key layout, payloads stored once, and the due index
 * with its sweep.
 */
@FullLoop
class RedisSchedulerTest extends SchedulerContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("scheduler");

  @Override
  protected Scheduler freshScheduler() {
    return REDIS.wiped().open(Scheduler.named("test"));
  }

  private RedisScheduler redisScheduler() {
    return (RedisScheduler) scheduler;
  }

  private static String namespace() {
    return REDIS.keyPrefix() + ":scheduler:test:";
  }

  private static <T> T join(Future<T> f) {
    return await(f.toCompletionStage());
  }

  private static Response redis(Request request) {
    return REDIS.send(request);
  }

  private void loseTheDueIndex() {
    List<String> index = redisScheduler().indexKeys();
    redis(Request.cmd(Command.DEL).arg(index.get(0)).arg(index.get(1)));
  }

  private long indexScore(String partition) {
    Response score = redis(Request.cmd(Command.ZSCORE).arg(redisScheduler().indexKeys().get(0)).arg(partition));
    return score == null ? -1 : (long) Double.parseDouble(score.toString());
  }

  @Test
  void everyKeyLivesInTheSchedulersNamespaceAndAPartitionsKeysShareItsHashTag() {
    // Given items of a partition, claimed and not, with a tag
    add(tagged("a", "orders", "sub"), free("b", "orders", 60 * SECOND));
    claim(NODE_A, 10);

    // When the keys under the prefix are listed
    List<String> keys = REDIS.keys(REDIS.keyPrefix() + ":*");

    // Then each is the partition's (one tag) or the index's
    for (String key : keys) {
      assertTrue(key.startsWith(namespace() + "{orders}:") || key.startsWith(namespace() + "index:{test}:"), key);
    }
    assertEquals(redisScheduler().partitionKeys("orders").size(),
        keys.stream().filter(k -> k.startsWith(namespace() + "{orders}:")).count(), keys.toString());
  }

  @Test
  void aPayloadIsStoredOnceForTheItemsSharingItsKeyAndFreedWithTheLast() {
    // Given three items naming one payload key
    add(new Item("i-1", "orders", "s1", 0, now(), "m", bytes("hello"), null),
        new Item("i-2", "orders", "s2", 0, now(), "m", bytes("hello"), null),
        new Item("i-3", "orders", "s3", 0, now(), "m", bytes("hello"), null));
    String pay = redisScheduler().partitionKeys("orders").get(3);
    String payref = redisScheduler().partitionKeys("orders").get(4);
    assertEquals(1L, redis(Request.cmd(Command.HLEN).arg(pay)).toLong());

    // When one tag is removed and the other two are claimed and completed
    await(scheduler.removeTag("orders", "s1"));
    List<Item> claimed = claim(NODE_A, 10);
    complete(claimed.toArray(Item[]::new));

    // Then both carried the payload, and no copy of it is left
    assertEquals(List.of("hello", "hello"), claimed.stream().map(i -> text(i.payload())).toList());
    assertEquals(0L, redis(Request.cmd(Command.HLEN).arg(pay)).toLong());
    assertEquals(0L, redis(Request.cmd(Command.HLEN).arg(payref)).toLong());
  }

  @Test
  void anItemWhoseIndexEntryWasLostIsFoundByASweepAtMostEvery30Seconds() {
    // Given an item due in 60 s, a claim now, and then the due index lost
    add(free("i-1", "orders", 60 * SECOND));
    assertEquals(List.of(), claim(NODE_A, 10));
    loseTheDueIndex();

    // When it falls due, is claimed for 10 s, and the index is lost again
    clock.advanceSeconds(60);
    List<Item> swept = await(scheduler.claim(now(), 10, NODE_A, now() + 10 * SECOND));
    loseTheDueIndex();
    clock.advanceSeconds(10);
    List<Item> tooSoon = claim(NODE_A, 10);
    clock.advanceSeconds(20);
    List<Item> sweptAgain = claim(NODE_A, 10);

    // Then the first sweep found it, the next claim did not sweep yet, and the one 30 s after did
    assertEquals(List.of("i-1"), idsOf(swept));
    assertEquals(List.of(), tooSoon);
    assertEquals(List.of("i-1"), idsOf(sweptAgain));
  }

  @Test
  void aPartitionTrackedByAServiceIsSweptEvenIfItsIndexUpdateWasLost() {
    // Given a partition a service tracked, then an item of it whose index update was lost
    join(redisScheduler().track("orders"));
    add(free("i-1", "orders", 0));
    loseTheDueIndex();

    // When items are claimed / Then the sweep finds it
    assertEquals(List.of("i-1"), idsOf(claim(NODE_A, 10)));
  }

  @Test
  void anOlderReadingOfAPartitionDoesNotRaiseTheIndexOverALaterAdd() {
    // Given a claimer that read a partition (earliest due in 60 s), then an add due in 10 s
    add(free("late", "orders", 60 * SECOND));
    PartitionDue reading = join(redisScheduler().peek("orders", now(), 10)).state();
    add(free("early", "orders", 10 * SECOND));

    // When the claimer's older reading reaches the index after the add's
    join(redisScheduler().index("exact", List.of(reading)));

    // Then the index still has the partition due by the add's time
    assertEquals(now() + 10 * SECOND, indexScore("orders"));
  }

  @Test
  void aClaimThatEmptiesAPartitionRemovesItFromTheDueIndex() {
    // Given a claimed item, completed
    add(free("i-1", "orders", 0));
    complete(claim(NODE_A, 10).get(0));

    // When items are claimed again after the lease / Then none is, and the index is empty
    clock.advanceMillis(LEASE);
    assertEquals(List.of(), claim(NODE_A, 10));
    assertEquals(0L, redis(Request.cmd(Command.ZCARD).arg(redisScheduler().indexKeys().get(0))).toLong());
  }

  @Test
  void removingAPartitionForgetsItInTheIndexAndTheRegistry() {
    // Given a partition with an item
    add(free("i-1", "orders", 0));

    // When it is removed
    await(scheduler.removePartition("orders"));

    // Then neither the index nor the registry names it, and none of its keys is left
    assertEquals(-1, indexScore("orders"));
    assertFalse(redis(Request.cmd(Command.SISMEMBER).arg(redisScheduler().indexKeys().get(2)).arg("orders"))
        .toBoolean());
    assertEquals(List.of(), REDIS.keys(namespace() + "{orders}:*"));
  }

  @Test
  void aRemovedPartitionMadeAgainIsNotForgottenByTheRemovalsLateUnregistering() {
    // Given a partition a script removed at its version, and a step that made it again since (a new
    // run of a workflowId whose last one was just deleted)
    add(free("old", "orders", 0));
    long removedAt = Long.parseLong(redis(Request.cmd(Command.HGET).arg(namespace() + "{orders}:meta").arg("ver"))
        .toString());
    await(scheduler.removePartition("orders"));
    clock.advanceMillis(SECOND);
    add(free("new", "orders", 0));

    // When the removal unregisters it only then
    join(redisScheduler().forget("orders", removedAt));

    // Then it stays registered and indexed, and its item is claimed
    assertTrue(redis(Request.cmd(Command.SISMEMBER).arg(redisScheduler().indexKeys().get(2)).arg("orders"))
        .toBoolean());
    assertTrue(indexScore("orders") >= 0);
    assertEquals(List.of("new"), claim(NODE_A, 10).stream().map(Item::id).toList());

    // And unregistering it at its own version forgets it
    long now = Long.parseLong(redis(Request.cmd(Command.HGET).arg(namespace() + "{orders}:meta").arg("ver"))
        .toString());
    join(redisScheduler().forget("orders", now));
    assertEquals(-1, indexScore("orders"));
  }
}
