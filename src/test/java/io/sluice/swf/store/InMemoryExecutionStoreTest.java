package io.sluice.swf.store;

/** The memory engine against the execution store compatibility kit. */
class InMemoryExecutionStoreTest extends ExecutionStoreContract {
  @Override
  protected ExecutionStore freshStore() {
    return new InMemoryExecutionStore();
  }
}
