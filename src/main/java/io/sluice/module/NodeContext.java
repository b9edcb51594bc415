package io.sluice.module;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.bus.ServiceClient;
import io.sluice.config.SluiceConfig;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.storage.StoreEngine;
import io.sluice.time.Timers;
import io.vertx.core.Vertx;
import java.time.InstantSource;

/**
 * What a node gives each service it starts.
 *
 * @param vertx    the node's Vert.x (clustered when nodes share an event bus)
 * @param config   the node's configuration (a service's own settings come as their own record)
 * @param engine   the storage engine; the service opens its store on it
 * @param clock    the injected clock; services read time only from it
 * @param timers   the injected timers, measured on {@code clock}; services wait for time only with them
 * @param meters   where services register their meters ({@code GET /metrics})
 * @param services every service of the node, for calls from one service to another over the bus
 * @param sseKey   the key that seals stored message content (configured, else random per process)
 */
public record NodeContext(Vertx vertx, SluiceConfig config, StoreEngine engine, InstantSource clock, Timers timers,
                          MeterRegistry meters, ServiceRegistry services, byte[] sseKey) {

  /** A context whose timers are Vert.x's. */
  public NodeContext(Vertx vertx, SluiceConfig config, StoreEngine engine, InstantSource clock, MeterRegistry meters,
                     ServiceRegistry services, byte[] sseKey) {
    this(vertx, config, engine, clock, Timers.vertx(vertx), meters, services, sseKey);
  }

  /** True when nodes share an event bus: changes and wake-ups are then published cluster-wide. */
  public boolean clustered() {
    return vertx.isClustered();
  }

  /** How many instances of each request-serving verticle to deploy (one per gateway). */
  public int instances() {
    return config.effectiveGatewayInstances();
  }

  /** A client for calling another service's operations over the event bus (checking access as the gateway does). */
  public ServiceClient serviceClient() {
    return new ServiceClient(vertx, services, config.requestTimeoutMs(), config.verifiesSignatures());
  }
}
