package io.sluice.kinesis.store;

import io.sluice.kinesis.KinesisModule;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the stream store compatibility kit on a Redis Cluster of three masters:
 * every script must touch only one slot, or Redis answers CROSSSLOT. Skipped when there is no cluster.
 */
@FullLoop
class RedisClusterStreamStoreTest extends StreamStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-streams");

  @Override
  protected StreamStore freshStore() {
    return REDIS.wiped().open(KinesisModule.STORE);
  }
}
