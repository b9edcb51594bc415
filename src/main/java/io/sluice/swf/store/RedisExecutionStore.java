package io.sluice.swf.store;

import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.sluice.storage.scheduler.RedisScheduler;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.swf.model.ExecutionKey;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link ExecutionStore} in Redis, standalone or Cluster. A workflowId's runs live under the tag
 * {@code {wf:<region>/<account>/<domain>/<workflowId>}} (its open run, each run's state hash and
 * history list), and so does its partition of the {@code swf-timers} scheduler, so
 * {@code lua/swf/execution.lua} commits a transaction and its deadlines in one step; the scheduler's due
 * index is told afterwards (see {@link RedisScheduler}: an index update lost to a crash delays a deadline,
 * never loses it).
 */
public final class RedisExecutionStore implements ExecutionStore {
  private static final RedisScript EXECUTION = RedisScript.load("swf/execution");

  private final Redis redis;
  private final RedisKeys keys;
  private final RedisScheduler deadlines;

  /**
   * @param keys      where this store's keys live (the engine's keys, namespace {@code swf})
   * @param deadlines the {@code swf-timers} scheduler
   */
  public RedisExecutionStore(Redis redis, RedisKeys keys, RedisScheduler deadlines) {
    this.redis = redis;
    this.keys = keys;
    this.deadlines = deadlines;
  }

  @Override
  public Scheduler deadlines() {
    return deadlines;
  }

  private List<String> runKeys(ExecutionKey key) {
    List<String> all = new ArrayList<>(deadlines.partitionKeys(ExecutionStore.deadlinePartition(key)));
    all.addAll(keys.tagged(key.tag(), List.of("open", "run:" + key.runId(), "events:" + key.runId())));
    return all;
  }

  private String runKey(ExecutionKey key) {
    return keys.tagged(key.tag(), "run:" + key.runId());
  }

  private static void addEvents(List<Object> args, List<String> events) {
    args.add(Integer.toString(events.size()));
    args.addAll(events);
  }

  private static void addDeadlines(List<Object> args, DeadlineChanges changes) {
    args.add(Integer.toString(changes.add().size()));
    for (Scheduler.Item item : changes.add()) {
      args.add(item.id());
      args.add(Long.toString(item.dueAt()));
      args.add(item.holder() == null ? "" : item.holder());
      args.add(item.payload());
    }
    args.add(Integer.toString(changes.remove().size()));
    args.addAll(changes.remove());
  }

  /**
   * Runs a step that answers {@code {'DONE', version, lowest}} or a word; true when done, after the
   * due index is lowered if the step made a deadline due earlier than all the partition had.
   */
  private Future<Boolean> step(ExecutionKey key, List<String> stepKeys, List<Object> args) {
    return EXECUTION.run(redis, stepKeys, args).compose(r -> {
      if (r.type() != ResponseType.MULTI) {
        return Future.succeededFuture(false);
      }
      long version = r.get(1).toLong();
      if (version == 0) {
        return Future.succeededFuture(true);
      }
      return deadlines.lowered(ExecutionStore.deadlinePartition(key), version, r.get(2).toLong()).map(true);
    });
  }

  @Override
  public CompletionStage<Boolean> start(ExecutionKey key, String state, List<String> events, DeadlineChanges changes,
                                        long now) {
    List<Object> args = new ArrayList<>(List.of("start", Long.toString(now), key.runId(), state));
    addEvents(args, events);
    addDeadlines(args, changes);
    // registered before its first item, so that the due index's sweep knows the partition
    return deadlines.track(ExecutionStore.deadlinePartition(key))
        .compose(tracked -> step(key, runKeys(key), args))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<String>> openRun(ExecutionKey key) {
    return redis.send(Request.cmd(Command.GET).arg(keys.tagged(key.tag(), "open")))
        .map(r -> Optional.ofNullable(r == null ? null : r.toString())).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<Versioned>> read(ExecutionKey key) {
    return redis.send(Request.cmd(Command.HMGET).arg(runKey(key)).arg("st").arg("ver"))
        .map(r -> r.get(0) == null ? Optional.<Versioned>empty()
            : Optional.of(new Versioned(r.get(0).toString(), r.get(1).toLong())))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> commit(ExecutionKey key, long version, String state, List<String> events,
                                         boolean closed, DeadlineChanges changes, long now) {
    List<Object> args = new ArrayList<>(List.of("commit", Long.toString(now), key.runId(), Long.toString(version),
        state, closed ? "1" : "0"));
    addEvents(args, events);
    addDeadlines(args, changes);
    return step(key, runKeys(key), args).toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> continueAsNew(ExecutionKey key, long version, String state, List<String> events,
                                                ExecutionKey next, String nextState, List<String> nextEvents,
                                                DeadlineChanges changes, long now) {
    List<String> stepKeys = new ArrayList<>(runKeys(key));
    stepKeys.addAll(keys.tagged(next.tag(), List.of("run:" + next.runId(), "events:" + next.runId())));
    List<Object> args = new ArrayList<>(List.of("continue", Long.toString(now), key.runId(), Long.toString(version),
        state));
    addEvents(args, events);
    args.add(next.runId());
    args.add(nextState);
    addEvents(args, nextEvents);
    addDeadlines(args, changes);
    return step(key, stepKeys, args).toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> delete(ExecutionKey key, String retentionItem) {
    return EXECUTION.run(redis, runKeys(key), List.of("delete", "0", key.runId(), retentionItem))
        .compose(r -> {
          long deleted = r.get(0).toLong();
          // 2: the workflowId's partition is gone, so the due index's sweep need not read it any
          // longer; a start of the workflowId since then made it again and keeps it indexed
          return deleted == 2 ? deadlines.forget(ExecutionStore.deadlinePartition(key), r.get(1).toLong()).map(true)
              : Future.succeededFuture(deleted == 1);
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<List<String>> events(ExecutionKey key, long from) {
    return redis.send(Request.cmd(Command.LRANGE).arg(keys.tagged(key.tag(), "events:" + key.runId())).arg(Math.max(0, from - 1)).arg(-1))
        .map(r -> {
          List<String> events = new ArrayList<>(r.size());
          r.forEach(e -> events.add(e.toString()));
          return List.copyOf(events);
        }).toCompletionStage();
  }
}
