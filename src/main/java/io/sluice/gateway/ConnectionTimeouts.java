package io.sluice.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Closes the connections of one gateway that hold a handle without using it, once their first
 * request's headers have arrived (before, {@link FirstRequestTimeout} watches them): a request's body
 * must arrive within {@code idleTimeoutMs} of its headers, and a connection that has been answered
 * must bring the headers of its next request within {@code idleTimeoutMs}. A request that has
 * arrived whole and is being answered (a held long poll) keeps its connection for as long as it
 * takes: its end is bounded by the request timeout instead. Confined to the gateway's event loop.
 */
final class ConnectionTimeouts {
  private final Vertx vertx;
  private final long idleTimeoutMs;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  ConnectionTimeouts(Vertx vertx, long idleTimeoutMs) {
    this.vertx = vertx;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /**
   * Vert.x made a connection of the accepted socket, once its first request's headers were complete
   * (before that, {@link FirstRequestTimeout} watches it).
   */
  void connected(HttpConnection connection) {
    Watch watch = new Watch(connection);
    watches.put(connection, watch);
    connection.closeHandler(v -> {
      Watch closed = watches.remove(connection);
      if (closed != null) {
        closed.disarm();
      }
    });
    watch.arm(idleTimeoutMs);
  }

  /** A request's headers arrived: its body is due, then the connection waits for its answer. */
  void requestArrived(HttpServerRequest request) {
    Watch watch = watches.get(request.connection());
    if (watch == null) {
      return;
    }
    watch.inFlight.add(request);
    watch.arm(idleTimeoutMs);
    request.response().endHandler(v -> {
      watch.inFlight.remove(request);
      if (watch.inFlight.isEmpty()) {
        watch.arm(idleTimeoutMs);
      }
    });
  }

  /**
   * One connection's deadline. Moving it costs no timer: a pending timer that finds the deadline
   * moved sleeps again for the rest (every deadline here is {@code idleTimeoutMs} after its event).
   */
  private final class Watch {
    final HttpConnection connection;
    final Set<HttpServerRequest> inFlight = new LinkedHashSet<>();
    long deadline;
    boolean armed;
    long timer = -1;

    Watch(HttpConnection connection) {
      this.connection = connection;
    }

    void arm(long delayMs) {
      armed = true;
      deadline = System.nanoTime() + delayMs * 1_000_000;
      if (timer < 0) {
        schedule(delayMs);
      }
    }

    void disarm() {
      armed = false;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    private void schedule(long delayMs) {
      timer = vertx.setTimer(Math.max(1, delayMs), id -> {
        timer = -1;
        long left = deadline - System.nanoTime();
        if (!armed) {
          return;
        }
        if (left > 0) {
          schedule((left + 999_999) / 1_000_000);
          return;
        }
        armed = false;
        expired();
      });
    }

    private void expired() {
      // Requests that have arrived whole are being answered: not this timer's business.
      if (!inFlight.isEmpty() && inFlight.stream().allMatch(HttpServerRequest::isEnded)) {
        return;
      }
      connection.close();
    }
  }
}
