package io.sluice.swf.store;

import io.sluice.swf.SwfModule;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the visibility store compatibility kit, on its own key prefix of an
 * audited Redis (every key under the prefix, every script on its declared keys in one slot).
 */
@FullLoop
class RedisVisibilityStoreTest extends VisibilityStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("swf-vis");

  @Override
  protected VisibilityStore freshStore() {
    return REDIS.wiped().open(SwfModule.VISIBILITY);
  }
}
