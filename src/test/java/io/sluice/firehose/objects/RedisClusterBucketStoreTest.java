package io.sluice.firehose.objects;

import io.sluice.firehose.FirehoseModule;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the bucket store compatibility kit on a Redis Cluster of three masters:
 * every script must touch only one slot, or Redis answers CROSSSLOT. Skipped when there is no cluster.
 */
@FullLoop
class RedisClusterBucketStoreTest extends BucketStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-firehose-objects");

  @Override
  protected BucketStore freshStore() {
    return REDIS.wiped().open(FirehoseModule.OBJECTS);
  }
}
