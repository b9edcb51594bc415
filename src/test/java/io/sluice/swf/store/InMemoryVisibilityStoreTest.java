package io.sluice.swf.store;

/** The memory engine against the visibility store compatibility kit. */
class InMemoryVisibilityStoreTest extends VisibilityStoreContract {
  @Override
  protected VisibilityStore freshStore() {
    return new InMemoryVisibilityStore();
  }
}
