package io.sluice.kinesis.store;

import io.sluice.kinesis.model.SequenceNumber;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reshard of a stream as data (SplitShard, MergeShards or UpdateShardCount's splits and merges),
 * so that every engine applies it with its rules in one step on the stream's metadata: the memory
 * store calls {@link #applyTo} under its lock, the Redis store hands {@link #toJson} to
 * {@code lua/kinesis/stream.lua reshard}. It applies only to an ACTIVE stream of its generation
 * (NOT_ACTIVE), whose shards {@code close} are all open (SHARD_CLOSED) and whose next shard index is
 * the first of {@code add} (RESHARDED otherwise: another reshard came first). It closes those shards
 * (sealing, see {@link Shard}), adds {@code add} and leaves the stream UPDATING until
 * {@code updatingUntil}. A scaling (UpdateShardCount) is refused with TOO_MANY_SCALINGS when the
 * stream already scaled {@code scalingLimit} times within {@code scalingWindowMillis}; the step
 * records its time in {@link StreamRecord#SCALINGS}.
 *
 * @param close the indexes of the open shards it closes
 * @param add   the new shards, numbered from the stream's next index: open ones, and intermediate
 *              ones created sealed
 */
public record Reshard(List<Integer> close, List<Shard> add, long updatingUntil, boolean scaling, int scalingLimit,
                      long scalingWindowMillis) {

  public Reshard {
    close = List.copyOf(close);
    add = List.copyOf(add);
    if (add.isEmpty()) {
      throw new IllegalArgumentException("a reshard adds shards");
    }
  }

  /** Applies the reshard to {@code stream} as stored at {@code now}: the memory engine's side of the rules. */
  public StreamChange.Outcome applyTo(StreamRecord stream, long now) {
    if (stream.status(now) != StreamStatus.ACTIVE) {
      return new StreamChange.Outcome(StreamChange.Status.NOT_ACTIVE, stream);
    }
    for (int index : close) {
      if (index >= stream.shards().size() || !stream.shards().get(index).open()) {
        return new StreamChange.Outcome(StreamChange.Status.SHARD_CLOSED, stream);
      }
    }
    if (add.getFirst().index() != stream.shards().size()) {
      return new StreamChange.Outcome(StreamChange.Status.RESHARDED, stream);
    }
    Map<String, String> settings = new HashMap<>(stream.settings());
    if (scaling) {
      List<String> recent = recentScalings(stream.settings().get(StreamRecord.SCALINGS), now - scalingWindowMillis);
      if (recent.size() >= scalingLimit) {
        return new StreamChange.Outcome(StreamChange.Status.TOO_MANY_SCALINGS, stream);
      }
      recent.add(Long.toString(now));
      settings.put(StreamRecord.SCALINGS, String.join(",", recent));
    }
    settings.put(StreamRecord.UPDATING_UNTIL, Long.toString(updatingUntil));
    List<Shard> changed = new ArrayList<>();
    close.forEach(i -> changed.add(stream.shards().get(i).closedAt(now)));
    changed.addAll(add);
    return new StreamChange.Outcome(StreamChange.Status.APPLIED, stream.withShards(changed).withSettings(settings));
  }

  /** The scaling times of {@code stored} at or after {@code since}. */
  private static List<String> recentScalings(String stored, long since) {
    List<String> recent = new ArrayList<>();
    if (stored != null && !stored.isEmpty()) {
      Arrays.stream(stored.split(",")).filter(t -> Long.parseLong(t) >= since).forEach(recent::add);
    }
    return recent;
  }

  /** The reshard as the JSON argument that {@code lua/kinesis/stream.lua} reads. */
  public String toJson() {
    JsonArray shards = new JsonArray();
    add.forEach(s -> shards.add(json(s)));
    return new JsonObject().put("close", new JsonArray(close.stream().map(i -> (Object) i).toList()))
        .put("add", shards).put("updating", updatingUntil).put("scaling", scaling).put("limit", scalingLimit)
        .put("window", scalingWindowMillis).encode();
  }

  /** A shard as stored in a stream's JSON (absent members: no parent, open, not sealed). */
  static JsonObject json(Shard s) {
    JsonObject j = new JsonObject().put("i", s.index()).put("s", s.startingHashKey().toString())
        .put("e", s.endingHashKey().toString()).put("c", s.startingSequenceNumber().millis());
    if (s.parent() >= 0) {
      j.put("p", s.parent());
    }
    if (s.adjacentParent() >= 0) {
      j.put("a", s.adjacentParent());
    }
    if (s.closedMillis() != null) {
      j.put("x", s.closedMillis());
    }
    if (s.endingMillis() != null) {
      j.put("n", s.endingMillis());
    }
    return j;
  }

  /** A shard of the stream of {@code generation} as {@link #json} stored it. */
  static Shard shard(JsonObject j, long generation) {
    int index = j.getInteger("i");
    return new Shard(index, new BigInteger(j.getString("s")), new BigInteger(j.getString("e")),
        new SequenceNumber(index, j.getLong("c"), 0, generation), j.getInteger("p", -1),
        j.getInteger("a", -1), j.getLong("x"), j.getLong("n"));
  }
}
