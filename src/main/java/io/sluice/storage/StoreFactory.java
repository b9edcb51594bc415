package io.sluice.storage;

import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;

/**
 * How a service makes its store on each engine. {@link StoreEngine#open} calls the method of the
 * engine the node runs on.
 *
 * @param <S> the service's store interface
 */
public interface StoreFactory<S> {

  /** The store in this JVM's memory; register what {@link StoreEngine#wipe} must clear with {@link InMemoryStoreEngine#keep}. */
  S inMemory(InMemoryStoreEngine engine);

  /** The store on Redis, its keys built by {@link RedisStoreEngine#keys}. */
  S redis(RedisStoreEngine engine);
}
