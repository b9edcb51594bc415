package io.sluice.sqs;

import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationRunner;
import io.sluice.bus.OperationTable;
import io.sluice.logging.FailureLog;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.store.QueueGoneException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.logging.Logger;

/**
 * SQS on the event bus: takes {@link OperationCall}s off {@link SqsApi#ADDRESS}, runs the operation
 * each names and replies with an {@link io.sluice.bus.OperationResult}. One instance per gateway,
 * registering only its request consumer; the node-wide parts (long-poll wake-ups, cache
 * invalidation, the move-task driver) are started once per node by {@link SqsNode}.
 */
public final class QueueVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(QueueVerticle.class.getName());
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private final SqsServices services;

  public QueueVerticle(SqsServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    OperationTable operations = OperationTable.of(SqsApi.OPERATIONS, SqsServices.class, services);
    return vertx.eventBus().<OperationCall<?>>localConsumer(SqsApi.ADDRESS,
        message -> OperationRunner.run(message, operations, QueueVerticle::unexpected)).completion();
  }

  private static AwsException unexpected(RequestContext context, Throwable failure) {
    if (failure instanceof QueueGoneException) {
      return QueueDirectory.doesNotExist();
    }
    FAILURES.failed("SQS " + context.action() + " failed (request " + context.requestId() + ")", failure);
    return AwsException.of(CommonError.InternalFailure,
        "The request processing has failed because of an unknown error, exception or failure.");
  }
}
