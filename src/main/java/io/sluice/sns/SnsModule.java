package io.sluice.sns;

import io.sluice.config.ServiceSection;
import io.sluice.gateway.HttpResource;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.module.ServiceModule;
import io.sluice.module.TrainingClient;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.sns.store.CachingTopicStore;
import io.sluice.sns.store.InMemoryTopicStore;
import io.sluice.sns.store.RedisTopicStore;
import io.sluice.sns.store.TopicStore;
import io.sluice.storage.StoreFactory;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import io.sluice.storage.scheduler.InMemoryScheduler;
import io.sluice.storage.scheduler.RedisScheduler;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;

/**
 * Amazon SNS as a module of the node: the topic store on the node's engine behind a short per-node
 * cache (forgotten cluster-wide on every change), the shared document store on the same engine
 * (platform applications and endpoints, SMS state, the outbox, the signing key pair), the SNS part
 * of the node ({@link SnsNode}: signing keys, deliveries, the dispatcher and its sweep, the
 * certificate and outbox resources) and {@link NotifyVerticle}s for the API.
 */
public final class SnsModule implements ServiceModule<SnsConfig> {

  /** The topic store on each engine, with its deliveries scheduler. */
  public static final StoreFactory<TopicStore> STORE = new StoreFactory<>() {
    @Override
    public TopicStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryTopicStore(new InMemoryScheduler()));
    }

    @Override
    public TopicStore redis(RedisStoreEngine engine) {
      return new RedisTopicStore(engine.client(), engine.keys().namespace("sns"),
          RedisScheduler.open(engine, TopicStore.DELIVERIES));
    }
  };

  @Override
  public ServiceDefinition definition() {
    return SnsApi.DEFINITION;
  }

  @Override
  public ServiceSection<SnsConfig> configSection() {
    return SnsConfig.SECTION;
  }

  @Override
  public Future<RunningService> start(NodeContext node, SnsConfig settings) {
    Vertx vertx = node.vertx();
    CachingTopicStore topics = new CachingTopicStore(node.engine().open(STORE), node.clock(), settings.topicCacheMs(),
        arn -> {
          if (node.clustered()) {
            vertx.eventBus().publish(SnsApi.TOPIC_CHANGED, arn);
          }
        });
    MessageConsumer<String> changes = vertx.eventBus().consumer(SnsApi.TOPIC_CHANGED, m -> topics.invalidate(m.body()));
    return changes.completion()
        .compose(registered -> SnsNode.start(node, topics, node.engine().open(DocumentStore.FACTORY), settings))
        .compose(sns -> vertx.deployVerticle(() -> new NotifyVerticle(sns.services()),
                new DeploymentOptions().setInstances(node.instances()))
            .map(deployed -> running(sns, topics, changes)));
  }

  private static RunningService running(SnsNode sns, CachingTopicStore topics, MessageConsumer<String> changes) {
    return new RunningService() {
      @Override
      public Map<String, HttpResource> resources() {
        return sns.resources();
      }

      @Override
      public void forgetCaches() {
        topics.invalidateAll();
      }

      @Override
      public Future<Void> stop() {
        return Future.join(sns.stop(), changes.unregister()).mapEmpty();
      }
    };
  }

  @Override
  public void train(TrainingClient client) throws Exception {
    SnsTraining.drive(client);
  }
}
