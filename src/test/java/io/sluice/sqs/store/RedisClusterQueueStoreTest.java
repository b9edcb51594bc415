package io.sluice.sqs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sqs.SqsModule;
import io.sluice.sqs.model.QueueId;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the store compatibility kit on a Redis Cluster of three masters: every
 * script must touch only its queue's slot (Redis answers CROSSSLOT otherwise) and wipe must reach
 * every master. The cluster is {@link RedisTestCluster}'s; skipped when there is none.
 */
@FullLoop
class RedisClusterQueueStoreTest extends QueueStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster");

  @Override
  protected QueueStore freshStore() {
    return REDIS.wiped().open(SqsModule.STORE);
  }

  @Test
  void wipeReachesTheKeysOnEveryMaster() throws Exception {
    // Given queues whose keys hash to different masters
    List<QueueId> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(createStandard("q" + i));
      send(ids.get(i), "m");
    }
    List<Long> keysPerMaster = RedisTestCluster.keysOnEachMaster(REDIS.vertx(), REDIS.keyPrefix());
    assertTrue(keysPerMaster.stream().filter(n -> n > 0).count() > 1, keysPerMaster.toString());

    // When the engine wipes
    REDIS.wiped();

    // Then no master holds a key under the prefix
    assertEquals(List.of(0L, 0L, 0L), RedisTestCluster.keysOnEachMaster(REDIS.vertx(), REDIS.keyPrefix()));
    assertEquals(List.of(), await(store.allQueues()));
  }
}
