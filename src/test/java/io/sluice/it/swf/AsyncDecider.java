package io.sluice.it.swf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.swf.SwfAsyncClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * A decider on the SDK v2 {@link SwfAsyncClient} that holds no thread ({@link AsyncPollers}): each
 * task's whole history is gathered page by page ({@link #PAGE} events a page, the next pages by
 * {@code nextPageToken}), the {@link Logic}'s decisions (or a {@link LaterLogic}'s, once they are
 * ready) are answered with RespondDecisionTaskCompleted, and every task taken is kept ({@link #tasks}).
 */
final class AsyncDecider extends AsyncPollers<PollForDecisionTaskResponse> {
  /** The history page size asked for, small so that the decider pages as a long history needs. */
  static final int PAGE = 10;

  /** What the decider decides: a function of the task's history, as SWF deciders must be. */
  @FunctionalInterface
  interface Logic {
    /** The decisions for {@code task}, or null to leave it unanswered (as a decider that died would). */
    List<Decision> decide(DecisionTask task);
  }

  /** A {@link Logic} that takes its time: the decisions once the stage completes. */
  @FunctionalInterface
  interface LaterLogic {
    CompletionStage<List<Decision>> decide(DecisionTask task);
  }

  /** A decision task as the decider saw it, with its whole history. */
  record DecisionTask(String taskToken, WorkflowExecution execution, WorkflowType workflowType, long startedEventId,
                      long previousStartedEventId, List<HistoryEvent> events) {
    /** The events of {@code type}, oldest first. */
    List<HistoryEvent> all(EventType type) {
      return events.stream().filter(e -> e.eventType() == type).toList();
    }

    /** Whether an event of {@code type} is in the history. */
    boolean has(EventType type) {
      return events.stream().anyMatch(e -> e.eventType() == type);
    }

    /** The latest event of {@code type}. */
    Optional<HistoryEvent> last(EventType type) {
      List<HistoryEvent> found = all(type);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
    }

    /** The run's input. */
    String input() {
      return events.getFirst().workflowExecutionStartedEventAttributes().input();
    }
  }

  private final SwfAsyncClient swf;
  private final String domain;
  private final String taskList;
  private final LaterLogic logic;
  private final List<DecisionTask> tasks = new CopyOnWriteArrayList<>();

  AsyncDecider(SwfAsyncClient swf, String domain, String taskList, Logic logic) {
    this(swf, domain, taskList, (LaterLogic) task -> CompletableFuture.completedFuture(logic.decide(task)));
  }

  AsyncDecider(SwfAsyncClient swf, String domain, String taskList, LaterLogic logic) {
    super("decider");
    this.swf = swf;
    this.domain = domain;
    this.taskList = taskList;
    this.logic = logic;
  }

  /** Starts {@code count} pollers on the task list; this decider. */
  AsyncDecider start(int count) {
    startPollers(count);
    return this;
  }

  /** The decision tasks taken so far, in the order their histories were gathered. */
  List<DecisionTask> tasks() {
    return List.copyOf(tasks);
  }

  @Override
  protected CompletableFuture<PollForDecisionTaskResponse> poll(String identity) {
    return swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name(taskList)).identity(identity)
        .maximumPageSize(PAGE));
  }

  @Override
  protected String taskToken(PollForDecisionTaskResponse answer) {
    return answer.taskToken();
  }

  @Override
  protected CompletableFuture<Void> handle(PollForDecisionTaskResponse answer) {
    return gather(answer, new ArrayList<>()).thenCompose(task -> {
      tasks.add(task);
      return logic.decide(task).thenCompose(decisions -> decisions == null
          ? CompletableFuture.<Void>completedFuture(null)
          : swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decisions))
              .thenApply(answered -> null));
    });
  }

  /** The task with every page of its history: the next pages come at once, by {@code nextPageToken}. */
  private CompletableFuture<DecisionTask> gather(PollForDecisionTaskResponse page, List<HistoryEvent> events) {
    events.addAll(page.events());
    if (page.nextPageToken() == null) {
      return CompletableFuture.completedFuture(new DecisionTask(page.taskToken(), page.workflowExecution(),
          page.workflowType(), page.startedEventId(), page.previousStartedEventId(), List.copyOf(events)));
    }
    return swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name(taskList)).maximumPageSize(PAGE)
            .nextPageToken(page.nextPageToken()))
        .thenCompose(next -> gather(next, events));
  }
}
