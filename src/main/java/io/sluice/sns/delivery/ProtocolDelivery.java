package io.sluice.sns.delivery;

import io.vertx.core.Future;

/**
 * Delivers to the endpoints of one subscription protocol. The future succeeds when the endpoint
 * has the message and fails with a {@link DeliveryFailure} otherwise (any other failure counts as
 * retryable).
 */
public interface ProtocolDelivery {
  Future<Void> deliver(Attempt attempt);
}
