package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.config.SluiceConfig.RedisConfig;
import io.sluice.storage.redis.RedisStoreEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Redis engine on its own key prefix and Vert.x for a Redis store's tests, registered
 * as a static {@code @RegisterExtension} field: connected before the class's tests, its keys deleted
 * and closed after them. On the test Redis ({@link RedisTestServer}) or cluster ({@link RedisTestCluster};
 * the class is skipped when there is none).
 */
public final class RedisEngineFixture implements BeforeAllCallback, AfterAllCallback {
  private enum Mode { STANDALONE, CLUSTER, AUDITED, PRIVATE }

  private final Mode mode;
  private final String keyPrefix;
  private Vertx vertx;
  private RedisStoreEngine engine;
  private RedisTestServer.Server privateServer;
  private RedisKeyAudit audit;
  private Redis raw;
  private final Set<String> foreignKeys = ConcurrentHashMap.newKeySet();

  private RedisEngineFixture(Mode mode, String name) {
    this.mode = mode;
    this.keyPrefix = RedisTestServer.uniquePrefix(name);
  }

  public static RedisEngineFixture standalone(String name) {
    return new RedisEngineFixture(Mode.STANDALONE, name);
  }

  public static RedisEngineFixture cluster(String name) {
    return new RedisEngineFixture(Mode.CLUSTER, name);
  }

  /** On a Redis server of its own, for tests that read server-wide figures (SLOWLOG, INFO). */
  public static RedisEngineFixture privateServer(String name) {
    return new RedisEngineFixture(Mode.PRIVATE, name);
  }

  /**
   * On a Redis server of its own whose every command is watched ({@link RedisKeyAudit}): after the
   * class's tests, it fails unless every key the store used lies under the key prefix, every script
   * touched only the keys it declared, and each script's keys share one hash slot.
   */
  public static RedisEngineFixture audited(String name) {
    return new RedisEngineFixture(Mode.AUDITED, name);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    List<String> urls = switch (mode) {
      case STANDALONE -> List.of(RedisTestServer.url());
      case CLUSTER -> RedisTestCluster.urls();
      case AUDITED -> {
        privateServer = RedisTestServer.startPrivate();
        audit = RedisKeyAudit.start("127.0.0.1", privateServer.port());
        yield List.of(privateServer.url());
      }
      case PRIVATE -> {
        privateServer = RedisTestServer.startPrivate();
        yield List.of(privateServer.url());
      }
    };
    vertx = Vertx.vertx();
    engine = join(RedisStoreEngine.start(vertx, new RedisConfig(urls, mode == Mode.CLUSTER, keyPrefix, 8)));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (raw != null) {
        join(raw.close());
      }
      if (engine != null) {
        wiped();
        join(Future.fromCompletionStage(engine.close()));
        join(vertx.close());
      }
      if (audit != null) {
        // Given everything the class's tests made the store do, then its keys were in order
        List<String> problems = audit.problems(keyPrefix, foreignKeys);
        assertTrue(audit.commandsSeen() > 0, "the audit saw no command");
        assertEquals(List.of(), problems.stream().distinct().limit(20).toList());
      }
    } finally {
      if (audit != null) {
        audit.close();
      }
      if (privateServer != null) {
        privateServer.stop();
      }
    }
  }

  /** The URL of the Redis the engine uses (for tests that look at its keys). */
  public String url() {
    return mode == Mode.CLUSTER ? null : privateServer != null ? privateServer.url() : RedisTestServer.url();
  }

  /** A key outside the prefix that the test writes on purpose (another deployment's); the audit lets it be. */
  public String foreignKey(String key) {
    foreignKeys.add(key);
    return key;
  }

  /** A client of the test's own on the engine's Redis (not a cluster), to look at keys and write foreign ones. */
  public synchronized Redis raw() {
    if (raw == null) {
      raw = Redis.createClient(vertx, url());
    }
    return raw;
  }

  /** Sends {@code request} on {@link #raw()} and waits for the answer. */
  public Response send(Request request) {
    return join(raw().send(request));
  }

  /** The keys matching a glob on the engine's Redis (not a cluster), by SCAN. */
  public List<String> keys(String pattern) {
    return RedisTestCluster.keys(raw(), pattern);
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public Vertx vertx() {
    return vertx;
  }

  public RedisStoreEngine engine() {
    return engine;
  }

  /** The engine, with every key under its prefix deleted. */
  public RedisStoreEngine wiped() {
    join(Future.fromCompletionStage(engine.wipe()));
    return engine;
  }

  public static <T> T join(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
