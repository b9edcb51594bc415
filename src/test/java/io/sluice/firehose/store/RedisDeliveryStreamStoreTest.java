package io.sluice.firehose.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.firehose.FirehoseModule;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the delivery stream store compatibility kit, on its own key prefix of an
 * audited Redis (every key under the prefix, every script on its declared keys in one slot), plus
 * the key layout: a stream's metadata and buffer under one hash tag, the names index under another.
 */
@FullLoop
class RedisDeliveryStreamStoreTest extends DeliveryStreamStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("firehose");

  @Override
  protected DeliveryStreamStore freshStore() {
    return REDIS.wiped().open(FirehoseModule.STORE);
  }

  @Test
  void aStreamsMetadataBufferAndFlushesShareATagAndGoTogether() {
    DeliveryStreamRecord s = created("layout");
    append(s, "r");
    String base = REDIS.keyPrefix() + ":";
    String tag = "{stream:" + REGION + "/" + ACCOUNT + "/layout}:";
    String flushes = base + "scheduler:firehose-flushes:" + tag;

    Set<String> keys = Set.copyOf(REDIS.keys(REDIS.keyPrefix() + ":*"));
    await(store.delete(s.id(), now() + 500, now()));
    Set<String> afterDelete = Set.copyOf(REDIS.keys(REDIS.keyPrefix() + ":*" + tag + "*"));

    Set<String> expected = new java.util.HashSet<>(Set.of(base + "firehose:" + tag + "meta",
        base + "firehose:" + tag + "records", base + "firehose:{idx:" + REGION + "/" + ACCOUNT + "}:names"));
    for (String suffix : List.of("items", "due", "pay", "payref", "meta")) {
      expected.add(flushes + suffix);
    }
    for (String suffix : List.of("due", "versions", "partitions")) {
      expected.add(base + "scheduler:firehose-flushes:index:{firehose-flushes}:" + suffix);
    }
    assertEquals(expected, keys);
    assertEquals(Set.of(base + "firehose:" + tag + "meta"), afterDelete);
  }
}
