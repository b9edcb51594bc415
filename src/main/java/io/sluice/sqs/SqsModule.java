package io.sluice.sqs;

import io.sluice.config.ServiceSection;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.module.ServiceModule;
import io.sluice.module.TrainingClient;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.sqs.store.InMemoryQueueStore;
import io.sluice.sqs.store.QueueStore;
import io.sluice.sqs.store.RedisQueueStore;
import io.sluice.storage.StoreFactory;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import io.vertx.core.Future;

/** Amazon SQS as a module of the node: the queue store on the node's engine, and {@link SqsNode}. */
public final class SqsModule implements ServiceModule<SqsConfig> {
  /** The queue store on each engine. */
  public static final StoreFactory<QueueStore> STORE = new StoreFactory<>() {
    @Override
    public QueueStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryQueueStore());
    }

    @Override
    public QueueStore redis(RedisStoreEngine engine) {
      return new RedisQueueStore(engine.client(), engine.keys().namespace("sqs"));
    }
  };

  @Override
  public ServiceDefinition definition() {
    return SqsApi.DEFINITION;
  }

  @Override
  public ServiceSection<SqsConfig> configSection() {
    return SqsConfig.SECTION;
  }

  @Override
  public Future<RunningService> start(NodeContext node, SqsConfig settings) {
    return SqsNode.start(node, settings, node.engine().open(STORE)).map(sqs -> sqs);
  }

  @Override
  public void train(TrainingClient client) throws Exception {
    SqsTraining.drive(client);
  }
}
