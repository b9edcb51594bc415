package io.sluice.swf.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link ExecutionStore} in Redis, standalone or Cluster. A workflowId's runs live under the tag
 * {@code {wf:<region>/<account>/<domain>/<workflowId>}} (its open run, each run's state hash and
 * history list), so {@code lua/swf/execution.lua} commits a transaction in one step. A task list is
 * a list under its own tag {@code {tl:…}}, taken from by {@code LPOP} (one caller gets each task);
 * a transaction's tasks are pushed there once its step has committed, as the two tags may live on
 * different cluster nodes (a node that dies between the two leaves the task unqueued until its
 * timeout, which is not built yet). A domain's visibility index is a set under its own tag
 * {@code {vis:<region>/<account>/<domain>}} (members {@code <workflowId>\n<runId>}), added to after a
 * start's or continue-as-new's step as tasks are: a node that dies between the two leaves the run out
 * of the listings; an entry whose run is gone or changed is re-read by the reader, never trusted.
 */
public final class RedisExecutionStore implements ExecutionStore {
  private static final RedisScript EXECUTION = RedisScript.load("swf/execution");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this store's keys live (the engine's keys, namespace {@code swf}) */
  public RedisExecutionStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  private List<String> runKeys(ExecutionKey key) {
    return keys.tagged(key.tag(), List.of("open", "run:" + key.runId(), "events:" + key.runId()));
  }

  private String listKey(TaskListId list) {
    return keys.tagged(list.key(), "tasks");
  }

  private String indexKey(DomainId domain) {
    return keys.tagged("vis:" + domain.region() + "/" + domain.account() + "/" + domain.name(), "runs");
  }

  private Future<Void> index(ExecutionKey key) {
    return redis.send(Request.cmd(Command.SADD).arg(indexKey(key.domain())).arg(key.workflowId() + "\n" + key.runId()))
        .mapEmpty();
  }

  @Override
  public CompletionStage<Boolean> start(ExecutionKey key, String state, List<String> events, List<QueuedTask> tasks) {
    List<Object> args = new ArrayList<>(List.of("start", key.runId(), state));
    args.addAll(events);
    return EXECUTION.run(redis, runKeys(key), args)
        .compose(r -> r.toString().equals("DONE") ? index(key).compose(v -> queue(tasks)).map(true)
            : Future.succeededFuture(false))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<String>> openRun(ExecutionKey key) {
    return redis.send(Request.cmd(Command.GET).arg(keys.tagged(key.tag(), "open")))
        .map(r -> Optional.ofNullable(r == null ? null : r.toString())).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<Versioned>> read(ExecutionKey key) {
    return redis.send(Request.cmd(Command.HMGET).arg(runKeys(key).get(1)).arg("st").arg("ver"))
        .map(r -> r.get(0) == null ? Optional.<Versioned>empty()
            : Optional.of(new Versioned(r.get(0).toString(), r.get(1).toLong())))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> commit(ExecutionKey key, long version, String state, List<String> events,
                                         boolean closed, List<QueuedTask> tasks) {
    List<Object> args = new ArrayList<>(List.of("commit", key.runId(), Long.toString(version), state,
        closed ? "1" : "0"));
    args.addAll(events);
    return EXECUTION.run(redis, runKeys(key), args)
        .compose(r -> r.toString().equals("DONE") ? queue(tasks).map(true) : Future.succeededFuture(false))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> continueAsNew(ExecutionKey key, long version, String state, List<String> events,
                                                ExecutionKey next, String nextState, List<String> nextEvents,
                                                List<QueuedTask> tasks) {
    List<String> runKeys = new ArrayList<>(runKeys(key));
    runKeys.addAll(keys.tagged(next.tag(), List.of("run:" + next.runId(), "events:" + next.runId())));
    List<Object> args = new ArrayList<>(List.of("continue", key.runId(), Long.toString(version), state,
        next.runId(), nextState, Integer.toString(events.size())));
    args.addAll(events);
    args.addAll(nextEvents);
    return EXECUTION.run(redis, runKeys, args)
        .compose(r -> r.toString().equals("DONE") ? index(next).compose(v -> queue(tasks)).map(true)
            : Future.succeededFuture(false))
        .toCompletionStage();
  }

  /**
   * Pushes the tasks one after another: sent at once they may travel on different pooled connections
   * and reach a list out of order.
   */
  private Future<Void> queue(List<QueuedTask> tasks) {
    Future<Void> pushed = Future.succeededFuture();
    for (QueuedTask t : tasks) {
      pushed = pushed.compose(v -> redis.send(Request.cmd(Command.RPUSH).arg(listKey(t.list())).arg(json(t.task())))
          .mapEmpty());
    }
    return pushed;
  }

  @Override
  public CompletionStage<List<String>> events(ExecutionKey key, long from) {
    return redis.send(Request.cmd(Command.LRANGE).arg(runKeys(key).get(2)).arg(Math.max(0, from - 1)).arg(-1))
        .map(r -> {
          List<String> events = new ArrayList<>(r.size());
          r.forEach(e -> events.add(e.toString()));
          return List.copyOf(events);
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<TaskRef>> take(TaskListId list) {
    return redis.send(Request.cmd(Command.LPOP).arg(listKey(list)))
        .map(r -> r == null ? Optional.<TaskRef>empty() : Optional.of(parse(r.toString())))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Void> putBack(TaskListId list, TaskRef task) {
    return redis.send(Request.cmd(Command.LPUSH).arg(listKey(list)).arg(json(task))).<Void>mapEmpty()
        .toCompletionStage();
  }

  @Override
  public CompletionStage<List<ExecutionKey>> indexed(DomainId domain) {
    return redis.send(Request.cmd(Command.SMEMBERS).arg(indexKey(domain))).map(r -> {
      List<ExecutionKey> runs = new ArrayList<>(r.size());
      r.forEach(m -> {
        String member = m.toString();
        int cut = member.lastIndexOf('\n');
        runs.add(new ExecutionKey(domain, member.substring(0, cut), member.substring(cut + 1)));
      });
      return List.copyOf(runs);
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> unindex(ExecutionKey key) {
    return redis.send(Request.cmd(Command.SREM).arg(indexKey(key.domain())).arg(key.workflowId() + "\n" + key.runId()))
        .<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Long> pending(TaskListId list) {
    return redis.send(Request.cmd(Command.LLEN).arg(listKey(list))).map(Response::toLong).toCompletionStage();
  }

  private static String json(TaskRef task) {
    try {
      return JSON.writeValueAsString(task);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TaskRef parse(String json) {
    try {
      return JSON.readValue(json, TaskRef.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored SWF task", e);
    }
  }
}
