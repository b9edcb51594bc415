package io.sluice.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * The meters of one node, exposed on {@code GET /metrics} in Prometheus format: Vert.x's HTTP server
 * and pool metrics, JVM metrics, and the meters each service registers (e.g. SQS's per-queue meters
 * named after its CloudWatch metrics).
 *
 * <p>Vert.x's event-bus metrics are left out: Sluice's bus carries only its own local
 * request/reply plumbing, and vertx-micrometer-metrics 5 re-registers their shared gauges on every
 * handler registration and message, which costs time per request and made Micrometer log "This Gauge
 * has been already registered (vertx.eventbus.handlers)" at start-up. The HTTP server metrics do the
 * same on new connections; those re-registrations are harmless (Vert.x keeps one value per meter),
 * so that one Micrometer warning is dropped for Vert.x's own meters.
 */
public final class NodeMetrics implements AutoCloseable {
  private static final Logger METER_REGISTRY_LOG = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  static {
    Filter previous = METER_REGISTRY_LOG.getFilter();
    METER_REGISTRY_LOG.setFilter(record -> {
      String message = record.getMessage();
      if (message != null && message.contains("has been already registered (MeterId{name='vertx.")) {
        return false;
      }
      return previous == null || previous.isLoggable(record);
    });
  }

  private static final AtomicInteger NODES = new AtomicInteger();

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final String registryName = "sluice-" + NODES.incrementAndGet();
  private volatile JvmGcMetrics gc;

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * The metrics options to build Vert.x with. The registry name is unique: vertx-micrometer-metrics
   * keeps backends in a JVM-wide map by that name, so nodes sharing a JVM (tests) would otherwise
   * report into the first node's registry.
   */
  public MicrometerMetricsOptions vertxOptions() {
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false)
        .setRegistryName(registryName)
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
  }

  /** The factory that makes Vert.x report into {@link #registry()}. */
  public VertxMetricsFactory vertxFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  /**
   * Binds the JVM meters (memory, GC, threads, class loading, CPU). Called once the node answers
   * requests, off the start-up path: it initializes the JVM's management beans, which takes a while.
   */
  public synchronized void bindJvmMetrics() {
    if (gc != null) {
      return;
    }
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
  }

  @Override
  public synchronized void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
