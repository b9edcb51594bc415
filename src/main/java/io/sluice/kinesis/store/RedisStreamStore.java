package io.sluice.kinesis.store;

import io.sluice.kinesis.model.Commitment;
import io.sluice.kinesis.model.NewRecord;
import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StoredRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * {@link StreamStore} in Redis, standalone or Cluster. A stream's metadata is one hash under the
 * tag {@code {stream:<region>/<account>/<name>}} (changed in one step by {@code lua/kinesis/stream.lua}); each
 * shard's records are one Redis stream under a tag of its own,
 * {@code {shard:<region>/<account>/<name>/<generation>/<index>}}, so the shards of one stream spread
 * over a cluster's slots; beside it, in the same slot, the shard's end once a reshard sealed it
 * ({@code lua/kinesis/seal.lua}, checked by every append). A record's entry id is {@code <arrival millis>-<number>}, given by
 * {@code XADD <millis>-*} in {@code lua/kinesis/append.lua}: monotonic in the shard, never reused,
 * and the base of its sequence number; retention trims by id ({@code XTRIM MINID}). Names are
 * indexed per region and account in a sorted set under {@code {idx:<region>/<account>}}, beside the
 * account's settings (a hash changed by {@code lua/kinesis/account.lua}); a name stays
 * there after its stream is gone (listing reads each stream's metadata), so no step spans two tags.
 */
public final class RedisStreamStore implements StreamStore {
  private static final RedisScript STREAM = RedisScript.load("kinesis/stream");
  private static final RedisScript APPEND = RedisScript.load("kinesis/append");
  private static final RedisScript ACCOUNT = RedisScript.load("kinesis/account");
  private static final RedisScript SEAL = RedisScript.load("kinesis/seal");

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this store's keys live (the engine's keys, namespace {@code kinesis}) */
  public RedisStreamStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<Optional<StreamRecord>> create(StreamRecord stream, long now) {
    return step(stream.id(), "create", now, json(stream)).compose(r -> {
      if (r.get(0).toInteger() == 0) {
        return Future.succeededFuture(Optional.of(record(r.get(1).toString(), r.get(2).toString())));
      }
      return send(Request.cmd(Command.ZADD).arg(namesKey(stream.id().region(), stream.id().account())).arg(0)
          .arg(stream.id().name())).map(added -> Optional.<StreamRecord>empty());
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<StreamRecord>> find(StreamId id, long now) {
    return read(id, now).toCompletionStage();
  }

  private Future<Optional<StreamRecord>> read(StreamId id, long now) {
    return send(Request.cmd(Command.HMGET).arg(metaKey(id)).arg("rec").arg("gone")).map(r -> {
      if (r.get(0) == null) {
        return Optional.<StreamRecord>empty();
      }
      StreamRecord stream = record(r.get(0).toString(), r.get(1) == null ? "" : r.get(1).toString());
      return stream.exists(now) ? Optional.of(stream) : Optional.<StreamRecord>empty();
    });
  }

  @Override
  public CompletionStage<List<StreamRecord>> list(String region, String account, long now) {
    return send(Request.cmd(Command.ZRANGEBYLEX).arg(namesKey(region, account)).arg("-").arg("+"))
        .compose(names -> {
          List<Future<Optional<StreamRecord>>> reads = new ArrayList<>();
          for (Response name : names) {
            reads.add(read(new StreamId(region, account, name.toString()), now));
          }
          return Future.all(reads).map(done -> reads.stream()
              .map(Future::result)
              .flatMap(Optional::stream)
              .toList());
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<StreamChange.Outcome> change(StreamId id, long generation, StreamChange change, long now) {
    return outcome(step(id, "change", now, generation, change.toJson()));
  }

  @Override
  public CompletionStage<Optional<StreamRecord>> delete(StreamId id, long goneMillis, long now) {
    return step(id, "delete", now, goneMillis).compose(r -> {
      if (r == null) {
        return Future.succeededFuture(Optional.<StreamRecord>empty());
      }
      StreamRecord stream = record(r.get(0).toString(), r.get(1).toString());
      List<Future<Response>> deletions = new ArrayList<>();
      for (int i = 0; i < stream.shards().size(); i++) {
        deletions.add(send(Request.cmd(Command.DEL).arg(shardKey(stream, i)).arg(endKey(stream, i))));
      }
      return Future.all(deletions).map(done -> Optional.of(stream));
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<StreamChange.Outcome> reshard(StreamId id, long generation, Reshard reshard, long now) {
    return outcome(step(id, "reshard", now, generation, reshard.toJson()));
  }

  @Override
  public CompletionStage<Long> seal(StreamRecord stream, int shard, long now) {
    return SEAL.run(redis, List.of(shardKey(stream, shard), endKey(stream, shard)), List.of(now))
        .map(ending -> Long.parseLong(ending.toString())).toCompletionStage();
  }

  @Override
  public CompletionStage<StreamChange.Outcome> sealed(StreamId id, long generation, Map<Integer, Long> endings,
                                                      long now) {
    JsonObject json = new JsonObject();
    endings.forEach((index, ending) -> json.put(index.toString(), ending));
    return outcome(step(id, "sealed", now, generation, json.encode()));
  }

  private static CompletionStage<StreamChange.Outcome> outcome(Future<Response> step) {
    return step.map(r -> {
      StreamChange.Status status = StreamChange.Status.valueOf(r.get(0).toString());
      return new StreamChange.Outcome(status, r.size() < 2 ? null : record(r.get(1).toString(), r.get(2).toString()));
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<List<Position>> append(StreamRecord stream, int shard, List<NewRecord> records, long now) {
    List<Object> args = new ArrayList<>(2 + 3 * records.size());
    args.add(now);
    args.add(Math.max(0, stream.retainedSince(now)));
    for (NewRecord r : records) {
      args.add(r.partitionKey());
      args.add(r.data());
      args.add(r.sealed() ? "1" : "");
    }
    return APPEND.run(redis, List.of(shardKey(stream, shard), endKey(stream, shard)), args).map(ids -> {
      if (ids == null) {
        return List.<Position>of();
      }
      List<Position> stored = new ArrayList<>(ids.size());
      for (Response id : ids) {
        long[] parts = entryId(id.toString());
        stored.add(Position.at(parts[0], parts[1]));
      }
      return stored;
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<List<StoredRecord>> read(StreamRecord stream, int shard, Position from, int limit,
                                                  long now) {
    long since = Math.max(0, stream.retainedSince(now));
    String start = from.millis() < since ? since + "-0"
        : (from.inclusive() ? "" : "(") + from.millis() + "-" + from.seq();
    return send(Request.cmd(Command.XRANGE).arg(shardKey(stream, shard)).arg(start).arg("+").arg("COUNT").arg(limit))
        .map(entries -> {
          List<StoredRecord> found = new ArrayList<>(entries.size());
          for (Response entry : entries) {
            long[] id = entryId(entry.get(0).toString());
            Response fields = entry.get(1);
            String partitionKey = null;
            byte[] data = null;
            boolean sealed = false;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
              String field = fields.get(i).toString();
              if (field.equals("k")) {
                partitionKey = fields.get(i + 1).toString();
              } else if (field.equals("d")) {
                data = fields.get(i + 1).toBytes();
              } else if (field.equals("s")) {
                sealed = true;
              }
            }
            found.add(new StoredRecord(id[0], id[1], partitionKey, data == null ? new byte[0] : data, sealed));
          }
          return found;
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<Commitment> commitment(String region, String account, Boolean enable, long now) {
    String step = enable == null ? "read" : enable ? "enable" : "disable";
    return ACCOUNT.run(redis, List.of(keys.tagged("idx:" + region + "/" + account, "settings")), List.of(now, step))
        .map(r -> new Commitment(millis(r.get(0)), millis(r.get(1)), millis(r.get(2)))).toCompletionStage();
  }

  private static Long millis(Response r) {
    return r == null || r.toString().isEmpty() ? null : Long.parseLong(r.toString());
  }

  @Override
  public CompletionStage<Optional<Position>> last(StreamRecord stream, int shard, long now) {
    long since = stream.retainedSince(now);
    return send(Request.cmd(Command.XREVRANGE).arg(shardKey(stream, shard)).arg("+").arg("-").arg("COUNT").arg(1))
        .map(entries -> {
          if (entries.size() == 0) {
            return Optional.<Position>empty();
          }
          long[] id = entryId(entries.get(0).get(0).toString());
          return id[0] < since ? Optional.<Position>empty() : Optional.of(Position.at(id[0], id[1]));
        }).toCompletionStage();
  }

  private Future<Response> step(StreamId id, String step, long now, Object... args) {
    List<Object> all = new ArrayList<>(args.length + 2);
    all.add(step);
    all.add(now);
    all.addAll(List.of(args));
    return STREAM.run(redis, List.of(metaKey(id)), all);
  }

  private Future<Response> send(Request request) {
    return redis.send(request);
  }

  private String metaKey(StreamId id) {
    return keys.tagged("stream:" + id.region() + "/" + id.account() + "/" + id.name(), "meta");
  }

  private String namesKey(String region, String account) {
    return keys.tagged("idx:" + region + "/" + account, "streams");
  }

  private String shardKey(StreamRecord stream, int shard) {
    return keys.tagged(shardTag(stream, shard), "records");
  }

  /** The shard's end once sealed, in the shard's slot, so that append.lua sees it in the same step. */
  private String endKey(StreamRecord stream, int shard) {
    return keys.tagged(shardTag(stream, shard), "end");
  }

  private static String shardTag(StreamRecord stream, int shard) {
    StreamId id = stream.id();
    return "shard:" + id.region() + "/" + id.account() + "/" + id.name() + "/" + stream.createdMillis() + "/" + shard;
  }

  private static long[] entryId(String id) {
    int dash = id.indexOf('-');
    return new long[] {Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))};
  }

  static String json(StreamRecord s) {
    return new JsonObject()
        .put("region", s.id().region())
        .put("account", s.id().account())
        .put("name", s.id().name())
        .put("created", s.createdMillis())
        .put("ready", s.readyMillis())
        .put("shards", new JsonArray(s.shards().stream().map(shard -> (Object) Reshard.json(shard)).toList()))
        .put("mode", s.mode().name())
        .put("retention", s.retentionHours())
        .put("tags", new JsonObject(new LinkedHashMap<>(s.sortedTags())))
        .put("settings", new JsonObject(new LinkedHashMap<>(new TreeMap<>(s.settings()))))
        .encode();
  }

  static StreamRecord record(String json, String gone) {
    JsonObject j = new JsonObject(json);
    Map<String, String> tags = new LinkedHashMap<>();
    j.getJsonObject("tags").forEach(e -> tags.put(e.getKey(), String.valueOf(e.getValue())));
    Map<String, String> settings = new LinkedHashMap<>();
    j.getJsonObject("settings", new JsonObject()).forEach(e -> settings.put(e.getKey(), String.valueOf(e.getValue())));
    long created = j.getLong("created");
    List<Shard> shards = new ArrayList<>();
    if (j.getValue("shards") instanceof JsonArray stored) {
      for (int i = 0; i < stored.size(); i++) {
        shards.add(Reshard.shard(stored.getJsonObject(i), created));
      }
    } else {
      // Stored before resharding existed: a count of even shards.
      shards.addAll(StreamRecord.evenShards(j.getInteger("shards"), created));
    }
    return new StreamRecord(new StreamId(j.getString("region"), j.getString("account"), j.getString("name")),
        created, j.getLong("ready"), shards, StreamMode.valueOf(j.getString("mode")),
        j.getInteger("retention"), tags, gone == null || gone.isEmpty() ? null : Long.parseLong(gone), settings);
  }
}
