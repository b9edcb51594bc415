package io.sluice.sns;

import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationRunner;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SNS on the event bus: takes {@link OperationCall}s off {@link SnsApi.ADDRESS}, runs the named
 * operation and replies with an {@link OperationResult}. Deliveries are made by the node's
 * {@link io.sluice.sns.delivery.DeliveryDispatcher}, shared by all instances.
 */
public final class NotifyVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(NotifyVerticle.class.getName());
  private final SnsServices services;
  private final Map<String, Operation<Object, Object>> operations = new HashMap<>();

  public NotifyVerticle(SnsServices services) {
    this.services = services;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<?> start() throws Exception {
    for (Class<?> c : SnsApi.OPERATIONS) {
      operations.put(c.getSimpleName(),
          (Operation<Object, Object>) c.getConstructor(SnsServices.class).newInstance(services));
    }
    return vertx.eventBus().<OperationCall>localConsumer(SnsApi.ADDRESS, this::handle).completion();
  }

  private void handle(Message<OperationCall> message) {
    OperationCall call = message.body();
    OperationRunner.run(message, operations.get(call.context().action()), failure -> {
      LOG.log(Level.WARNING, "SNS " + call.context().action() + " failed (request " + call.context().requestId() + ")",
          failure);
      return AwsException.of(SnsError.InternalError, "Internal Error");
    });
  }
}
