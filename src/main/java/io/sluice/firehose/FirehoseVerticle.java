package io.sluice.firehose;

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
 * Firehose on the event bus: takes {@link OperationCall}s off {@link FirehoseApi#ADDRESS}, runs the
 * operation each names and replies with an {@link io.sluice.bus.OperationResult}. One instance per
 * gateway.
 */
public final class FirehoseVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(FirehoseVerticle.class.getName());
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private final FirehoseServices services;

  public FirehoseVerticle(FirehoseServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    OperationTable operations = OperationTable.of(FirehoseApi.OPERATIONS, FirehoseServices.class, services);
    return vertx.eventBus().<OperationCall<?>>localConsumer(FirehoseApi.ADDRESS,
        message -> OperationRunner.run(message, operations, FirehoseVerticle::unexpected)).completion();
  }

  private static AwsException unexpected(RequestContext context, Throwable failure) {
    FAILURES.failed("Firehose " + context.action() + " failed (request " + context.requestId() + ")", failure);
    return AwsException.of(CommonError.InternalFailure, "An internal error occurred.");
  }
}
