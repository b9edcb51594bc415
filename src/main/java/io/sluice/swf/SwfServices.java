package io.sluice.swf;

import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.waiters.Signals;
import io.sluice.swf.decision.Deliveries;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.store.DomainStore;
import io.sluice.swf.store.ExecutionStore;
import java.time.InstantSource;

/**
 * What SWF operations share: the domain and execution stores, the signals that wake task polls
 * (keyed by {@link io.sluice.swf.model.TaskListId#key}), the scheduler that holds timers, the clock
 * and the settings.
 */
public record SwfServices(DomainStore domains, ExecutionStore executions, Signals<String> tasks, Scheduler timers,
                          InstantSource clock, SwfConfig config) {

  /** History transactions on this node's stores. */
  public Histories histories() {
    return new Histories(executions, tasks, timers, clock, Deliveries.standard());
  }
}
