package io.sluice.it.swf;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.swf.SwfAsyncClient;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/**
 * Activity workers on the SDK v2 {@link SwfAsyncClient} that hold no thread ({@link AsyncPollers}):
 * the {@link Handler}'s {@link Outcome} for a task is answered as RespondActivityTaskCompleted, Failed
 * or Canceled, or not at all; a poller works one task at a time, several work in parallel. Every
 * task taken is kept ({@link #tasks}).
 */
final class AsyncActivityWorker extends AsyncPollers<PollForActivityTaskResponse> {

  /** What the worker does with a task. */
  @FunctionalInterface
  interface Handler {
    CompletionStage<Outcome> handle(PollForActivityTaskResponse task);
  }

  /** How a task ends for the worker. */
  sealed interface Outcome {
    record Completed(String result) implements Outcome {}

    record Failed(String reason, String details) implements Outcome {}

    record Canceled(String details) implements Outcome {}

    /** The worker never answers (as one that died would): the task's timeouts decide. */
    record Abandoned() implements Outcome {}
  }

  static CompletionStage<Outcome> completed(String result) {
    return CompletableFuture.completedFuture(new Outcome.Completed(result));
  }

  static CompletionStage<Outcome> failed(String reason, String details) {
    return CompletableFuture.completedFuture(new Outcome.Failed(reason, details));
  }

  static CompletionStage<Outcome> abandoned() {
    return CompletableFuture.completedFuture(new Outcome.Abandoned());
  }

  private final SwfAsyncClient swf;
  private final String domain;
  private final String taskList;
  private final Handler handler;
  private final List<PollForActivityTaskResponse> tasks = new CopyOnWriteArrayList<>();

  AsyncActivityWorker(SwfAsyncClient swf, String domain, String taskList, Handler handler) {
    super("worker");
    this.swf = swf;
    this.domain = domain;
    this.taskList = taskList;
    this.handler = handler;
  }

  /** Starts {@code count} pollers on the task list; this worker. */
  AsyncActivityWorker start(int count) {
    startPollers(count);
    return this;
  }

  /** The activity tasks taken so far, in the order they were handed out. */
  List<PollForActivityTaskResponse> tasks() {
    return List.copyOf(tasks);
  }

  /**
   * Heartbeats {@code task} every {@code every} until an answer says {@code cancelRequested} (true),
   * or after {@code most} heartbeats, or once the worker stops (false).
   */
  CompletableFuture<Boolean> heartbeatUntilCancelRequested(PollForActivityTaskResponse task, Duration every,
                                                           int most) {
    if (stopped() || most <= 0) {
      return CompletableFuture.completedFuture(false);
    }
    return swf.recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()).details("still working"))
        .thenCompose(beat -> beat.cancelRequested()
            ? CompletableFuture.completedFuture(true)
            : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(every.toMillis(),
                    TimeUnit.MILLISECONDS))
                .thenCompose(v -> heartbeatUntilCancelRequested(task, every, most - 1)));
  }

  @Override
  protected CompletableFuture<PollForActivityTaskResponse> poll(String identity) {
    return swf.pollForActivityTask(r -> r.domain(domain).taskList(t -> t.name(taskList)).identity(identity));
  }

  @Override
  protected String taskToken(PollForActivityTaskResponse answer) {
    return answer.taskToken();
  }

  @Override
  protected CompletableFuture<Void> handle(PollForActivityTaskResponse task) {
    tasks.add(task);
    String token = task.taskToken();
    return handler.handle(task).toCompletableFuture().thenCompose(outcome -> switch (outcome) {
      case Outcome.Completed c -> swf.respondActivityTaskCompleted(r -> r.taskToken(token).result(c.result()))
          .thenApply(answered -> null);
      case Outcome.Failed f -> swf.respondActivityTaskFailed(r -> r.taskToken(token).reason(f.reason())
          .details(f.details())).thenApply(answered -> null);
      case Outcome.Canceled c -> swf.respondActivityTaskCanceled(r -> r.taskToken(token).details(c.details()))
          .thenApply(answered -> null);
      case Outcome.Abandoned a -> CompletableFuture.completedFuture(null);
    });
  }
}
