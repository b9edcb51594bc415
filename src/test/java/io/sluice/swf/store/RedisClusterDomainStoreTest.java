package io.sluice.swf.store;

import io.sluice.swf.SwfModule;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the domain store compatibility kit on a Redis Cluster of three masters:
 * every script must touch only one slot, or Redis answers CROSSSLOT. Skipped when there is no cluster.
 */
@FullLoop
class RedisClusterDomainStoreTest extends DomainStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-swf");

  @Override
  protected DomainStore freshStore() {
    return REDIS.wiped().open(SwfModule.STORE);
  }
}
