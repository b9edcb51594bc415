package io.sluice.sqs;

import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationRunner;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.Operation;
import io.sluice.sqs.store.QueueGoneException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SQS on the event bus: takes {@link OperationCall}s off {@link SqsApi#ADDRESS}, runs the named
 * operation and replies with an {@link io.sluice.bus.OperationResult}. One instance per gateway;
 * the node-wide parts (long-poll wake-ups, cache invalidation, the move-task driver) are started
 * once per node by {@link SqsModule}.
 */
public final class QueueVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(QueueVerticle.class.getName());
  private final SqsServices services;
  private final Map<String, Operation<Object, Object>> operations = new HashMap<>();

  public QueueVerticle(SqsServices services) {
    this.services = services;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<?> start() throws Exception {
    for (Class<?> c : SqsApi.OPERATIONS) {
      Operation<Object, Object> op = (Operation<Object, Object>) c.getConstructor(SqsServices.class).newInstance(services);
      operations.put(c.getSimpleName(), op);
    }
    return vertx.eventBus().<OperationCall>localConsumer(SqsApi.ADDRESS, this::handle).completion();
  }

  private void handle(Message<OperationCall> message) {
    OperationCall call = message.body();
    OperationRunner.run(message, operations.get(call.context().action()), failure -> {
      if (failure instanceof QueueGoneException) {
        return QueueDirectory.doesNotExist();
      }
      LOG.log(Level.WARNING, "SQS " + call.context().action() + " failed (request " + call.context().requestId() + ")",
          failure);
      return AwsException.of(CommonError.InternalFailure,
          "The request processing has failed because of an unknown error, exception or failure.");
    });
  }
}
