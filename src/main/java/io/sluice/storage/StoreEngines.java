package io.sluice.storage;

import io.sluice.config.SluiceConfig;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Creates the engine the configuration names. */
public final class StoreEngines {
  private StoreEngines() {}

  public static Future<StoreEngine> create(SluiceConfig config, Vertx vertx) {
    return switch (config.store()) {
      case MEMORY -> Future.succeededFuture(new InMemoryStoreEngine());
      case REDIS -> RedisStoreEngine.start(vertx, config.redis()).map(engine -> engine);
    };
  }
}
