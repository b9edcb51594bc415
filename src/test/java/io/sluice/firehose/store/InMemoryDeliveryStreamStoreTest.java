package io.sluice.firehose.store;

/** The in-memory engine against the delivery stream store compatibility kit. */
class InMemoryDeliveryStreamStoreTest extends DeliveryStreamStoreContract {

  @Override
  protected DeliveryStreamStore freshStore() {
    return new InMemoryDeliveryStreamStore();
  }
}
