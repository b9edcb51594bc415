package io.sluice.swf.store;

/** The memory engine against the task list store compatibility kit. */
class InMemoryTaskListStoreTest extends TaskListStoreContract {
  @Override
  protected TaskListStore freshStore() {
    return new InMemoryTaskListStore();
  }
}
