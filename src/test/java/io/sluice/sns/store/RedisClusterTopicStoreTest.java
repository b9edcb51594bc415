package io.sluice.sns.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sns.SnsModule;
import io.sluice.sns.model.TopicRecord;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the topic store compatibility kit on a Redis Cluster of three masters:
 * every script must touch only its topic's (or its index's) slot, or Redis answers CROSSSLOT. The
 * cluster is {@link RedisTestCluster}'s; skipped when there is none.
 */
@FullLoop
class RedisClusterTopicStoreTest extends TopicStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-topics");

  @Override
  protected TopicStore freshStore() {
    return REDIS.wiped().open(SnsModule.STORE);
  }

  @Test
  void claimDueGathersDeliveriesOfTopicsOnEveryMaster() throws Exception {
    // Given twelve topics, whose keys hash to different masters, with a delivery each
    List<String> messageIds = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      TopicRecord topic = createTopic("t" + i);
      messageIds.add(publish(topic, "m", subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q")).messageId());
    }
    List<Long> keysPerMaster = RedisTestCluster.keysOnEachMaster(REDIS.vertx(), REDIS.keyPrefix());
    assertTrue(keysPerMaster.stream().filter(n -> n > 0).count() > 1, keysPerMaster.toString());

    // When they fall due and are claimed
    clock.advanceMillis(LEASE);
    List<String> claimed = messageIdsOf(claim(100));

    // Then every one is claimed once
    assertEquals(12, claimed.size());
    assertEquals(new HashSet<>(messageIds), new HashSet<>(claimed));
  }
}
