package io.sluice.sns;

import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationRunner;
import io.sluice.bus.OperationTable;
import io.sluice.logging.FailureLog;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.logging.Logger;

/**
 * SNS on the event bus: takes {@link OperationCall}s off {@link SnsApi#ADDRESS}, runs the operation
 * each names and replies with an {@link io.sluice.bus.OperationResult}. One instance per gateway,
 * registering only its request consumer; deliveries and cache invalidation are the node's, started
 * once per node by {@link SnsModule}.
 */
public final class NotifyVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(NotifyVerticle.class.getName());
  private static final FailureLog FAILURES = new FailureLog(LOG);
  private final SnsServices services;

  public NotifyVerticle(SnsServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    OperationTable operations = OperationTable.of(SnsApi.OPERATIONS, SnsServices.class, services);
    return vertx.eventBus().<OperationCall<?>>localConsumer(SnsApi.ADDRESS,
        message -> OperationRunner.run(message, operations, NotifyVerticle::unexpected)).completion();
  }

  private static AwsException unexpected(RequestContext context, Throwable failure) {
    FAILURES.failed("SNS " + context.action() + " failed (request " + context.requestId() + ")", failure);
    return AwsException.of(SnsError.InternalError, "Internal Error");
  }
}
