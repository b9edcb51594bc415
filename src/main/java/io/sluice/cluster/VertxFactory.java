package io.sluice.cluster;

import io.sluice.config.SluiceConfig.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Builds this node's Vert.x: standalone, or clustered over Hazelcast when
 * {@link ClusterConfig#enabled()}. A standalone node loads no cluster-manager class at all (Vert.x
 * would otherwise instantiate every cluster manager on the class path while it boots), which keeps
 * the in-memory engine's start-up short.
 */
public final class VertxFactory {
  private static final String PROVIDERS = "META-INF/services/io.vertx.core.spi.VertxServiceProvider";
  private static final String CLUSTER_MANAGER_PACKAGE = "io.vertx.spi.cluster.";

  private VertxFactory() {}

  /** Builds Vert.x with {@code options} and {@code metrics}, joining the cluster if it is enabled. */
  public static Future<Vertx> build(VertxOptions options, VertxMetricsFactory metrics, ClusterConfig cluster) {
    return build(options, metrics, null, cluster);
  }

  /**
   * Builds Vert.x with {@code options}, {@code metrics} and {@code transport} (null: Vert.x's choice),
   * joining the cluster if it is enabled.
   */
  public static Future<Vertx> build(VertxOptions options, VertxMetricsFactory metrics, Transport transport,
                                    ClusterConfig cluster) {
    VertxBuilder builder = Vertx.builder().with(options).withMetrics(metrics);
    if (transport != null) {
      builder = builder.withTransport(transport);
    }
    if (cluster.enabled()) {
      return HazelcastCluster.join(builder, options, cluster);
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader base = previous != null ? previous : VertxFactory.class.getClassLoader();
    thread.setContextClassLoader(new WithoutClusterManagers(base));
    try {
      return Future.succeededFuture(builder.build());
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * Hides the service files that only declare Vert.x cluster managers, so Vert.x's service lookup
   * (which uses the context class loader) does not instantiate them. Everything else is delegated.
   */
  private static final class WithoutClusterManagers extends ClassLoader {
    WithoutClusterManagers(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      Enumeration<URL> all = super.getResources(name);
      if (!PROVIDERS.equals(name)) {
        return all;
      }
      List<URL> kept = new ArrayList<>();
      for (URL url : Collections.list(all)) {
        if (!onlyClusterManagers(url)) {
          kept.add(url);
        }
      }
      return Collections.enumeration(kept);
    }

    private static boolean onlyClusterManagers(URL url) {
      try (InputStream in = url.openStream()) {
        boolean any = false;
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String provider = line.replaceFirst("#.*", "").trim();
          if (provider.isEmpty()) {
            continue;
          }
          if (!provider.startsWith(CLUSTER_MANAGER_PACKAGE)) {
            return false;
          }
          any = true;
        }
        return any;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
