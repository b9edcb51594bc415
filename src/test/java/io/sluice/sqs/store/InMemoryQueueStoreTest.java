package io.sluice.sqs.store;


/** The in-memory engine against the store compatibility kit. */
class InMemoryQueueStoreTest extends QueueStoreContract {

  @Override
  protected QueueStore freshStore() {
    return new InMemoryQueueStore();
  }
}
