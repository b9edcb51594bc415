package io.sluice.swf;

import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.waiters.Signals;
import io.sluice.swf.decision.Deliveries;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.store.DomainStore;
import io.sluice.swf.store.ExecutionStore;
import io.sluice.swf.store.TaskListStore;
import io.sluice.swf.store.VisibilityStore;
import java.time.InstantSource;

/**
 * What SWF operations share: the domain, execution, task list and visibility stores, the signals that
 * wake task polls (keyed by {@link io.sluice.swf.model.TaskListId#key}), the clock, the settings and
 * the Lambda functions Lambda tasks run.
 */
public record SwfServices(DomainStore domains, ExecutionStore executions, TaskListStore taskLists,
                          VisibilityStore visibility, Signals<String> tasks, InstantSource clock, SwfConfig config,
                          LambdaFunctions functions) {

  /** History transactions on this node's stores. */
  public Histories histories() {
    return new Histories(executions, taskLists, tasks, clock, Deliveries.standard(functions), index());
  }

  /** The visibility index: its hooks, pages and counts. */
  public Visibility index() {
    return new Visibility(visibility, clock);
  }

  /** The scheduler of SWF's timers and timeouts ({@link io.sluice.swf.engine.Deadlines}). */
  public Scheduler timers() {
    return executions.deadlines();
  }
}
