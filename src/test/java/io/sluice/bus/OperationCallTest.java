package io.sluice.bus;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A call on the bus names its operation and is only built for a request of that operation. */
class OperationCallTest {

  @Test
  void callCarriesARequestOfItsOperationsType() {
    // Given a request of PutThing
    Things.PutThing.Request request = new Things.PutThing.Request("lamp");

    // When a call of PutThing is built with it
    OperationCall<Things.PutThing.Request> call = new OperationCall<>(Things.context("PutThing"), Things.PUT, request);

    // Then it carries the request as it is
    assertSame(request, call.request());
  }

  @Test
  void callWithAnotherOperationsRequestIsRefused() {
    // When a call of PutThing is built with DropThing's request
    // Then it is refused before it reaches the bus
    assertThrows(IllegalArgumentException.class, () -> new OperationCall<Object>(Things.context("PutThing"),
        Things.PUT, new Things.DropThing.Request("lamp")));
  }

  @Test
  void callWhoseContextNamesAnotherActionIsRefused() {
    // When a call of PutThing is built in the context of DropThing
    // Then it is refused
    assertThrows(IllegalArgumentException.class, () -> new OperationCall<>(Things.context("DropThing"), Things.PUT,
        new Things.PutThing.Request("lamp")));
  }

  @Test
  void callWithoutARequestIsRefused() {
    // When a call of PutThing is built without a request
    // Then it is refused
    assertThrows(NullPointerException.class, () -> new OperationCall<>(Things.context("PutThing"), Things.PUT, null));
  }
}
