package io.sluice.kinesis.store;

import io.sluice.kinesis.model.Commitment;
import io.sluice.kinesis.model.NewRecord;
import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StoredRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@link StreamStore} in this JVM's memory: each shard's records in a deque, trimmed from its head. */
public final class InMemoryStreamStore implements StreamStore, InMemoryStoreEngine.Wipeable {
  private final Map<StreamId, Held> streams = new HashMap<>();
  private final Map<String, Commitment> commitments = new HashMap<>();

  private static final class Held {
    final StreamRecord created;
    StreamRecord record;
    final List<ShardLog> shards = new ArrayList<>();

    Held(StreamRecord record) {
      this.created = record;
      this.record = record;
      grow();
    }

    void grow() {
      while (shards.size() < record.shards().size()) {
        shards.add(new ShardLog());
      }
    }
  }

  /** A shard's records and its seal; both guarded by the deque's monitor. */
  private static final class ShardLog {
    final ArrayDeque<StoredRecord> records = new ArrayDeque<>();
    Long sealedAt;
  }

  @Override
  public synchronized CompletionStage<Optional<StreamRecord>> create(StreamRecord stream, long now) {
    Held existing = live(stream.id(), now);
    if (existing != null) {
      return done(Optional.of(existing.record));
    }
    streams.put(stream.id(), new Held(stream));
    return done(Optional.empty());
  }

  @Override
  public synchronized CompletionStage<Optional<StreamRecord>> find(StreamId id, long now) {
    Held held = live(id, now);
    return done(Optional.ofNullable(held).map(h -> h.record));
  }

  @Override
  public synchronized CompletionStage<List<StreamRecord>> list(String region, String account, long now) {
    return done(streams.values().stream()
        .map(h -> h.record)
        .filter(r -> r.exists(now) && r.id().region().equals(region) && r.id().account().equals(account))
        .sorted(Comparator.comparing(r -> r.id().name()))
        .toList());
  }

  @Override
  public synchronized CompletionStage<StreamChange.Outcome> change(StreamId id, long generation, StreamChange change,
                                                                   long now) {
    return step(id, generation, now, stream -> change.applyTo(stream, now));
  }

  @Override
  public synchronized CompletionStage<Optional<StreamRecord>> delete(StreamId id, long goneMillis, long now) {
    Held held = live(id, now);
    if (held == null) {
      return done(Optional.empty());
    }
    if (held.record.goneMillis() == null) {
      held.record = held.record.deletedUntil(goneMillis);
      held.shards.forEach(log -> {
        synchronized (log.records) {
          log.records.clear();
        }
      });
    }
    return done(Optional.of(held.record));
  }

  @Override
  public synchronized CompletionStage<StreamChange.Outcome> reshard(StreamId id, long generation, Reshard reshard,
                                                                    long now) {
    return step(id, generation, now, stream -> reshard.applyTo(stream, now));
  }

  @Override
  public CompletionStage<Long> seal(StreamRecord stream, int shard, long now) {
    ShardLog log = log(stream, shard);
    if (log == null) {
      return done(now);
    }
    synchronized (log.records) {
      if (log.sealedAt == null) {
        StoredRecord tail = log.records.peekLast();
        log.sealedAt = tail == null ? now : Math.max(now, tail.millis());
      }
      return done(log.sealedAt);
    }
  }

  @Override
  public synchronized CompletionStage<StreamChange.Outcome> sealed(StreamId id, long generation,
                                                                   Map<Integer, Long> endings, long now) {
    return step(id, generation, now, stream -> {
      List<Shard> changed = new ArrayList<>();
      endings.forEach((index, end) -> {
        Shard s = stream.shards().get(index);
        if (s.sealing()) {
          changed.add(s.sealedAt(end));
        }
      });
      return new StreamChange.Outcome(StreamChange.Status.APPLIED, stream.withShards(changed));
    });
  }

