package io.sluice.module;

import io.sluice.config.ServiceSection;
import io.sluice.protocol.ServiceDefinition;
import io.vertx.core.Future;
import java.util.Map;

/**
 * One AWS service as a part of the node: everything the launcher needs to serve it. The launcher
 * ({@code io.sluice.Sluice}) loops over its list of modules; adding a service adds its package and
 * one entry in that list, and nothing in shared classes.
 *
 * <p>A module hands over its wire definition (operations, protocols, bus address), its configuration
 * section (read and validated with the node's, so every problem is reported at once), and starts
 * itself on a node: its store on the node's engine, its verticles, its node-wide parts (listeners,
 * timers, caches). What it started answers for its HTTP resources, its reset hook and its stop
 * ({@link RunningService}). {@link #train} is its part of the ahead-of-time training run.
 *
 * @param <C> the service's settings record
 */
public interface ServiceModule<C> {

  /** How the service is addressed on the wire, its operations and its bus address. */
  ServiceDefinition definition();

  /** Its section of the configuration ({@code sluice.<name>}, defaults in {@code conf/<name>.conf}). */
  ServiceSection<C> configSection();

  /**
   * Starts the service on a node: opens its store on {@link NodeContext#engine()}, deploys its
   * verticles ({@link NodeContext#instances()} of each that serves requests) and its node-wide parts.
   * The future completes once it answers requests on the event bus.
   */
  Future<RunningService> start(NodeContext node, C settings);

  /** Drives the service's common calls against a node, so the AOT cache records their classes. */
  void train(TrainingClient client) throws Exception;

  /**
   * Settings (as environment variables) the training node needs for {@link #train} to run at full
   * speed, e.g. AWS's rate limits off; none by default.
   */
  default Map<String, String> trainingSettings() {
    return Map.of();
  }
}
