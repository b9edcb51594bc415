package io.sluice.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * Request/reply to a consumer on this node, always with an explicit timeout. Every request on the
 * bus goes through here; a failed reply becomes an AWS error through {@link BusFailures}.
 */
public final class LocalRequests {
  private LocalRequests() {}

  /** Sends {@code body} to {@code address} on this node and waits up to {@code timeoutMs} for the reply. */
  public static <T> Future<Message<T>> send(Vertx vertx, String address, Object body, long timeoutMs) {
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("a request to " + address + " needs a timeout, not " + timeoutMs);
    }
    return vertx.eventBus().request(address, body, new DeliveryOptions().setLocalOnly(true).setSendTimeout(timeoutMs));
  }
}
