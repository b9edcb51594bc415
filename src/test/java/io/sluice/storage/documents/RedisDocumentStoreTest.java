package io.sluice.storage.documents;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the document store compatibility kit, on its own key prefix of the test
 * Redis, plus the key layout: every key in the store's namespace, one hash tag per kind and scope.
 */
@FullLoop
class RedisDocumentStoreTest extends DocumentStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("documents");

  @Override
  protected DocumentStore freshStore() {
    return REDIS.wiped().open(DocumentStore.FACTORY);
  }

  private static <T> T join(Future<T> f) {
    return await(f.toCompletionStage());
  }

  @Test
  void everyKeyIsInTheNamespaceUnderTheHashTagOfItsKindAndScope() {
    // Given documents of two kinds in two scopes
    await(store.put(DEVICES, HERE, "a", new Device("a", 0)));
    await(store.put(DEVICES, HERE, "b", new Device("b", 0)));
    await(store.put(DEVICES, Scope.GLOBAL, "a", new Device("a", 0)));
    await(store.upsert(SETTINGS, HERE, "s", new java.util.TreeMap<>(), Update.of().set("k", "v")));

    // When the keys under the prefix are listed
    Set<String> keys = new TreeSet<>(REDIS.keys(REDIS.keyPrefix() + ":*"));

    // Then there are two per kind and scope, each pair under one tag
    String base = REDIS.keyPrefix() + ":documents:";
    assertEquals(Set.of(
        base + "{kit-device/us-east-1/000000000000}:docs", base + "{kit-device/us-east-1/000000000000}:ids",
        base + "{kit-device/global/global}:docs", base + "{kit-device/global/global}:ids",
        base + "{kit-settings/us-east-1/000000000000}:docs", base + "{kit-settings/us-east-1/000000000000}:ids"),
        keys);
  }

  @Test
  void wipeDeletesEveryDocumentKeyAndNothingElse() {
    // Given a document, and a key of another deployment sharing the Redis
    await(store.put(DEVICES, HERE, "a", new Device("a", 0)));
    String foreign = REDIS.foreignKey(REDIS.keyPrefix() + "-other:key");
    REDIS.send(Request.cmd(Command.SET).arg(foreign).arg("keep"));

    // When the engine wipes
    REDIS.wiped();

    // Then the documents are gone and the other deployment's key is kept
    assertEquals(List.of(), REDIS.keys(REDIS.keyPrefix() + ":*"));
    assertTrue(await(store.find(DEVICES, HERE, "a")).isEmpty());
    assertEquals("keep", REDIS.send(Request.cmd(Command.GET).arg(foreign)).toString());
    REDIS.send(Request.cmd(Command.DEL).arg(foreign));
  }
}
