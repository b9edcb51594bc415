package io.sluice.kinesis.store;

import io.sluice.kinesis.model.ConsumerRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * {@link ConsumerStore} in Redis, standalone or Cluster. The consumers of one stream generation are
 * one hash under the tag {@code {consumers:<region>/<account>/<name>/<generation>}}, changed by
 * {@code lua/kinesis/consumers.lua}; the latest subscription of a consumer to a shard is a hash
 * (token, since, until) under a tag of its own, taken by {@code lua/kinesis/subscribe.lua} and
 * expiring with the subscription.
 */
public final class RedisConsumerStore implements ConsumerStore {
  private static final RedisScript CONSUMERS = RedisScript.load("kinesis/consumers");
  private static final RedisScript SUBSCRIBE = RedisScript.load("kinesis/subscribe");

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this store's keys live (the engine's keys, namespace {@code kinesis}) */
  public RedisConsumerStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<Registered> register(ConsumerRecord consumer, int limit, long now) {
    return CONSUMERS.run(redis, List.of(key(consumer.stream(), consumer.streamGeneration())),
            List.of("register", now, consumer.name(), json(consumer), limit))
        .map(r -> Registered.valueOf(r.toString())).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<ConsumerRecord>> find(StreamId stream, long generation, String name, long now) {
    return redis.send(Request.cmd(Command.HMGET).arg(key(stream, generation)).arg(name).arg("gone:" + name))
        .map(r -> {
          if (r.get(0) == null) {
            return Optional.<ConsumerRecord>empty();
          }
          ConsumerRecord c = record(r.get(0).toString(), r.get(1));
          return c.exists(now) ? Optional.of(c) : Optional.<ConsumerRecord>empty();
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<List<ConsumerRecord>> list(StreamId stream, long generation, long now) {
    return redis.send(Request.cmd(Command.HGETALL).arg(key(stream, generation))).map(r -> {
      Map<String, String> fields = new TreeMap<>();
      for (String field : r.getKeys()) {
        fields.put(field, r.get(field).toString());
      }
      List<ConsumerRecord> out = new ArrayList<>();
      fields.forEach((field, value) -> {
        if (!field.startsWith("gone:")) {
          String gone = fields.get("gone:" + field);
          ConsumerRecord c = record(value, gone);
          if (c.exists(now)) {
            out.add(c);
          }
        }
      });
      return out;
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<ConsumerRecord>> deregister(StreamId stream, long generation, String name,
                                                              long goneMillis, long now) {
    return CONSUMERS.run(redis, List.of(key(stream, generation)), List.of("deregister", now, name, goneMillis))
        .map(r -> r == null ? Optional.<ConsumerRecord>empty()
            : Optional.of(record(r.get(0).toString(), r.get(1))))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> subscribe(String consumerArn, int shard, String token, long refuseMillis,
                                            long keepMillis, long now) {
    return SUBSCRIBE.run(redis, List.of(subscriptionKey(consumerArn, shard)),
            List.of(token, now, refuseMillis, keepMillis))
        .map(r -> r.toInteger() == 1).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<String>> subscription(String consumerArn, int shard, long now) {
    return redis.send(Request.cmd(Command.HMGET).arg(subscriptionKey(consumerArn, shard)).arg("token").arg("until"))
        .map(r -> r.get(0) == null || Long.parseLong(r.get(1).toString()) <= now ? Optional.<String>empty()
            : Optional.of(r.get(0).toString()))
        .toCompletionStage();
  }

  private String subscriptionKey(String consumerArn, int shard) {
    return keys.tagged("sub:" + consumerArn + "/" + shard, "subscription");
  }

  private String key(StreamId stream, long generation) {
    return keys.tagged("consumers:" + stream.region() + "/" + stream.account() + "/" + stream.name() + "/"
        + generation, "consumers");
  }

  private static String json(ConsumerRecord c) {
    return new JsonObject().put("region", c.stream().region()).put("account", c.stream().account())
        .put("stream", c.stream().name()).put("generation", c.streamGeneration()).put("name", c.name())
        .put("created", c.createdMillis()).put("ready", c.readyMillis()).encode();
  }

  private static ConsumerRecord record(String json, Object gone) {
    JsonObject o = new JsonObject(json);
    return new ConsumerRecord(new StreamId(o.getString("region"), o.getString("account"), o.getString("stream")),
        o.getLong("generation"), o.getString("name"), o.getLong("created"), o.getLong("ready"),
        gone == null ? null : Long.valueOf(gone.toString()));
  }
}
