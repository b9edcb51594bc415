package io.sluice.storage.documents;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory engine against the document store compatibility kit. */
class InMemoryDocumentStoreTest extends DocumentStoreContract {
  private final InMemoryStoreEngine engine = new InMemoryStoreEngine();

  @Override
  protected DocumentStore freshStore() {
    return engine.open(DocumentStore.FACTORY);
  }

  @Test
  void theEngineWipeForgetsEveryDocument() {
    // Given documents of two kinds in two scopes
    await(store.put(DEVICES, HERE, "d", new Device("d", 0)));
    await(store.put(OTHER_DEVICES, Scope.GLOBAL, "d", new Device("d", 0)));

    // When the engine wipes / Then none is left
    await(engine.wipe());
    assertTrue(await(store.find(DEVICES, HERE, "d")).isEmpty());
    assertEquals(List.of(), await(store.ids(OTHER_DEVICES, Scope.GLOBAL, "")));
  }
}
