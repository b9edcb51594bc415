package io.sluice.bus;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.Operation;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.protocol.eventstream.EventStreamReply;
import io.sluice.storage.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A small stand-in service for bus tests: operation classes in Sluice's convention. */
final class Things {
  private Things() {}

  /** What the operations share (a service's {@code …Services} record). */
  record Shelf(String name) {}

  /**
   * Answers with the thing's name and the shelf it went on; fails with InvalidParameterValue for the
   * name "invalid", unexpectedly for "boom", and as the store's outage does for "outage".
   */
  public static final class PutThing implements Operation<PutThing.Request, PutThing.Response> {
    public record Request(String name) {}

    public record Response(String placed) {}

    private final Shelf shelf;

    public PutThing(Shelf shelf) {
      this.shelf = shelf;
    }

    @Override
    public CompletionStage<Response> execute(RequestContext context, Request request) {
      return switch (request.name()) {
        case "invalid" -> CompletableFuture.failedFuture(AwsException.of(CommonError.InvalidParameterValue, "no"));
        case "boom" -> throw new IllegalStateException("boom");
        case "outage" -> CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(
            new StoreUnavailableException("Redis at redis://r:6379 is unavailable: connection refused", null)));
        default -> CompletableFuture.completedFuture(new Response(request.name() + "@" + shelf.name()));
      };
    }
  }

  /** Has no output. */
  public static final class DropThing implements Operation<DropThing.Request, Void> {
    public record Request(String name) {}

    public DropThing(Shelf shelf) {}

    @Override
    public CompletionStage<Void> execute(RequestContext context, Request request) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Implements an operation of another action's request: a bug the table finds at start. */
  public static final class MixedUpThing implements Operation<PutThing.Request, Void> {
    public record Request(String name) {}

    public MixedUpThing(Shelf shelf) {}

    @Override
    public CompletionStage<Void> execute(RequestContext context, PutThing.Request request) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Answers with an event stream of nothing, its initial response of its Response record. */
  public static final class WatchThing implements Operation<WatchThing.Request, EventStreamReply<WatchThing.Response>> {
    public record Request(String name) {}

    public record Response(String watching) {}

    public WatchThing(Shelf shelf) {}

    @Override
    public CompletionStage<EventStreamReply<Response>> execute(RequestContext context, Request request) {
      return CompletableFuture.completedFuture(new EventStreamReply<>(new Response(request.name()),
          subscriber -> { }, Duration.ofMinutes(5)));
    }
  }

  /** Answers with an event stream whose initial response is another action's record: a bug found at start. */
  public static final class MixedUpWatch implements Operation<MixedUpWatch.Request,
      EventStreamReply<PutThing.Response>> {
    public record Request(String name) {}

    public record Response(String watching) {}

    public MixedUpWatch(Shelf shelf) {}

    @Override
    public CompletionStage<EventStreamReply<PutThing.Response>> execute(RequestContext context, Request request) {
      return CompletableFuture.completedFuture(null);
    }
  }

  static final OperationSpec WATCH = OperationSpec.ofOperationClass(WatchThing.class);
  static final OperationSpec PUT = OperationSpec.ofOperationClass(PutThing.class);
  static final OperationSpec DROP = OperationSpec.ofOperationClass(DropThing.class);

  static RequestContext context(String action) {
    return new RequestContext("req-1", "things", action, WireProtocol.JSON_1_0, "us-east-1", "000000000000",
        "AKIDEXAMPLE", "localhost", "http", "/");
  }
}
