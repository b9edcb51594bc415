package io.sluice.firehose.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.SourceCheckpoint;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.sluice.storage.scheduler.RedisScheduler;
import io.sluice.storage.scheduler.Scheduler;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link DeliveryStreamStore} in Redis, standalone or Cluster. A stream's metadata (a hash: the
 * record as JSON, its generation, revision, deletion and the buffer's last arrival) and its buffer (a
 * Redis stream, entry id {@code <arrival millis>-<number>}) share the tag
 * {@code {stream:<region>/<account>/<name>}}, so {@code lua/firehose/stream.lua} checks the stream and
 * stores records in one step. Names are indexed per region and account in a sorted set under
 * {@code {idx:<region>/<account>}}; a name stays there after its stream is gone (listing reads each
 * stream's metadata), so no step spans two tags.
 */
public final class RedisDeliveryStreamStore implements DeliveryStreamStore {
  private static final RedisScript STREAM = RedisScript.load("firehose/stream");
  /** The prefix of the meta hash's fields holding a Kinesis source's checkpoints, one per shard. */
  private static final String CHECKPOINT = "cp:";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Redis redis;
  private final RedisKeys keys;
  private final RedisScheduler flushes;

  /**
   * @param keys    where this store's keys live (the engine's keys, namespace {@code firehose})
   * @param flushes the scheduler of the streams' flushes
   */
  public RedisDeliveryStreamStore(Redis redis, RedisKeys keys, RedisScheduler flushes) {
    this.redis = redis;
    this.keys = keys;
    this.flushes = flushes;
  }

  @Override
  public Scheduler flushes() {
    return flushes;
  }

  @Override
  public CompletionStage<Optional<DeliveryStreamRecord>> create(DeliveryStreamRecord stream, long now) {
    return flushes.track(DeliveryStreamStore.flushPartition(stream.id()))
        .compose(tracked -> step(stream.id(), "create", now, stream.createdMillis(), stream.revision(), json(stream)))
        .compose(r -> {
      if (r.get(0).toInteger() == 0) {
        return Future.succeededFuture(Optional.of(record(r.get(1).toString(), r.get(2).toString())));
      }
      return redis.send(Request.cmd(Command.ZADD).arg(namesKey(stream.id().region(), stream.id().account())).arg(0)
          .arg(stream.id().name())).map(added -> Optional.<DeliveryStreamRecord>empty());
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<DeliveryStreamRecord>> find(DeliveryStreamId id, long now) {
    return read(id, now).toCompletionStage();
  }

  private Future<Optional<DeliveryStreamRecord>> read(DeliveryStreamId id, long now) {
    return redis.send(Request.cmd(Command.HMGET).arg(metaKey(id)).arg("rec").arg("gone")).map(r -> {
      if (r.get(0) == null) {
        return Optional.<DeliveryStreamRecord>empty();
      }
      DeliveryStreamRecord stream = record(r.get(0).toString(), r.get(1) == null ? "" : r.get(1).toString());
      return stream.exists(now) ? Optional.of(stream) : Optional.<DeliveryStreamRecord>empty();
    });
  }

  @Override
  public CompletionStage<List<DeliveryStreamRecord>> list(String region, String account, long now) {
    return redis.send(Request.cmd(Command.ZRANGEBYLEX).arg(namesKey(region, account)).arg("-").arg("+"))
        .compose(names -> {
          List<Future<Optional<DeliveryStreamRecord>>> reads = new ArrayList<>();
          for (Response name : names) {
            reads.add(read(new DeliveryStreamId(region, account, name.toString()), now));
          }
          return Future.all(reads).map(done -> reads.stream().map(Future::result).flatMap(Optional::stream).toList());
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> replace(DeliveryStreamRecord current, DeliveryStreamRecord updated, long now) {
    return step(current.id(), "replace", now, current.createdMillis(), current.revision(), updated.revision(),
        json(updated)).map(r -> r.toInteger() == 1).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<DeliveryStreamRecord>> delete(DeliveryStreamId id, long goneMillis, long now) {
    return step(id, "delete", now, goneMillis)
        .map(r -> r == null ? Optional.<DeliveryStreamRecord>empty()
            : Optional.of(record(r.get(0).toString(), r.get(1).toString())))
        .compose(deleted -> deleted.isEmpty() ? Future.succeededFuture(deleted)
            : flushes.forget(DeliveryStreamStore.flushPartition(id)).map(deleted))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Appended> append(DeliveryStreamRecord stream, List<byte[]> records, FlushPlan plan,
                                          long now) {
    List<Object> args = appendArgs(stream, plan, records.size());
    args.addAll(records);
    return step(stream.id(), "append", now, args.toArray())
        .compose(r -> r == null ? Future.succeededFuture(Appended.nothing()) : appended(stream, r))
        .toCompletionStage();
  }

  /** The arguments of an append step before its data: the generation and the flush plan. */
  private static List<Object> appendArgs(DeliveryStreamRecord stream, FlushPlan plan, int more) {
    List<Object> args = new ArrayList<>(more + 6);
    args.add(stream.createdMillis());
    args.add(plan.destinationId());
    args.add(plan.intervalMillis());
    args.add(plan.sizeBytes());
    args.add(plan.holder() == null ? "" : plan.holder());
    args.add(plan.leaseUntil());
    return args;
  }

  /** The answer of an append step that stored records: their ids, the flush taken, the due index lowered. */
  private Future<Appended> appended(DeliveryStreamRecord stream, Response r) {
    List<String> ids = new ArrayList<>(r.size() - 3);
    for (int i = 3; i < r.size(); i++) {
      ids.add(recordId(stream, r.get(i).toString()));
    }
    Appended appended = new Appended(ids, r.get(2).toInteger() == 1);
    long version = r.get(0).toLong();
    return version == 0 ? Future.succeededFuture(appended)
        : flushes.lowered(DeliveryStreamStore.flushPartition(stream.id()), version, r.get(1).toLong()).map(appended);
  }

  @Override
  public CompletionStage<List<BufferedRecord>> pending(DeliveryStreamRecord stream, String destinationId, int maxCount,
                                                       long maxBytes) {
    return step(stream.id(), "pending", 0, stream.createdMillis(), destinationId, maxCount, maxBytes).map(r -> {
      List<BufferedRecord> found = new ArrayList<>(r.size() / 2);
      for (int i = 0; i + 1 < r.size(); i += 2) {
        String id = r.get(i).toString();
        found.add(new BufferedRecord(recordId(stream, id), arrival(id), r.get(i + 1).toBytes()));
      }
      return found;
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<NextFlush> flushed(DeliveryStreamRecord stream, FlushPlan plan, String lastRecordId,
                                            long bytes, long now) {
    return step(stream.id(), "flushed", now, stream.createdMillis(), plan.destinationId(),
        plan.holder() == null ? "" : plan.holder(), lastRecordId == null ? "" : entryId(lastRecordId), bytes,
        plan.intervalMillis(), plan.sizeBytes(), plan.leaseUntil()).compose(r -> {
          NextFlush next = switch (r.get(0).toInteger()) {
            case -1 -> NextFlush.GONE;
            case 0 -> NextFlush.LOST;
            case 1 -> NextFlush.NONE;
            case 2 -> NextFlush.LATER;
            default -> NextFlush.NOW;
          };
          long version = r.get(1).toLong();
          return version == 0 ? Future.succeededFuture(next)
              : flushes.lowered(DeliveryStreamStore.flushPartition(stream.id()), version, r.get(2).toLong()).map(next);
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<List<BufferedRecord>> read(DeliveryStreamRecord stream, String after, int limit) {
    String start = after == null ? "-" : "(" + entryId(after);
    return redis.send(Request.cmd(Command.HGET).arg(metaKey(stream.id())).arg("gen")).compose(gen -> {
      if (gen == null || gen.toLong() != stream.createdMillis()) {
        return Future.succeededFuture(List.<BufferedRecord>of());
      }
      return redis.send(Request.cmd(Command.XRANGE).arg(recordsKey(stream.id())).arg(start).arg("+").arg("COUNT")
          .arg(limit)).map(entries -> {
            List<BufferedRecord> found = new ArrayList<>(entries.size());
            for (Response entry : entries) {
              String id = entry.get(0).toString();
              Response fields = entry.get(1);
              byte[] data = new byte[0];
              for (int i = 0; i + 1 < fields.size(); i += 2) {
                if (fields.get(i).toString().equals("d")) {
                  data = fields.get(i + 1).toBytes();
                }
              }
              found.add(new BufferedRecord(recordId(stream, id), arrival(id), data));
            }
            return found;
          });
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<Appended>> appendFromSource(DeliveryStreamRecord stream, String shardId,
                                                              SourceCheckpoint expected, SourceCheckpoint checkpoint,
                                                              List<byte[]> records, FlushPlan plan, long now) {
    List<Object> args = appendArgs(stream, plan, records.size() + 3);
    args.add(shardId);
    args.add(expected.encode());
    args.add(checkpoint.encode());
    args.addAll(records);
    return step(stream.id(), "source", now, args.toArray())
        .compose(r -> r == null ? Future.succeededFuture(Optional.<Appended>empty())
            : appended(stream, r).map(Optional::of))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Map<String, SourceCheckpoint>> checkpoints(DeliveryStreamRecord stream) {
    return redis.send(Request.cmd(Command.HGETALL).arg(metaKey(stream.id()))).map(fields -> {
      Map<String, String> all = new HashMap<>();
      for (String key : fields.getKeys()) {
        all.put(key, fields.get(key).toString());
      }
      if (!Long.toString(stream.createdMillis()).equals(all.get("gen"))) {
        return Map.<String, SourceCheckpoint>of();
      }
      Map<String, SourceCheckpoint> found = new HashMap<>();
      all.forEach((key, value) -> {
        if (key.startsWith(CHECKPOINT)) {
          found.put(key.substring(CHECKPOINT.length()), SourceCheckpoint.decode(value));
        }
      });
      return found;
    }).toCompletionStage();
  }

  /** The RecordId of the buffer entry {@code id} ({@code <millis>-<number>}). */
  private static String recordId(DeliveryStreamRecord stream, String id) {
    int dash = id.indexOf('-');
    return BufferedRecord.recordId(stream.createdMillis(), Long.parseLong(id.substring(0, dash)),
        Long.parseLong(id.substring(dash + 1)));
  }

  /** The arrival millis of buffer entry {@code id}. */
  private static long arrival(String id) {
    return Long.parseLong(id.substring(0, id.indexOf('-')));
  }

  /** The buffer entry id a RecordId names. */
  private static String entryId(String recordId) {
    return Long.parseLong(recordId.substring(0, 15)) + "-" + Long.parseLong(recordId.substring(15, 35));
  }

  private Future<Response> step(DeliveryStreamId id, String step, long now, Object... args) {
    List<Object> all = new ArrayList<>(args.length + 2);
    all.add(step);
    all.add(now);
    all.addAll(List.of(args));
    List<String> keyList = new ArrayList<>(List.of(metaKey(id), recordsKey(id)));
    keyList.addAll(flushes.partitionKeys(DeliveryStreamStore.flushPartition(id)));
    return STREAM.run(redis, keyList, all);
  }

  private String tag(DeliveryStreamId id) {
    return "stream:" + id.region() + "/" + id.account() + "/" + id.name();
  }

  private String metaKey(DeliveryStreamId id) {
    return keys.tagged(tag(id), "meta");
  }

  private String recordsKey(DeliveryStreamId id) {
    return keys.tagged(tag(id), "records");
  }

  private String namesKey(String region, String account) {
    return keys.tagged("idx:" + region + "/" + account, "names");
  }

  static String json(DeliveryStreamRecord stream) {
    try {
      return JSON.writeValueAsString(stream);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a delivery stream", e);
    }
  }

  /** The stored stream, deleting until {@code gone} if that is not empty. */
  static DeliveryStreamRecord record(String json, String gone) {
    try {
      DeliveryStreamRecord r = JSON.readValue(json, DeliveryStreamRecord.class);
      return gone == null || gone.isEmpty() ? r : r.deleting(Long.parseLong(gone));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored delivery stream", e);
    }
  }
}
