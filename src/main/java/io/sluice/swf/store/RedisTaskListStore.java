package io.sluice.swf.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link TaskListStore} in Redis, standalone or Cluster: each list a sorted set under its own tag
 * {@code {tl:…}} ({@code lua/swf/tasklist.lua}: score the negated priority, member a sequence and the
 * task), taken from by {@code ZPOPMIN} into a second sorted set of taken members (score: when), in one
 * script, so one caller gets each task and a taker that dies leaves it to come back.
 */
public final class RedisTaskListStore implements TaskListStore {
  private static final RedisScript TASK_LIST = RedisScript.load("swf/tasklist");
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** The sequence every member starts with. */
  private static final int SEQUENCE_DIGITS = 16;

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this store's keys live (the engine's keys, namespace {@code swf}) */
  public RedisTaskListStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  private List<String> listKeys(TaskListId list) {
    return keys.tagged(list.key(), List.of("tasks", "seq", "taken"));
  }

  @Override
  public CompletionStage<Void> queue(TaskListId list, List<TaskRef> tasks) {
    if (tasks.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Object> args = new ArrayList<>(List.of("queue"));
    for (TaskRef t : tasks) {
      args.add(Integer.toString(t.priority()));
      args.add(json(t));
    }
    return TASK_LIST.run(redis, listKeys(list), args).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<Taken>> take(TaskListId list, long now) {
    return TASK_LIST.run(redis, listKeys(list), List.of("take", Long.toString(now), Long.toString(TAKEN_MILLIS)))
        .map(r -> {
          if (r == null) {
            return Optional.<Taken>empty();
          }
          String member = r.toString();
          return Optional.of(new Taken(parse(member.substring(SEQUENCE_DIGITS)), member));
        })
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Void> ack(TaskListId list, String receipt) {
    return TASK_LIST.run(redis, listKeys(list), List.of("ack", receipt)).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Void> release(TaskListId list, String receipt) {
    return TASK_LIST.run(redis, listKeys(list), List.of("release", receipt)).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Long> pending(TaskListId list) {
    return redis.send(Request.cmd(Command.ZCARD).arg(listKeys(list).get(0))).map(Response::toLong)
        .toCompletionStage();
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
