package io.sluice.sqs;

import io.sluice.bus.Addresses;
import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationRunner;
import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.Operation;
import io.sluice.sqs.model.QueueId;
import io.sluice.storage.QueueGoneException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SQS on the event bus: takes {@link OperationCall}s off {@link Addresses#SQS_API}, runs the named
 * operation and replies with an {@link OperationResult}. Also listens for cluster-wide announcements
 * of new messages (to wake long polls) and of changed queues (to drop cached attributes). One
 * instance per node also drives message move tasks with a periodic timer (see
 * {@link MessageMoveTaskDriver}).
 */
public final class QueueVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(QueueVerticle.class.getName());
  /** How often the node's move-task driver looks for work. */
  static final long MOVE_TASK_TICK_MILLIS = 200;
  private static final String ROLES = "sqs.node-roles";
  private static final String DRIVER_ROLE = "message-move-task-driver";
  private final SqsServices services;
  private final LongPolls longPolls;
  private final Map<String, Operation<Object, Object>> operations = new HashMap<>();
  private long driverTimer = -1;

  public QueueVerticle(SqsServices services, LongPolls longPolls) {
    this.services = services;
    this.longPolls = longPolls;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<?> start() throws Exception {
    for (Class<?> c : SqsApi.OPERATIONS) {
      Operation<Object, Object> op = (Operation<Object, Object>) c.getConstructor(SqsServices.class).newInstance(services);
      operations.put(c.getSimpleName(), op);
    }
    var bus = vertx.eventBus();
    var api = bus.<OperationCall>localConsumer(Addresses.SQS_API, this::handle);
    var arrivals = bus.<String>consumer(Addresses.SQS_MESSAGES_AVAILABLE, m -> longPolls.wake(m.body()));
    var changes = bus.<String>consumer(Addresses.SQS_QUEUE_CHANGED, m -> {
      QueueId id = QueueId.fromKey(m.body());
      if (id != null) {
        services.directory().invalidate(id);
      }
    });
    startMoveTaskDriver();
    return Future.all(api.completion(), arrivals.completion(), changes.completion());
  }

  /** Elects one instance per node (Vert.x instance) to run the move-task driver. */
  private void startMoveTaskDriver() {
    String me = deploymentID() + "/" + System.identityHashCode(this);
    if (vertx.sharedData().<String, String>getLocalMap(ROLES).putIfAbsent(DRIVER_ROLE, me) != null) {
      return;
    }
    MessageMoveTaskDriver driver = new MessageMoveTaskDriver(services.store(), services.directory(),
        services.arrivals(), RandomIds.uuid());
    driverTimer = vertx.setPeriodic(MOVE_TASK_TICK_MILLIS, id -> driver.tick(services.clock().millis()));
  }

  @Override
  public Future<?> stop() {
    if (driverTimer >= 0) {
      vertx.cancelTimer(driverTimer);
      vertx.sharedData().<String, String>getLocalMap(ROLES).remove(DRIVER_ROLE);
    }
    return Future.succeededFuture();
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
