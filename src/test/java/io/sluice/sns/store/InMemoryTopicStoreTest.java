package io.sluice.sns.store;


/** The in-memory engine against the topic store compatibility kit. */
class InMemoryTopicStoreTest extends TopicStoreContract {

  @Override
  protected TopicStore freshStore() {
    return new InMemoryTopicStore();
  }
}