  /** One step on the stream of {@code generation}, under the store's lock; NOT_FOUND if there is none. */
  private CompletionStage<StreamChange.Outcome> step(StreamId id, long generation, long now,
                                                     Function<StreamRecord, StreamChange.Outcome> apply) {
    Held held = live(id, now);
    if (held == null || held.record.createdMillis() != generation) {
      return done(new StreamChange.Outcome(StreamChange.Status.NOT_FOUND, null));
    }
    StreamChange.Outcome outcome = apply.apply(held.record);
    held.record = outcome.stream();
    held.grow();
    return done(outcome);
  }

  @Override
  public CompletionStage<List<Position>> append(StreamRecord stream, int shard, List<NewRecord> records, long now) {
    ShardLog log = log(stream, shard);
    if (log == null) {
      return done(List.of());
    }
    ArrayDeque<StoredRecord> queue = log.records;
    synchronized (queue) {
      if (log.sealedAt != null) {
        return done(List.of());
      }
      StoredRecord tail = queue.peekLast();
      long millis = tail == null ? now : Math.max(now, tail.millis());
      long seq = tail != null && tail.millis() == millis ? tail.seq() + 1 : 0;
      List<Position> stored = new ArrayList<>(records.size());
      for (NewRecord r : records) {
        queue.addLast(new StoredRecord(millis, seq, r.partitionKey(), r.data(), r.sealed()));
        stored.add(Position.at(millis, seq));
        seq++;
      }
      trim(queue, stream.retainedSince(now));
      return done(stored);
    }
  }

  @Override
  public CompletionStage<List<StoredRecord>> read(StreamRecord stream, int shard, Position from, int limit,
                                                  long now) {
    ArrayDeque<StoredRecord> queue = shard(stream, shard);
    if (queue == null) {
      return done(List.of());
    }
    long since = stream.retainedSince(now);
    List<StoredRecord> found = new ArrayList<>();
    synchronized (queue) {
      trim(queue, since);
      for (StoredRecord r : queue) {
        if (found.size() >= limit) {
          break;
        }
        if (from.admits(r.millis(), r.seq())) {
          found.add(r);
        }
      }
    }
    return done(found);
  }

  @Override
  public CompletionStage<Optional<Position>> last(StreamRecord stream, int shard, long now) {
    ArrayDeque<StoredRecord> queue = shard(stream, shard);
    if (queue == null) {
      return done(Optional.empty());
    }
    synchronized (queue) {
      trim(queue, stream.retainedSince(now));
      StoredRecord tail = queue.peekLast();
      return done(Optional.ofNullable(tail).map(t -> Position.at(t.millis(), t.seq())));
    }
  }

  @Override
  public synchronized CompletionStage<Commitment> commitment(String region, String account, Boolean enable,
                                                             long now) {
    Commitment stored = commitments.getOrDefault(region + "/" + account, Commitment.NONE);
    if (enable != null) {
      stored = stored.apply(enable, now);
      commitments.put(region + "/" + account, stored);
    }
    return done(stored);
  }

  @Override
  public synchronized void wipe() {
    streams.clear();
    commitments.clear();
  }

  private ArrayDeque<StoredRecord> shard(StreamRecord stream, int shard) {
    ShardLog log = log(stream, shard);
    return log == null ? null : log.records;
  }

  private synchronized ShardLog log(StreamRecord stream, int shard) {
    Held held = streams.get(stream.id());
    if (held == null || held.created.createdMillis() != stream.createdMillis() || shard >= held.shards.size()) {
      return null;
    }
    return held.shards.get(shard);
  }

  private Held live(StreamId id, long now) {
    Held held = streams.get(id);
    if (held != null && !held.record.exists(now)) {
      streams.remove(id);
      return null;
    }
    return held;
  }

  private static void trim(ArrayDeque<StoredRecord> queue, long since) {
    while (!queue.isEmpty() && queue.peekFirst().millis() < since) {
      queue.removeFirst();
    }
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
