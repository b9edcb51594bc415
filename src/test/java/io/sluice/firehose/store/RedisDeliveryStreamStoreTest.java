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
  void aStreamsMetadataAndBufferShareATagAndGoTogether() {
    DeliveryStreamRecord s = created("layout");
    append(s, "r");
    String base = REDIS.keyPrefix() + ":firehose:{";
    String tag = base + "stream:" + REGION + "/" + ACCOUNT + "/layout}:";

    Set<String> keys = Set.copyOf(REDIS.keys(REDIS.keyPrefix() + ":*"));
    await(store.delete(s.id(), now() + 500, now()));
    List<String> afterDelete = REDIS.keys(tag + "records");

    assertEquals(Set.of(tag + "meta", tag + "records", base + "idx:" + REGION + "/" + ACCOUNT + "}:names"), keys);
    assertEquals(List.of(), afterDelete);
  }
}
