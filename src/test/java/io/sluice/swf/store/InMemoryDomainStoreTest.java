package io.sluice.swf.store;

/** The in-memory engine against the domain store compatibility kit. */
class InMemoryDomainStoreTest extends DomainStoreContract {

  @Override
  protected DomainStore freshStore() {
    return new InMemoryDomainStore();
  }
}
