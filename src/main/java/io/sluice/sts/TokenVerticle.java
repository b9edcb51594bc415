package io.sluice.sts;

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
 * STS on the event bus: takes {@link OperationCall}s off {@link StsApi#ADDRESS}, runs the operation
 * each names and replies with an {@link io.sluice.bus.OperationResult}. One instance per gateway.
 */
public final class TokenVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(TokenVerticle.class.getName());
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private final StsServices services;

  public TokenVerticle(StsServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    OperationTable operations = OperationTable.of(StsApi.OPERATIONS, StsServices.class, services);
    return vertx.eventBus().<OperationCall<?>>localConsumer(StsApi.ADDRESS,
        message -> OperationRunner.run(message, operations, TokenVerticle::unexpected)).completion();
  }

  private static AwsException unexpected(RequestContext context, Throwable failure) {
    FAILURES.failed("STS " + context.action() + " failed (request " + context.requestId() + ")", failure);
    return AwsException.of(CommonError.InternalFailure, "An internal error occurred.");
  }
}
