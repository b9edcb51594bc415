package io.sluice.sqs;

import io.micrometer.core.instrument.Gauge;
import io.sluice.ids.RandomIds;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.store.QueueStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;

/**
 * The SQS part of a running node: its {@link QueueVerticle}s, and once per node the long polls with
 * their cluster-wide wake-ups ({@link SqsApi#MESSAGES_AVAILABLE}), the queue directory's cache with
 * its cluster-wide invalidation ({@link SqsApi#QUEUE_CHANGED}), the message move task driver and the
 * per-queue gauges.
 */
public final class SqsNode implements RunningService {
  /** How often the node's move-task driver looks for work. */
  static final long MOVE_TASK_TICK_MILLIS = 200;

  private final Vertx vertx;
  private final SqsServices services;
  private final LongPolls longPolls;
  private final QueueGauges gauges;
  private final List<MessageConsumer<String>> listeners;
  private final long driverTimer;
  private final long gaugeTimer;

  private SqsNode(NodeContext node, SqsServices services, LongPolls longPolls) {
    this.vertx = node.vertx();
    this.services = services;
    this.longPolls = longPolls;
    QueueDirectory directory = services.directory();
    this.listeners = List.of(
        vertx.eventBus().<String>consumer(SqsApi.MESSAGES_AVAILABLE, m -> longPolls.wake(m.body())),
        vertx.eventBus().<String>consumer(SqsApi.QUEUE_CHANGED, m -> {
          QueueId id = QueueId.fromKey(m.body());
          if (id != null) {
            directory.invalidate(id);
          }
        }));
    MessageMoveTaskDriver driver = new MessageMoveTaskDriver(services.store(), directory, longPolls, RandomIds.uuid());
    this.driverTimer = vertx.setPeriodic(MOVE_TASK_TICK_MILLIS, id -> driver.tick(services.clock().millis()));
    this.gauges = new QueueGauges(node.meters(), services.store(), services.clock());
    this.gaugeTimer = vertx.setPeriodic(node.config().metricsRefreshMs(), id -> gauges.refresh());
  }

  /** Starts SQS on a node with {@code store}; completes once its verticles take requests. */
  public static Future<SqsNode> start(NodeContext node, SqsConfig settings, QueueStore store) {
    Vertx vertx = node.vertx();
    LongPolls longPolls = new LongPolls(vertx, node.clustered());
    Gauge.builder("sqs.long.polls.held", longPolls, LongPolls::held)
        .description("ReceiveMessage calls waiting for messages (long polls) on this node").register(node.meters());
    QueueDirectory directory = new QueueDirectory(store, node.clock(), settings.attributeCacheMs());
    directory.onChange(id -> {
      if (node.clustered()) {
        vertx.eventBus().publish(SqsApi.QUEUE_CHANGED, id.key());
      }
    });
    SqsServices services = new SqsServices(store, directory, node.clock(), new MessagePayloads(node.sseKey()),
        longPolls, settings, new SqsMetrics(node.meters()));
    SqsNode sqs = new SqsNode(node, services, longPolls);
    return Future.all(sqs.listeners.stream().map(MessageConsumer::completion).toList())
        .compose(registered -> vertx.deployVerticle(() -> new QueueVerticle(services),
            new DeploymentOptions().setInstances(node.instances())))
        .map(deployed -> sqs);
  }

  /** What SQS operations work with on this node. */
  public SqsServices services() {
    return services;
  }

  /** The long polls held on this node. */
  public LongPolls longPolls() {
    return longPolls;
  }

  @Override
  public void forgetCaches() {
    services.directory().invalidateAll();
  }

  @Override
  public void quiesce() {
    longPolls.closeAll();
    vertx.cancelTimer(gaugeTimer);
    vertx.cancelTimer(driverTimer);
  }

  @Override
  public Future<Void> stop() {
    gauges.close();
    return Future.all(listeners.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
