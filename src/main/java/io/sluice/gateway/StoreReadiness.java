package io.sluice.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A node's readiness: up while its store answers a ping with true within the timeout, down once
 * {@link #markStopping()} was called (graceful shutdown), so load balancers and Kubernetes stop
 * sending it traffic.
 */
public final class StoreReadiness implements NodeHealth {
  private final Vertx vertx;
  private final Supplier<CompletionStage<Boolean>> ping;
  private final long timeoutMs;
  private final AtomicBoolean stopping = new AtomicBoolean();

  public StoreReadiness(Vertx vertx, Supplier<CompletionStage<Boolean>> ping, long timeoutMs) {
    this.vertx = vertx;
    this.ping = ping;
    this.timeoutMs = timeoutMs;
  }

  /** From now on the node reports itself down. */
  public void markStopping() {
    stopping.set(true);
  }

  @Override
  public Future<Status> readiness() {
    if (stopping.get()) {
      return Future.succeededFuture(new Status(false, "shutting down"));
    }
    Promise<Status> result = Promise.promise();
    long timer = vertx.setTimer(timeoutMs, id -> result.tryComplete(new Status(false, "store did not answer")));
    CompletionStage<Boolean> answer;
    try {
      answer = ping.get();
    } catch (RuntimeException e) {
      vertx.cancelTimer(timer);
      return Future.succeededFuture(new Status(false, "store unreachable"));
    }
    answer.whenComplete((up, failure) -> {
      vertx.cancelTimer(timer);
      if (failure != null) {
        result.tryComplete(new Status(false, "store unreachable"));
      } else {
        result.tryComplete(Boolean.TRUE.equals(up) ? Status.UP : new Status(false, "store not ready"));
      }
    });
    return result.future();
  }
}
