package io.sluice.firehose.store;

import io.sluice.firehose.FirehoseModule;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the delivery stream store compatibility kit on a Redis Cluster of three
 * masters: every script must touch only one slot, or Redis answers CROSSSLOT. Skipped when there is
 * no cluster.
 */
@FullLoop
class RedisClusterDeliveryStreamStoreTest extends DeliveryStreamStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-firehose");

  @Override
  protected DeliveryStreamStore freshStore() {
    return REDIS.wiped().open(FirehoseModule.STORE);
  }
}
