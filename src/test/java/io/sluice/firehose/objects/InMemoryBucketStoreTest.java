package io.sluice.firehose.objects;

/** The in-memory engine against the bucket store compatibility kit. */
class InMemoryBucketStoreTest extends BucketStoreContract {

  @Override
  protected BucketStore freshStore() {
    return new InMemoryBucketStore();
  }
}
