package io.sluice.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A service verticle's request path on a real event bus: typed calls in, results or failures out. */
class OperationRunnerTest {
  private static final String ADDRESS = "test.things";
  private static final long TIMEOUT_MS = 5_000;
  /** What the stand-in service names unexpected failures. */
  private static final BiFunction<RequestContext, Throwable, AwsException> UNEXPECTED =
      (context, failure) -> AwsException.of(CommonError.InternalFailure, "unexpected in %s", context.action());

  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    LocalCodec.registerAll(vertx.eventBus());
    OperationTable table = OperationTable.of(List.of(Things.PutThing.class), Things.Shelf.class,
        new Things.Shelf("top"));
    vertx.eventBus().<OperationCall<?>>localConsumer(ADDRESS, m -> OperationRunner.run(m, table, UNEXPECTED))
        .completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Future<Message<OperationResult<?>>> send(OperationCall<?> call) {
    return LocalRequests.send(vertx, ADDRESS, call, TIMEOUT_MS);
  }

  @Test
  void callRunsTheOperationItsSpecNames() throws Exception {
    // When PutThing is called over the bus
    OperationResult<?> result = await(send(new OperationCall<>(Things.context("PutThing"), Things.PUT,
        new Things.PutThing.Request("lamp")))).body();

    // Then the operation's response comes back
    assertNull(result.error());
    assertEquals(new Things.PutThing.Response("lamp@top"), result.response());
  }

  @Test
  void callOfAnOperationTheServiceDoesNotHaveFailsWith500() throws Exception {
    // When DropThing is sent to a service that has only PutThing
    Future<Message<OperationResult<?>>> reply = send(new OperationCall<>(Things.context("DropThing"), Things.DROP,
        new Things.DropThing.Request("lamp")));

    // Then the recipient fails the message, and the client would see an internal failure
    Throwable failure = failureOf(reply);
    AwsException error = BusFailures.toAwsError(failure);
    assertEquals("InternalFailure", error.error().code());
    assertEquals(500, error.error().httpStatus());
  }

  @Test
  void awsErrorOfTheOperationIsTheResultsError() throws Exception {
    // When PutThing fails with an AWS error
    OperationResult<?> result = await(send(new OperationCall<>(Things.context("PutThing"), Things.PUT,
        new Things.PutThing.Request("invalid")))).body();

    // Then the result carries it
    assertEquals("InvalidParameterValue", result.error().error().code());
  }

  @Test
  void unexpectedFailureOfTheOperationGoesThroughTheServicesMapper() throws Exception {
    // When PutThing throws
    OperationResult<?> result = await(send(new OperationCall<>(Things.context("PutThing"), Things.PUT,
        new Things.PutThing.Request("boom")))).body();

    // Then the result carries the service's internal error
    assertEquals("InternalFailure", result.error().error().code());
    assertEquals("unexpected in PutThing", result.error().getMessage());
  }

  @Test
  void storeOutageIsServiceUnavailableNotTheServicesInternalError() throws Exception {
    // When PutThing fails because the store cannot be reached
    OperationResult<?> result = await(send(new OperationCall<>(Things.context("PutThing"), Things.PUT,
        new Things.PutThing.Request("outage")))).body();

    // Then the result is 503 ServiceUnavailable, which callers retry
    assertEquals("ServiceUnavailable", result.error().error().code());
    assertEquals(503, result.error().error().httpStatus());
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the request succeeded");
  }
}
