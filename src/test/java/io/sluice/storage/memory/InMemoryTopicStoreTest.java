package io.sluice.storage.memory;

import io.sluice.storage.TopicStore;
import io.sluice.storage.TopicStoreContract;

/** The in-memory engine against the topic store compatibility kit. */
class InMemoryTopicStoreTest extends TopicStoreContract {

  @Override
  protected TopicStore freshStore() {
    return new InMemoryTopicStore();
  }
}
