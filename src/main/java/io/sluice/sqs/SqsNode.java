package io.sluice.sqs;

import io.micrometer.core.instrument.Gauge;
import io.sluice.ids.RandomIds;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.store.QueueStore;
import io.sluice.storage.waiters.MonotonicClock;
import io.sluice.storage.waiters.Waiters;
import io.sluice.time.Timers.Timer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The SQS part of a running node: its {@link QueueVerticle}s, and once per node the long polls
 * ({@link Waiters} keyed by queue, signalled cluster-wide on {@link SqsApi#MESSAGES_AVAILABLE}), the
 * queue directory's cache with its cluster-wide invalidation ({@link SqsApi#QUEUE_CHANGED}), the
 * message move task driver and the per-queue gauges.
 */
public final class SqsNode implements RunningService {
  /** How often the node's move-task driver looks for work. */
  static final long MOVE_TASK_TICK_MILLIS = 200;

  private final SqsServices services;
  private final Waiters<QueueId> longPolls;
  private final MessageConsumer<String> queueChanges;
  private final QueueGauges gauges;
  private final Timer driverTimer;
  private final Timer gaugeTimer;

  private SqsNode(NodeContext node, SqsServices services, Waiters<QueueId> longPolls,
                  MessageConsumer<String> queueChanges) {
    this.services = services;
    this.longPolls = longPolls;
    this.queueChanges = queueChanges;
    MessageMoveTaskDriver driver = new MessageMoveTaskDriver(services.store(), services.directory(),
        services.arrivals(), RandomIds.uuid());
    this.driverTimer = node.timers().every(MOVE_TASK_TICK_MILLIS, () -> driver.tick(services.clock().millis()));
    this.gauges = new QueueGauges(node.meters(), services.store(), services.clock());
    this.gaugeTimer = node.timers().every(node.config().metricsRefreshMs(), gauges::refresh);
  }

  /** Starts SQS on a node with {@code store}; completes once its verticles take requests. */
  public static Future<SqsNode> start(NodeContext node, SqsConfig settings, QueueStore store) {
    Vertx vertx = node.vertx();
    QueueDirectory directory = new QueueDirectory(store, node.clock(), settings.attributeCacheMs());
    directory.onChange(id -> {
      if (node.clustered()) {
        vertx.eventBus().publish(SqsApi.QUEUE_CHANGED, id.key());
      }
    });
    MessageConsumer<String> queueChanges = vertx.eventBus().consumer(SqsApi.QUEUE_CHANGED, m -> {
      QueueId id = QueueId.fromKey(m.body());
      if (id != null) {
        directory.invalidate(id);
      }
    });
    return queueChanges.completion()
        .compose(registered -> Waiters.start(vertx, SqsApi.MESSAGES_AVAILABLE, QueueId::key, MonotonicClock.SYSTEM))
        .compose(longPolls -> {
          Gauge.builder("sqs.long.polls.held", longPolls, Waiters::held)
              .description("ReceiveMessage calls waiting for messages (long polls) on this node")
              .register(node.meters());
          SqsServices services = new SqsServices(store, directory, node.clock(), new MessagePayloads(node.sseKey()),
              new LongPolls(longPolls), settings, new SqsMetrics(node.meters()));
          SqsNode sqs = new SqsNode(node, services, longPolls, queueChanges);
          return vertx.deployVerticle(() -> new QueueVerticle(services),
                  new DeploymentOptions().setInstances(node.instances()))
              .map(deployed -> sqs);
        });
  }

  /** What SQS operations work with on this node. */
  public SqsServices services() {
    return services;
  }

  /** Where this node's long polls wait (the same object as {@code services().arrivals()}). */
  public MessageArrivals longPolls() {
    return services.arrivals();
  }

  @Override
  public void forgetCaches() {
    services.directory().invalidateAll();
  }

  @Override
  public void quiesce() {
    longPolls.closeAll();
    gaugeTimer.cancel();
    driverTimer.cancel();
  }

  @Override
  public Future<Void> stop() {
    gauges.close();
    return Future.all(queueChanges.unregister(), longPolls.stop()).mapEmpty();
  }
}
