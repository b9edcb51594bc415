package io.sluice;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.bus.Addresses;
import io.sluice.bus.LocalCodec;
import io.sluice.cluster.VertxFactory;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.SluiceConfig;
import io.sluice.gateway.GatewayVerticle;
import io.sluice.gateway.StoreReadiness;
import io.sluice.metrics.NodeMetrics;
import io.sluice.metrics.QueueGauges;
import io.sluice.metrics.SqsMetrics;
import io.sluice.protocol.ProtocolDetector;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.protocol.SigV4Authenticator;
import io.sluice.protocol.SigV4Verifier;
import io.sluice.protocol.WireCodec;
import io.sluice.sns.NotifyVerticle;
import io.sluice.sns.SnsApi;
import io.sluice.sns.SnsNode;
import io.sluice.sqs.LongPolls;
import io.sluice.sqs.MessagePayloads;
import io.sluice.sqs.QueueDirectory;
import io.sluice.sqs.QueueVerticle;
import io.sluice.sqs.SqsApi;
import io.sluice.sqs.SqsServices;
import io.sluice.storage.CachingTopicStore;
import io.sluice.storage.StoreEngine;
import io.sluice.storage.StoreEngines;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The launcher: configuration → Vert.x (with metrics) → store engine → service verticles → gateways.
 * {@link #main} starts a node from the environment; tests call {@link #start} with their own
 * configuration and clock.
 */
public final class Sluice {
  private static final Logger LOG = Logger.getLogger(Sluice.class.getName());
  /** How long /health waits for the store's ping before reporting the node down. */
  private static final long PING_TIMEOUT_MS = 2000;
  private static final long JVM_METRICS_DELAY_MS = 3000;

  private final Vertx vertx;
  private final SluiceConfig config;
  private final StoreEngine engine;
  private final LongPolls longPolls;
  private final Lifecycle lifecycle;
  private final int port;
  private final AtomicReference<Future<Void>> stopped = new AtomicReference<>();

  private Sluice(Vertx vertx, SluiceConfig config, StoreEngine engine, LongPolls longPolls, Lifecycle lifecycle,
                 int port) {
    this.vertx = vertx;
    this.config = config;
    this.engine = engine;
    this.longPolls = longPolls;
    this.lifecycle = lifecycle;
    this.port = port;
  }

  /** What a running node must undo when it stops; filled in as the start proceeds. */
  private static final class Lifecycle {
    volatile StoreReadiness readiness;
    volatile String gatewayDeployment;
    volatile long gaugeTimer = -1;
    volatile QueueGauges gauges;
    volatile NodeMetrics metrics;
    volatile SnsNode sns;
  }

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--train")) {
      AotTraining.run();
      System.exit(0);
      return;
    }
    long started = System.nanoTime();
    SluiceConfig config;
    try {
      config = ConfigLoader.load();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // Registered before the start, so that SIGTERM during the start still stops a node that came up.
    AtomicReference<Sluice> node = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Sluice sluice = node.get();
      if (sluice == null) {
        return;
      }
      try {
        sluice.stop().toCompletionStage().toCompletableFuture()
            .get(config.shutdownGraceMs() + 5000, TimeUnit.MILLISECONDS);
        System.out.println("Sluice stopped");
      } catch (Exception e) {
        System.err.println("Sluice did not stop cleanly: " + e);
      }
    }, "sluice-shutdown"));
    start(config, InstantSource.system()).onComplete(ar -> {
      if (ar.failed()) {
        System.err.println("Sluice failed to start: " + ar.cause());
        System.exit(1);
        return;
      }
      node.set(ar.result());
      System.out.printf("Sluice listening on port %d (store: %s) in %d ms%n", ar.result().port(),
          config.store().name().toLowerCase(java.util.Locale.ROOT), (System.nanoTime() - started) / 1_000_000);
    });
  }

  /** Starts a node; the future completes once it answers requests. */
  public static Future<Sluice> start(SluiceConfig config, InstantSource clock) {
    NodeMetrics metrics = new NodeMetrics();
    // Sluice serves no files: no file cache directory, no class-path file lookups.
    VertxOptions options = new VertxOptions().setMetricsOptions(metrics.vertxOptions())
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false));
    return VertxFactory.build(options, metrics.vertxFactory(), config.cluster())
        .compose(vertx -> startOn(vertx, config, clock, metrics)
            .recover(failure -> vertx.close().transform(v -> Future.failedFuture(failure))));
  }

  private static Future<Sluice> startOn(Vertx vertx, SluiceConfig config, InstantSource clock, NodeMetrics metrics) {
    LocalCodec.registerAll(vertx.eventBus());
    PrometheusMeterRegistry registry = metrics.registry();
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.metrics = metrics;
    return StoreEngines.create(config, vertx).compose(engine -> {
      lifecycle.readiness = new StoreReadiness(vertx, engine::ping, PING_TIMEOUT_MS);
      boolean clustered = config.cluster().enabled();
      LongPolls longPolls = new LongPolls(vertx, clustered);
      io.micrometer.core.instrument.Gauge.builder("sqs.long.polls.held", longPolls, LongPolls::held)
          .description("ReceiveMessage calls waiting for messages (long polls) on this node").register(registry);
      QueueDirectory directory = new QueueDirectory(engine.queues(), clock, config.sqs().attributeCacheMs());
      directory.onChange(id -> {
        if (clustered) {
          vertx.eventBus().publish(Addresses.SQS_QUEUE_CHANGED, id.key());
        }
      });
      byte[] key = config.sseKey().orElseGet(() -> {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
      });
      SqsServices sqs = new SqsServices(engine.queues(), directory, clock, new MessagePayloads(key), longPolls,
          config.sqs(), new SqsMetrics(registry));
      CachingTopicStore topics = new CachingTopicStore(engine.topics(), clock, config.sns().topicCacheMs(), arn -> {
        if (clustered) {
          vertx.eventBus().publish(Addresses.SNS_TOPIC_CHANGED, arn);
        }
      });
      vertx.eventBus().<String>consumer(Addresses.SNS_TOPIC_CHANGED, msg -> topics.invalidate(msg.body()));
      vertx.eventBus().localConsumer(Addresses.SLUICE_RESET, msg -> engine.wipe().whenComplete((v, t) -> {
        directory.invalidateAll();
        topics.invalidateAll();
        if (clustered) {
          vertx.eventBus().publish(Addresses.SLUICE_RESET_DONE, true);
        }
        if (t == null) {
          msg.reply(true);
        } else {
          msg.fail(500, t.toString());
        }
      }));
      vertx.eventBus().consumer(Addresses.SLUICE_RESET_DONE, msg -> {
        directory.invalidateAll();
        topics.invalidateAll();
      });
      QueueGauges gauges = new QueueGauges(registry, engine.queues(), clock);
      lifecycle.gauges = gauges;
      lifecycle.gaugeTimer = vertx.setPeriodic(config.metricsRefreshMs(), id -> gauges.refresh());
      int instances = config.effectiveGatewayInstances();
      ServiceRegistry services = new ServiceRegistry(List.of(SqsApi.DEFINITION, SnsApi.DEFINITION));
      return vertx.deployVerticle(() -> new QueueVerticle(sqs, longPolls), new DeploymentOptions().setInstances(instances))
          .compose(id -> SnsNode.start(vertx, topics, config, clock, services))
          .compose(sns -> {
            lifecycle.sns = sns;
            return vertx.deployVerticle(() -> new NotifyVerticle(sns.services()),
                new DeploymentOptions().setInstances(instances));
          })
          .compose(id -> deployGateways(vertx, config, clock, registry, lifecycle, instances, services))
          .map(port -> {
            // Binding the JVM meters initializes the JVM's management beans: done a little later, on
            // a worker thread, so that it does not compete with the node's first requests.
            vertx.setTimer(JVM_METRICS_DELAY_MS, t -> vertx.executeBlocking(() -> {
              metrics.bindJvmMetrics();
              return null;
            }, false));
            return new Sluice(vertx, config, engine, longPolls, lifecycle, port);
          })
          .recover(failure -> Future.fromCompletionStage(engine.close())
              .transform(v -> Future.failedFuture(failure)));
    });
  }

  private static Future<Integer> deployGateways(Vertx vertx, SluiceConfig config, InstantSource clock,
                                                PrometheusMeterRegistry registry, Lifecycle lifecycle,
                                                int instances, ServiceRegistry services) {
    ProtocolDetector detector = new ProtocolDetector(services);
    SigV4Authenticator authenticator = new SigV4Authenticator(config, new SigV4Verifier(config.credentials(), clock));
    WireCodec codec = new WireCodec();
    // Instances share one listening socket only when they bind the same port number, so port 0 is
    // turned into a concrete free port first.
    int port = config.port() != 0 ? config.port() : freePort(config.host());
    List<GatewayVerticle> gateways = new java.util.concurrent.CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      GatewayVerticle g = new GatewayVerticle(config, port, detector, authenticator, codec,
          registry::scrape, lifecycle.readiness, lifecycle.sns.resources());
      gateways.add(g);
      return g;
    }, new DeploymentOptions().setInstances(instances)).compose(id -> {
      lifecycle.gatewayDeployment = id;
      java.util.Set<Integer> ports = new java.util.HashSet<>();
      gateways.forEach(g -> ports.add(g.actualPort()));
      if (ports.size() != 1) {
        return Future.failedFuture(new IllegalStateException("gateways listen on different ports: " + ports));
      }
      return Future.succeededFuture(ports.iterator().next());
    });
  }

  private static int freePort(String host) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The HTTP port this node listens on. */
  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Graceful shutdown: reports not ready, answers every held long poll at once (empty), stops
   * accepting connections and lets the requests in flight finish (up to the grace period), then
   * closes the store and Vert.x (leaving the cluster). Idempotent.
   */
  public Future<Void> stop() {
    Future<Void> existing = stopped.get();
    if (existing != null) {
      return existing;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!stopped.compareAndSet(null, Future.fromCompletionStage(done))) {
      return stopped.get();
    }
    lifecycle.readiness.markStopping();
    longPolls.closeAll();
    vertx.cancelTimer(lifecycle.gaugeTimer);
    Future<Void> gateways = lifecycle.gatewayDeployment == null ? Future.succeededFuture()
        : vertx.undeploy(lifecycle.gatewayDeployment);
    gateways.onComplete(undeployed -> {
      if (undeployed.failed()) {
        LOG.log(Level.WARNING, "gateways did not stop cleanly", undeployed.cause());
      }
      if (lifecycle.sns != null) {
        lifecycle.sns.stop();
      }
      engine.close().whenComplete((v, failure) -> {
        if (failure != null) {
          LOG.log(Level.WARNING, "store did not close cleanly", failure);
        }
        lifecycle.gauges.close();
        // Closed from a thread of its own: a completion handed to one of Vert.x's event loops would
        // be lost once Vert.x has shut them down.
        Thread closer = new Thread(() -> vertx.close().onComplete(ar -> {
          lifecycle.metrics.close();
          LOG.fine("Sluice stopped");
          done.complete(null);
        }), "sluice-close");
        closer.setDaemon(true);
        closer.start();
      });
    });
    return stopped.get();
  }
}
