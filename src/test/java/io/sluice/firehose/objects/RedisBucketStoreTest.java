package io.sluice.firehose.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.firehose.FirehoseModule;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the bucket store compatibility kit, on its own key prefix of an audited
 * Redis (every key under the prefix, every script on its declared keys in one slot), plus the key
 * layout: a bucket's keys under one hash tag, the account's index under another.
 */
@FullLoop
class RedisBucketStoreTest extends BucketStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("firehose-objects");

  @Override
  protected BucketStore freshStore() {
    return REDIS.wiped().open(FirehoseModule.OBJECTS);
  }

  @Test
  void aBucketsKeysShareATagAndTheAccountIndexHasItsOwn() {
    put(ACCOUNT, "logs", "2026/k", "x");

    String base = REDIS.keyPrefix() + ":firehose:{";
    String tag = base + "bucket:logs}:";
    assertEquals(Set.of(tag + "bucket", tag + "keys", tag + "meta", tag + "body:2026/k",
        base + "buckets:" + ACCOUNT + "}:names"), Set.copyOf(REDIS.keys(REDIS.keyPrefix() + ":*")));
  }
}
