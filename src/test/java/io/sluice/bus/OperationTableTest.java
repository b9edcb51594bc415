package io.sluice.bus;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.protocol.OperationSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service's operations, checked against their specs when the verticle starts. */
class OperationTableTest {
  private static final Things.Shelf SHELF = new Things.Shelf("top");

  @Test
  void operationsAreFoundByTheirSpecs() {
    // Given the table of PutThing and DropThing
    OperationTable table = OperationTable.of(List.of(Things.PutThing.class, Things.DropThing.class),
        Things.Shelf.class, SHELF);

    // Then both are found by their specs, and an action of another service is not
    assertNotNull(table.find(Things.PUT));
    assertNotNull(table.find(Things.DROP));
    assertNull(table.find(new OperationSpec("PutThing", String.class, null)));
  }

  @Test
  void operationOfAnotherActionsRequestFailsTheStart() {
    // When a table is built with an operation whose Operation type takes another action's request
    // Then the start fails, before any request is sent to it
    assertThrows(IllegalStateException.class,
        () -> OperationTable.of(List.of(Things.MixedUpThing.class), Things.Shelf.class, SHELF));
  }

  @Test
  void streamingOperationIsCheckedAgainstItsResponseRecord() {
    // A streaming operation answering an event stream of its Response record is found by its spec
    OperationTable table = OperationTable.of(List.of(Things.WatchThing.class), Things.Shelf.class, SHELF);
    assertNotNull(table.find(Things.WATCH));

    // One whose stream starts with another record fails the start
    assertThrows(IllegalStateException.class,
        () -> OperationTable.of(List.of(Things.MixedUpWatch.class), Things.Shelf.class, SHELF));
  }

  @Test
  void operationWithoutTheServicesConstructorFailsTheStart() {
    // When a table is built for a service whose shared objects the operations do not take
    // Then the start fails
    assertThrows(IllegalStateException.class,
        () -> OperationTable.of(List.of(Things.PutThing.class), String.class, "top"));
  }
}
