package io.sluice.swf;

import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.waiters.Signals;
import io.sluice.swf.decision.Deliveries;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.HistoryObserver;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.store.DomainStore;
import io.sluice.swf.store.ExecutionStore;
import io.sluice.swf.store.TaskListStore;
import io.sluice.swf.store.VisibilityStore;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What SWF operations share: the domain, execution, task list and visibility stores, the signals that
 * wake task polls (keyed by {@link io.sluice.swf.model.TaskListId#key}), the clock, the settings, the
 * Lambda functions Lambda tasks run and what sees each committed history transaction
 * ({@link SwfMetrics}).
 */
public record SwfServices(DomainStore domains, ExecutionStore executions, TaskListStore taskLists,
                          VisibilityStore visibility, Signals<String> tasks, InstantSource clock, SwfConfig config,
                          LambdaFunctions functions, HistoryObserver observer) {

  /** Services whose transactions nothing observes. */
  public SwfServices(DomainStore domains, ExecutionStore executions, TaskListStore taskLists,
                     VisibilityStore visibility, Signals<String> tasks, InstantSource clock, SwfConfig config,
                     LambdaFunctions functions) {
    this(domains, executions, taskLists, visibility, tasks, clock, config, functions, HistoryObserver.NONE);
  }

  /** History transactions on this node's stores. */
  public Histories histories() {
    return new Histories(executions, taskLists, tasks, clock, Deliveries.standard(functions, this::openExecutionLimitReached),
        index(), observer);
  }

  /** True when {@code domain} has {@link SwfConfig#openExecutionLimit} runs open (see {@link OpenExecutionLimit}). */
  public CompletionStage<Boolean> openExecutionLimitReached(DomainId domain) {
    return domains.domain(domain).thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(false)
        : openExecutionLimitReached(found.get()));
  }

  /** True when {@code domain} has {@link SwfConfig#openExecutionLimit} runs open (see {@link OpenExecutionLimit}). */
  public CompletionStage<Boolean> openExecutionLimitReached(DomainRecord domain) {
    return index().countOpen(domain).thenApply(open -> open >= config.openExecutionLimit());
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
