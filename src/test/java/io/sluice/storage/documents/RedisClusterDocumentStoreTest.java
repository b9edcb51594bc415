package io.sluice.storage.documents;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestCluster;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the document store compatibility kit on a Redis Cluster of three
 * masters: every script must touch only its kind-and-scope's slot, or Redis answers CROSSSLOT. The
 * cluster is {@link RedisTestCluster}'s; skipped when there is none.
 */
@FullLoop
class RedisClusterDocumentStoreTest extends DocumentStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.cluster("cluster-documents");

  @Override
  protected DocumentStore freshStore() {
    return REDIS.wiped().open(DocumentStore.FACTORY);
  }

  @Test
  void scopesSpreadOverTheMastersAndEachIsServed() throws Exception {
    // Given one document in each of twelve accounts, whose tags hash to different masters
    for (int i = 0; i < 12; i++) {
      await(store.upsert(DEVICES, Scope.of("us-east-1", String.format("%012d", i)), "d", new Device("d", i),
          Update.of().setEntry("attributes", "n", Integer.toString(i))));
    }
    List<Long> keysPerMaster = RedisTestCluster.keysOnEachMaster(REDIS.vertx(), REDIS.keyPrefix());
    assertTrue(keysPerMaster.stream().filter(n -> n > 0).count() > 1, keysPerMaster.toString());

    // When each account's documents are listed / Then each has its own
    for (int i = 0; i < 12; i++) {
      List<Document<Device>> listed = await(store.list(DEVICES, Scope.of("us-east-1", String.format("%012d", i)), ""));
      assertEquals(1, listed.size());
      assertEquals(Integer.toString(i), listed.get(0).value().attributes().get("n"));
    }
  }
}
