package io.sluice;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.bus.Addresses;
import io.sluice.bus.LocalCodec;
import io.sluice.cluster.VertxFactory;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.ServiceSection;
import io.sluice.config.SluiceConfig;
import io.sluice.gateway.GatewayTransport;
import io.sluice.gateway.GatewayVerticle;
import io.sluice.gateway.HttpResource;
import io.sluice.gateway.RestApi;
import io.sluice.gateway.StoreReadiness;
import io.sluice.gateway.TlsIdentity;
import io.sluice.firehose.FirehoseModule;
import io.sluice.kinesis.KinesisModule;
import io.sluice.logging.LogWarmUp;
import io.sluice.metrics.NodeMetrics;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.module.ServiceModule;
import io.sluice.protocol.CredentialSource;
import io.sluice.protocol.ProtocolDetector;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.protocol.SigV4Authenticator;
import io.sluice.protocol.SigV4Verifier;
import io.sluice.protocol.WireCodec;
import io.sluice.sns.SnsModule;
import io.sluice.sqs.SqsModule;
import io.sluice.swf.SwfModule;
import io.sluice.storage.OutageLogFilter;
import io.sluice.storage.StoreEngine;
import io.sluice.storage.StoreEngines;
import io.sluice.sts.StsModule;
import io.sluice.time.Timers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The launcher: configuration → Vert.x (with metrics, clustered if configured) → store engine →
 * every service module in {@link #MODULES} → gateways. {@link #main} starts a node from the
 * environment; tests call {@link #start} with their own configuration, clock and timers.
 */
public final class Sluice {
  /** The services of a node, in start order. Adding a service adds its module here. */
  public static final List<ServiceModule<?>> MODULES = List.of(new SqsModule(), new SnsModule(), new StsModule(),
      new KinesisModule(), new FirehoseModule(), new SwfModule());

  private static final Logger LOG = Logger.getLogger(Sluice.class.getName());
  /** How long /health waits for the store's ping before reporting the node down. */
  private static final long PING_TIMEOUT_MS = 2000;
  private static final long JVM_METRICS_DELAY_MS = 3000;

  private final Vertx vertx;
  private final StoreEngine engine;
  private final Lifecycle lifecycle;
  private final int port;
  private final AtomicReference<Future<Void>> stopped = new AtomicReference<>();

  private Sluice(Vertx vertx, StoreEngine engine, Lifecycle lifecycle, int port) {
    this.vertx = vertx;
    this.engine = engine;
    this.lifecycle = lifecycle;
    this.port = port;
  }

  /** What a running node must undo when it stops; filled in as the start proceeds. */
  private static final class Lifecycle {
    final List<RunningService> services = new CopyOnWriteArrayList<>();
    volatile StoreReadiness readiness;
    volatile String gatewayDeployment;
    volatile NodeMetrics metrics;
    volatile GatewayVerticle.TlsListener tls;
  }

  /** The configuration of a node from {@code env} (standing in for the process environment). */
  public static SluiceConfig loadConfig(Map<String, String> env) {
    List<ServiceSection<?>> sections = new ArrayList<>();
    MODULES.forEach(m -> sections.add(m.configSection()));
    return ConfigLoader.load(env, sections);
  }

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--train")) {
      AotTraining.run();
      System.exit(0);
      return;
    }
    long launched = System.nanoTime();
    SluiceConfig config;
    try {
      config = loadConfig(System.getenv());
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
    Sluice started;
    try {
      started = start(config, InstantSource.system()).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      System.err.println("Sluice failed to start: " + StartFailures.describe(e.getCause(), config));
      System.exit(1);
      return;
    }
    node.set(started);
    System.out.printf("Sluice listening on port %d (store: %s) in %d ms%n", started.port(),
        config.store().name().toLowerCase(java.util.Locale.ROOT), (System.nanoTime() - launched) / 1_000_000);
    started.tlsCertificateFile().ifPresent(cert -> System.out.printf(
        "Sluice listening for TLS on port %d; certificate: %s (also at GET %s)%n", started.tlsPort(), cert,
        GatewayVerticle.TLS_CERTIFICATE_PATH));
  }

  /** Starts a node with Vert.x's timers; the future completes once it answers requests. */
  public static Future<Sluice> start(SluiceConfig config, InstantSource clock) {
    return startWith(config, clock, Timers::vertx);
  }

  /**
   * Starts a node whose services read time from {@code clock} and wait with {@code timers} (measured
   * on that clock, e.g. a test's manual clock and timers); the future completes once it answers
   * requests.
   */
  public static Future<Sluice> start(SluiceConfig config, InstantSource clock, Timers timers) {
    return startWith(config, clock, vertx -> timers);
  }

  private static Future<Sluice> startWith(SluiceConfig config, InstantSource clock,
                                          Function<Vertx, Timers> timers) {
    OutageLogFilter.install();
    LogWarmUp.run();
    NodeMetrics metrics = new NodeMetrics();
    // Sluice serves no files: no file cache directory, no class-path file lookups.
    VertxOptions options = new VertxOptions().setMetricsOptions(metrics.vertxOptions())
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false));
    // Completed off Vert.x: a failed start closes Vert.x, and a completion handed to one of its event
    // loops then would be lost with them.
    CompletableFuture<Sluice> started = new CompletableFuture<>();
    GatewayTransport transport = new GatewayTransport(config.headerTimeoutMs(), config.idleTimeoutMs());
    VertxFactory.build(options, metrics.vertxFactory(), transport, config.cluster()).onComplete(built -> {
      if (built.failed()) {
        metrics.close();
        started.completeExceptionally(built.cause());
        return;
      }
      Vertx vertx = built.result();
      startOn(vertx, config, clock, timers.apply(vertx), metrics, transport).onComplete(ar -> {
        if (ar.succeeded()) {
          started.complete(ar.result());
        } else {
          closeVertx(vertx, () -> {
            metrics.close();
            started.completeExceptionally(ar.cause());
          });
        }
      });
    });
    return Future.fromCompletionStage(started);
  }

  /** Closes Vert.x from a thread of its own, then runs {@code then} there. */
  private static void closeVertx(Vertx vertx, Runnable then) {
    Thread closer = new Thread(() -> vertx.close().onComplete(ar -> then.run()), "sluice-close");
    closer.setDaemon(true);
    closer.start();
  }

  private static Future<Sluice> startOn(Vertx vertx, SluiceConfig config, InstantSource clock, Timers timers,
                                       NodeMetrics metrics, GatewayTransport transport) {
    LocalCodec.registerAll(vertx.eventBus());
    PrometheusMeterRegistry registry = metrics.registry();
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.metrics = metrics;
    ServiceRegistry services = new ServiceRegistry(MODULES.stream().map(ServiceModule::definition).toList());
    // Made on a worker while the store and the services start: the first one loads much of the JDK's
    // TLS (about a second cold). Valid on the clients' clock, not on a test's manual one.
    Future<TlsIdentity> tls = !config.tls().enabled() ? Future.succeededFuture()
        : vertx.executeBlocking(() -> TlsIdentity.of(config.tls(), certificateNames(config), Instant.now()), false);
    return StoreEngines.create(config, vertx).compose(engine -> {
      lifecycle.readiness = new StoreReadiness(vertx, engine::ping, PING_TIMEOUT_MS);
      byte[] key = config.sseKey().orElseGet(() -> {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
      });
      NodeContext node = new NodeContext(vertx, config, engine, clock, timers, registry, services, key);
      return startModules(node, config, lifecycle, 0)
          .compose(v -> listenForResets(vertx, config, engine, lifecycle))
          .compose(v -> tls)
          .compose(identity -> deployGateways(vertx, config, clock, registry, lifecycle, services, transport,
              identity))
          .map(port -> {
            // Binding the JVM meters initializes the JVM's management beans: done a little later, on
            // a worker thread, so that it does not compete with the node's first requests.
            vertx.setTimer(JVM_METRICS_DELAY_MS, t -> vertx.executeBlocking(() -> {
              metrics.bindJvmMetrics();
              return null;
            }, false));
            return new Sluice(vertx, engine, lifecycle, port);
          })
          .recover(failure -> Future.fromCompletionStage(engine.close())
              .transform(v -> Future.failedFuture(failure)));
    });
  }

  /** Starts the modules one after another, in list order. */
  private static Future<Void> startModules(NodeContext node, SluiceConfig config, Lifecycle lifecycle, int index) {
    if (index == MODULES.size()) {
      return Future.succeededFuture();
    }
    return startModule(MODULES.get(index), node, config).compose(running -> {
      lifecycle.services.add(running);
      return startModules(node, config, lifecycle, index + 1);
    });
  }

  private static <C> Future<RunningService> startModule(ServiceModule<C> module, NodeContext node, SluiceConfig config) {
    return module.start(node, config.service(module.configSection()));
  }

  /**
   * The admin reset: this node wipes the store and every service forgets its caches; in a cluster,
   * every other node is told to forget its caches too.
   */
  private static Future<Void> listenForResets(Vertx vertx, SluiceConfig config, StoreEngine engine,
                                              Lifecycle lifecycle) {
    boolean clustered = config.cluster().enabled();
    var reset = vertx.eventBus().localConsumer(Addresses.SLUICE_RESET, msg -> engine.wipe().whenComplete((v, t) -> {
      lifecycle.services.forEach(RunningService::forgetCaches);
      if (clustered) {
        vertx.eventBus().publish(Addresses.SLUICE_RESET_DONE, true);
      }
      if (t == null) {
        msg.reply(true);
      } else {
        msg.fail(500, t.toString());
      }
    }));
    var done = vertx.eventBus().consumer(Addresses.SLUICE_RESET_DONE,
        msg -> lifecycle.services.forEach(RunningService::forgetCaches));
    return Future.all(reset.completion(), done.completion()).mapEmpty();
  }

  private static Future<Integer> deployGateways(Vertx vertx, SluiceConfig config, InstantSource clock,
                                                PrometheusMeterRegistry registry, Lifecycle lifecycle,
                                                ServiceRegistry services, GatewayTransport transport,
                                                TlsIdentity identity) {
    ProtocolDetector detector = new ProtocolDetector(services);
    CredentialSource issued = lifecycle.services.stream().map(RunningService::credentials)
        .reduce(CredentialSource.NONE, CredentialSource::orElse);
    SigV4Authenticator authenticator = new SigV4Authenticator(config,
        new SigV4Verifier(CredentialSource.of(config.credentials()).orElse(issued), clock), issued);
    WireCodec codec = new WireCodec();
    Map<String, HttpResource> resources = new HashMap<>();
    lifecycle.services.forEach(s -> resources.putAll(s.resources()));
    List<RestApi> restApis = lifecycle.services.stream().flatMap(s -> s.restApis().stream()).toList();
    // Instances share one listening socket only when they bind the same port number, so port 0 is
    // turned into a concrete free port first.
    int port = config.port() != 0 ? config.port() : freePort(config.host());
    transport.guard(port);
    GatewayVerticle.TlsListener tls = null;
    if (identity != null) {
      int tlsPort = config.tls().port() != 0 ? config.tls().port() : freePort(config.host());
      transport.guardTls(tlsPort, identity.context());
      tls = new GatewayVerticle.TlsListener(tlsPort, identity);
    }
    GatewayVerticle.TlsListener tlsListener = tls;
    lifecycle.tls = tls;
    List<GatewayVerticle> gateways = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      GatewayVerticle g = new GatewayVerticle(config, port, detector, authenticator, codec,
          registry::scrape, lifecycle.readiness, resources, restApis, tlsListener, registry);
      gateways.add(g);
      return g;
    }, new DeploymentOptions().setInstances(config.effectiveGatewayInstances())).compose(id -> {
      lifecycle.gatewayDeployment = id;
      java.util.Set<Integer> ports = new java.util.HashSet<>();
      gateways.forEach(g -> ports.add(g.actualPort()));
      if (ports.size() != 1) {
        return Future.failedFuture(new IllegalStateException("gateways listen on different ports: " + ports));
      }
      return Future.succeededFuture(ports.iterator().next());
    });
  }

  /** The names a generated TLS certificate is for, beside localhost: the host and the public endpoint's. */
  private static List<String> certificateNames(SluiceConfig config) {
    List<String> names = new ArrayList<>();
    names.add(config.host());
    config.publicEndpoint().map(e -> java.net.URI.create("//" + e).getHost()).ifPresent(names::add);
    return names;
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

  /** The TLS port this node listens on, or -1 without one. */
  public int tlsPort() {
    return lifecycle.tls == null ? -1 : lifecycle.tls.port();
  }

  /** The file holding the certificate of the TLS port (PEM), when there is one. */
  public Optional<Path> tlsCertificateFile() {
    return Optional.ofNullable(lifecycle.tls).map(t -> t.identity().certificateFile());
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The running service of this node that is a {@code type} (e.g. a module's own), if any. */
  public <T extends RunningService> Optional<T> service(Class<T> type) {
    return lifecycle.services.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /**
   * Graceful shutdown: reports not ready, has every service answer what it holds (long polls) at
   * once, stops accepting connections and lets the requests in flight finish (up to the grace
   * period), stops the services' background work, then closes the store and Vert.x (leaving the
   * cluster). Idempotent.
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
    lifecycle.services.forEach(RunningService::quiesce);
    Future<Void> gateways = lifecycle.gatewayDeployment == null ? Future.succeededFuture()
        : vertx.undeploy(lifecycle.gatewayDeployment);
    gateways.onComplete(undeployed -> {
      if (undeployed.failed()) {
        LOG.log(Level.WARNING, "gateways did not stop cleanly", undeployed.cause());
      }
      Future.join(lifecycle.services.stream().map(RunningService::stop).toList()).onComplete(servicesStopped -> {
        if (servicesStopped.failed()) {
          LOG.log(Level.WARNING, "services did not stop cleanly", servicesStopped.cause());
        }
        engine.close().whenComplete((v, failure) -> {
          if (failure != null) {
            LOG.log(Level.WARNING, "store did not close cleanly", failure);
          }
          // Closed from a thread of its own: a completion handed to one of Vert.x's event loops would
          // be lost once Vert.x has shut them down.
          closeVertx(vertx, () -> {
            lifecycle.metrics.close();
            LOG.fine("Sluice stopped");
            done.complete(null);
          });
        });
      });
    });
    return stopped.get();
  }
}
