package io.sluice.swf.store;

import io.sluice.swf.SwfModule;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the visibility store compatibility kit on a Redis Cluster of three
 * masters: every script must touch only one slot. Skipped when there is no cluster.
 */
@FullLoop
class RedisClusterVisibilityStoreTest extends VisibilityStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-swf-vis");

  @Override
  protected VisibilityStore freshStore() {
    return REDIS.wiped().open(SwfModule.VISIBILITY);
  }
}
