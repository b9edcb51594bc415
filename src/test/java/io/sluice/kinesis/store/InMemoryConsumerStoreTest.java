package io.sluice.kinesis.store;

/** The in-memory engine against the consumer store compatibility kit. */
class InMemoryConsumerStoreTest extends ConsumerStoreContract {

  @Override
  protected ConsumerStore freshStore() {
    return new InMemoryConsumerStore();
  }
}
