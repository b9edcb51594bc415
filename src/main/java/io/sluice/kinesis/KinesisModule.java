package io.sluice.kinesis;

import io.sluice.config.ServiceSection;
import io.sluice.kinesis.store.ConsumerStore;
import io.sluice.kinesis.store.InMemoryConsumerStore;
import io.sluice.kinesis.store.InMemoryStreamStore;
import io.sluice.storage.limits.RateLimiter;
import io.sluice.kinesis.store.RedisConsumerStore;
import io.sluice.kinesis.store.RedisStreamStore;
import io.sluice.kinesis.store.StreamStore;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.module.ServiceModule;
import io.sluice.module.TrainingClient;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.storage.StoreFactory;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import io.sluice.storage.waiters.MonotonicClock;
import io.sluice.storage.waiters.Waiters;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Amazon Kinesis Data Streams as a module of the node: its {@link StreamStore} on the node's engine,
 * shard iterators keyed from the SSE key (so every node reads every node's), and
 * {@link ShardVerticle}s for the API.
 */
public final class KinesisModule implements ServiceModule<KinesisConfig> {

  /** The consumer store on each engine. */
  public static final StoreFactory<ConsumerStore> CONSUMERS = new StoreFactory<>() {
    @Override
    public ConsumerStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryConsumerStore());
    }

    @Override
    public ConsumerStore redis(RedisStoreEngine engine) {
      return new RedisConsumerStore(engine.client(), engine.keys().namespace("kinesis"));
    }
  };

  /** The stream store on each engine. */
  public static final StoreFactory<StreamStore> STORE = new StoreFactory<>() {
    @Override
    public StreamStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryStreamStore());
    }

    @Override
    public StreamStore redis(RedisStoreEngine engine) {
      return new RedisStreamStore(engine.client(), engine.keys().namespace("kinesis"));
    }
  };

  /** The throughput limiter on each engine: on Redis, every node counts against the same buckets. */
  public static final StoreFactory<RateLimiter> LIMITER = RateLimiter.under("kinesis");

  @Override
  public ServiceDefinition definition() {
    return KinesisApi.DEFINITION;
  }

  @Override
  public ServiceSection<KinesisConfig> configSection() {
    return KinesisConfig.SECTION;
  }

  @Override
  public Future<RunningService> start(NodeContext node, KinesisConfig settings) {
    return Waiters.<String>start(node.vertx(), KinesisApi.RECORDS_ARRIVED, key -> key, MonotonicClock.SYSTEM)
        .compose(subscriptions -> {
          KinesisServices services = new KinesisServices(node.engine().open(STORE), node.clock(), settings,
              node.sseKey(), node.engine().open(CONSUMERS), new ShardWaiters(subscriptions),
              new KinesisMetrics(node.meters()), node.engine().open(LIMITER));
          return node.vertx().deployVerticle(() -> new ShardVerticle(services),
                  new DeploymentOptions().setInstances(node.instances()))
              .map(deployed -> new RunningService() {
                @Override
                public void quiesce() {
                  subscriptions.closeAll();
                }

                @Override
                public Future<Void> stop() {
                  return subscriptions.stop();
                }
              });
        });
  }

  @Override
  public void train(TrainingClient client) throws Exception {
    KinesisTraining.drive(client);
  }

  /** The training puts and reads far faster than AWS's per-shard limits allow. */
  @Override
  public Map<String, String> trainingSettings() {
    return Map.of("SLUICE_KINESIS_THROUGHPUT_LIMITS", "false");
  }
}
