package io.sluice.storage.memory;

import io.sluice.storage.QueueStore;
import io.sluice.storage.QueueStoreContract;

/** The in-memory engine against the store compatibility kit. */
class InMemoryQueueStoreTest extends QueueStoreContract {

  @Override
  protected QueueStore freshStore() {
    return new InMemoryQueueStore();
  }
}
