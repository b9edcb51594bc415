package io.sluice.storage.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the scheduler compatibility kit on a Redis Cluster of three masters:
 * every script must touch only its partition's (or its index's) slot, or Redis answers CROSSSLOT.
 * The cluster is {@link RedisTestCluster}'s; skipped when there is none.
 */
@FullLoop
class RedisClusterSchedulerTest extends SchedulerContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-scheduler");

  @Override
  protected Scheduler freshScheduler() {
    return REDIS.wiped().open(Scheduler.named("test"));
  }

  @Test
  void claimGathersItemsOfPartitionsOnEveryMaster() throws Exception {
    // Given twelve partitions, whose keys hash to different masters, with an item each
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(free("i" + i, "partition-" + i, 0));
    }
    add(items.toArray(Item[]::new));
    List<Long> keysPerMaster = RedisTestCluster.keysOnEachMaster(REDIS.vertx(), REDIS.keyPrefix());
    assertTrue(keysPerMaster.stream().filter(n -> n > 0).count() > 1, keysPerMaster.toString());

    // When they are claimed
    List<String> claimed = idsOf(claim(NODE_A, 100));

    // Then every one is claimed once
    assertEquals(12, claimed.size());
    assertEquals(new HashSet<>(items.stream().map(Item::id).toList()), new HashSet<>(claimed));
  }
}
