package io.sluice.swf;

import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationRunner;
import io.sluice.bus.OperationTable;
import io.sluice.logging.FailureLog;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.logging.Logger;

/**
 * SWF on the event bus: takes {@link OperationCall}s off {@link SwfApi#ADDRESS}, runs the operation
 * each names and replies with an {@link io.sluice.bus.OperationResult}. One instance per gateway.
 */
public final class DeciderVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(DeciderVerticle.class.getName());
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private final SwfServices services;

  public DeciderVerticle(SwfServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    OperationTable operations = OperationTable.of(SwfApi.OPERATIONS, SwfServices.class, services);
    return vertx.eventBus().<OperationCall<?>>localConsumer(SwfApi.ADDRESS,
        message -> OperationRunner.run(message, operations, DeciderVerticle::unexpected)).completion();
  }

  private static AwsException unexpected(RequestContext context, Throwable failure) {
    FAILURES.failed("SWF " + context.action() + " failed (request " + context.requestId() + ")", failure);
    return AwsException.of(CommonError.InternalFailure, "An internal error occurred.");
  }
}
