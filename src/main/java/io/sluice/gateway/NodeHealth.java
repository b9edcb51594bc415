package io.sluice.gateway;

import io.vertx.core.Future;

/**
 * Whether this node should receive traffic ({@code GET /health}, {@code /health/ready}): down while it
 * shuts down or while its store does not answer.
 */
@FunctionalInterface
public interface NodeHealth {

  /** {@code reason} says why the node is down; null when it is up. */
  record Status(boolean up, String reason) {
    public static final Status UP = new Status(true, null);
  }

  /** Completes with the node's readiness; never fails. */
  Future<Status> readiness();
}
