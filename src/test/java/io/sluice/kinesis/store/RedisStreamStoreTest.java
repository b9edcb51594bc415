package io.sluice.kinesis.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kinesis.KinesisModule;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the stream store compatibility kit, on its own key prefix of an audited
 * Redis (every key under the prefix, every script on its declared keys in one slot), plus the key
 * layout: a stream's metadata and each of its shards under hash tags of their own.
 */
@FullLoop
class RedisStreamStoreTest extends StreamStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("streams");

  @Override
  protected StreamStore freshStore() {
    return REDIS.wiped().open(KinesisModule.STORE);
  }

  @Test
  void aStreamsMetadataAndEachShardHaveHashTagsOfTheirOwn() {
    // Given a stream of three shards with a record in each
    StreamRecord s = created("layout", 3);
    for (int shard = 0; shard < 3; shard++) {
      append(s, shard, "r" + shard);
    }

    // When the keys under the prefix are listed
    List<String> keys = REDIS.keys(REDIS.keyPrefix() + ":*");

    // Then there are the metadata, the names index and one stream per shard, each with its own tag
    String base = REDIS.keyPrefix() + ":kinesis:{";
    String stream = REGION + "/" + ACCOUNT + "/layout";
    Set<String> expected = Set.of(
        base + "stream:" + stream + "}:meta",
        base + "idx:" + REGION + "/" + ACCOUNT + "}:streams",
        base + "shard:" + stream + "/" + s.createdMillis() + "/0}:records",
        base + "shard:" + stream + "/" + s.createdMillis() + "/1}:records",
        base + "shard:" + stream + "/" + s.createdMillis() + "/2}:records");
    assertEquals(expected, Set.copyOf(keys));
    Set<String> tags = keys.stream().map(k -> k.substring(k.indexOf('{'), k.indexOf('}') + 1))
        .collect(Collectors.toSet());
    assertEquals(5, tags.size());
    assertTrue(keys.stream().allMatch(k -> k.startsWith(base)));
  }

  @Test
  void aSealIsWrittenInItsShardsSlotAndDeletedWithTheStream() {
    // Given a stream whose shard 0 was split and sealed
    StreamRecord s = created("sealed", 1);
    clock.advanceMillis(500);
    StreamRecord after = await(store.reshard(s.id(), s.createdMillis(), split(s, 0, false), now())).stream();
    await(store.seal(after, 0, now()));
    String records = REDIS.keyPrefix() + ":kinesis:{shard:" + REGION + "/" + ACCOUNT + "/sealed/" + s.createdMillis()
        + "/0}:";

    // When the keys are listed, and again after the stream is deleted
    List<String> keys = REDIS.keys(REDIS.keyPrefix() + ":*");
    await(store.delete(s.id(), now() + 500, now()));
    List<String> afterDelete = REDIS.keys(records + "*");

    // Then the seal is beside the shard's records, under the shard's tag, and goes with the stream
    assertTrue(keys.contains(records + "end"), keys.toString());
    assertEquals(List.of(), afterDelete);
  }
}
