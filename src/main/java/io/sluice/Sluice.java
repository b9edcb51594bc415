package io.sluice;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.bus.Addresses;
import io.sluice.bus.LocalCodec;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.SluiceConfig;
import io.sluice.gateway.GatewayVerticle;
import io.sluice.metrics.SqsMetrics;
import io.sluice.protocol.ProtocolDetector;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.protocol.SigV4Authenticator;
import io.sluice.protocol.SigV4Verifier;
import io.sluice.protocol.WireCodec;
import io.sluice.sqs.LongPolls;
import io.sluice.sqs.MessagePayloads;
import io.sluice.sqs.QueueDirectory;
import io.sluice.sqs.QueueVerticle;
import io.sluice.sqs.SqsApi;
import io.sluice.sqs.SqsServices;
import io.sluice.storage.StoreEngine;
import io.sluice.storage.StoreEngines;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The launcher: configuration → Vert.x (with metrics) → store engine → service verticles → gateways.
 * {@link #main} starts a node from the environment; tests call {@link #start} with their own
 * configuration and clock.
 */
public final class Sluice {
  private static final Logger LOG = Logger.getLogger(Sluice.class.getName());

  private final Vertx vertx;
  private final SluiceConfig config;
  private final StoreEngine engine;
  private final LongPolls longPolls;
  private final int port;

  private Sluice(Vertx vertx, SluiceConfig config, StoreEngine engine, LongPolls longPolls, int port) {
    this.vertx = vertx;
    this.config = config;
    this.engine = engine;
    this.longPolls = longPolls;
    this.port = port;
  }

  public static void main(String[] args) {
    long started = System.nanoTime();
    SluiceConfig config;
    try {
      config = ConfigLoader.load();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    start(config, InstantSource.system()).onComplete(ar -> {
      if (ar.failed()) {
        System.err.println("Sluice failed to start: " + ar.cause());
        System.exit(1);
        return;
      }
      Sluice sluice = ar.result();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          sluice.stop().toCompletionStage().toCompletableFuture().get(config.shutdownGraceMs() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          System.err.println("Sluice did not stop cleanly: " + e);
        }
      }, "sluice-shutdown"));
      System.out.printf("Sluice listening on port %d (store: %s) in %d ms%n", sluice.port(),
          config.store().name().toLowerCase(java.util.Locale.ROOT), (System.nanoTime() - started) / 1_000_000);
    });
  }

  /** Starts a node; the future completes once it answers requests. */
  public static Future<Sluice> start(SluiceConfig config, InstantSource clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions().setMetricsOptions(
        new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    Vertx vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
    LocalCodec.registerAll(vertx.eventBus());
    return StoreEngines.create(config, vertx).compose(engine -> {
      LongPolls longPolls = new LongPolls(vertx, config.cluster().enabled());
      io.micrometer.core.instrument.Gauge.builder("sqs.long.polls.held", longPolls, LongPolls::held)
          .description("ReceiveMessage calls waiting for messages (long polls) on this node").register(registry);
      QueueDirectory directory = new QueueDirectory(engine.queues(), clock, config.sqs().attributeCacheMs());
      directory.onChange(id -> {
        if (config.cluster().enabled()) {
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
      vertx.eventBus().localConsumer(Addresses.SLUICE_RESET, msg -> engine.wipe().whenComplete((v, t) -> {
        directory.invalidateAll();
        if (t == null) {
          msg.reply(true);
        } else {
          msg.fail(500, t.toString());
        }
      }));
      int instances = config.effectiveGatewayInstances();
      return vertx.deployVerticle(() -> new QueueVerticle(sqs, longPolls), new DeploymentOptions().setInstances(instances))
          .compose(id -> deployGateways(vertx, config, clock, registry, engine, instances))
          .map(port -> new Sluice(vertx, config, engine, longPolls, port));
    }).recover(failure -> vertx.close().transform(v -> Future.failedFuture(failure)));
  }

  private static Future<Integer> deployGateways(Vertx vertx, SluiceConfig config, InstantSource clock,
                                                PrometheusMeterRegistry registry, StoreEngine engine, int instances) {
    ServiceRegistry services = new ServiceRegistry(List.of(SqsApi.DEFINITION));
    ProtocolDetector detector = new ProtocolDetector(services);
    SigV4Authenticator authenticator = new SigV4Authenticator(config, new SigV4Verifier(config.credentials(), clock));
    WireCodec codec = new WireCodec();
    java.util.function.Supplier<Future<Boolean>> ready = () -> Future.fromCompletionStage(engine.ping());
    // Instances share one listening socket only when they bind the same port number, so port 0 is
    // turned into a concrete free port first.
    int port = config.port() != 0 ? config.port() : freePort(config.host());
    List<GatewayVerticle> gateways = new java.util.concurrent.CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      GatewayVerticle g = new GatewayVerticle(config, port, detector, authenticator, codec,
          registry::scrape, ready);
      gateways.add(g);
      return g;
    }, new DeploymentOptions().setInstances(instances)).compose(id -> {
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
   * Graceful shutdown: answers every held long poll, stops accepting requests and waits for those in
   * flight (up to the grace period), then closes the store and Vert.x.
   */
  public Future<Void> stop() {
    longPolls.closeAll();
    return vertx.close().eventually(() -> Future.fromCompletionStage(engine.close()))
        .onComplete(ar -> LOG.fine("Sluice stopped"));
  }
}
