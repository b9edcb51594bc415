package io.sluice.kinesis.store;

/** The in-memory engine against the stream store compatibility kit. */
class InMemoryStreamStoreTest extends StreamStoreContract {

  @Override
  protected StreamStore freshStore() {
    return new InMemoryStreamStore();
  }
}
