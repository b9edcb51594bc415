package io.sluice.testing;

import io.sluice.config.SluiceConfig.RedisConfig;
import io.sluice.storage.redis.RedisStoreEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
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
  private final boolean cluster;
  private final String keyPrefix;
  private Vertx vertx;
  private RedisStoreEngine engine;

  private RedisEngineFixture(boolean cluster, String name) {
    this.cluster = cluster;
    this.keyPrefix = RedisTestServer.uniquePrefix(name);
  }

  public static RedisEngineFixture standalone(String name) {
    return new RedisEngineFixture(false, name);
  }

  public static RedisEngineFixture cluster(String name) {
    return new RedisEngineFixture(true, name);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    List<String> urls = cluster ? RedisTestCluster.urls() : List.of(RedisTestServer.url());
    vertx = Vertx.vertx();
    engine = join(RedisStoreEngine.start(vertx, new RedisConfig(urls, cluster, keyPrefix, 8)));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (engine != null) {
      wiped();
      join(Future.fromCompletionStage(engine.close()));
      join(vertx.close());
    }
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
