package io.sluice.kinesis;

import io.sluice.kinesis.model.HashKeys;
import io.sluice.kinesis.model.SequenceNumber;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.sluice.kinesis.store.Reshard;
import io.sluice.kinesis.store.StreamChange;
import io.sluice.protocol.AwsException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Resharding (Kinesis Developer Guide, "Resharding a stream"): SplitShard's, MergeShards' and
 * UpdateShardCount's changes planned as a {@link Reshard}, applied in three idempotent store steps:
 * the reshard on the stream's metadata (parents closed and sealing, children open, UPDATING), the
 * seal of each parent on the parent's own shard (appends refused from then on), and the parents'
 * ends recorded in the metadata. A node that stops between them leaves sealing parents, which
 * {@link #settle} completes on the next call that reads the stream.
 */
public final class Reshards {
  /** The most UpdateShardCount scalings of a stream per rolling day (API reference, UpdateShardCount). */
  public static final int SCALINGS_PER_DAY = 10;
  /** The most shards UpdateShardCount scales a stream to. */
  public static final int MAX_SCALED_SHARDS = 10_000;
  private static final long DAY_MILLIS = 24 * 3_600_000L;
  /** The greatest shard index a sequence number can name. */
  private static final int MAX_SHARD_INDEX = 999_999;

  private Reshards() {}

  /**
   * Applies {@code reshard} to the ACTIVE {@code stream} and seals the shards it closes; the stream
   * afterwards. ResourceInUseException when the stream is not ACTIVE or a parent is already closed,
   * LimitExceededException past the scalings per day.
   */
  public static CompletionStage<StreamRecord> apply(KinesisServices kinesis, StreamRecord stream, Reshard reshard) {
    long now = kinesis.clock().millis();
    StreamStatus status = stream.status(now);
    if (status != StreamStatus.ACTIVE) {
      throw StreamChanges.notActive(stream, status);
    }
    StreamId id = stream.id();
    // Sequence numbers name their shard in six digits.
    if (reshard.add().getLast().index() > MAX_SHARD_INDEX) {
      throw AwsException.of(KinesisError.LimitExceededException, "Stream %s under account %s has had too many "
          + "shards (%d) to reshard further.", id.name(), id.account(), stream.shards().size());
    }
    return kinesis.store().reshard(id, stream.createdMillis(), reshard, now).thenCompose(outcome -> {
      StreamRecord s = outcome.stream();
      return switch (outcome.status()) {
        case APPLIED -> settle(kinesis, s);
        case NOT_FOUND -> throw KinesisOperation.notFound(id);
        case NOT_ACTIVE, RESHARDED -> throw StreamChanges.notActive(s, StreamStatus.UPDATING);
        case SHARD_CLOSED -> throw closed(s, reshard.close().stream().map(i -> s.shards().get(i))
            .filter(shard -> !shard.open()).findFirst().orElseThrow());
        case TOO_MANY_SCALINGS -> throw AwsException.of(KinesisError.LimitExceededException, "Exceeded the number "
            + "of allowed UpdateShardCount calls (%d per rolling 24 hours) for stream %s under account %s.",
            SCALINGS_PER_DAY, id.name(), id.account());
        default -> throw new IllegalStateException("a reshard answered " + outcome.status());
      };
    });
  }

  /**
   * The stream with every sealing shard sealed and its end recorded: finishes a reshard under way or
   * one whose node stopped between its steps. Idempotent; the stream as it is when nothing is sealing.
   */
  public static CompletionStage<StreamRecord> settle(KinesisServices kinesis, StreamRecord stream) {
    List<Shard> sealing = stream.shards().stream().filter(Shard::sealing).toList();
    if (sealing.isEmpty()) {
      return CompletableFuture.completedFuture(stream);
    }
    long now = kinesis.clock().millis();
    Map<Integer, Long> endings = new HashMap<>();
    List<CompletableFuture<Void>> seals = new ArrayList<>();
    for (Shard shard : sealing) {
      seals.add(kinesis.store().seal(stream, shard.index(), now).thenAccept(ending -> {
        synchronized (endings) {
          endings.put(shard.index(), ending);
        }
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(seals.toArray(CompletableFuture[]::new))
        .thenCompose(sealed -> kinesis.store().sealed(stream.id(), stream.createdMillis(), endings, now))
        .thenApply(outcome -> {
          // Sealed shards announce themselves so that subscriptions waiting on them reach their end.
          sealing.forEach(shard -> kinesis.signals().announce(ShardSignals.key(stream.id().arn(),
              stream.createdMillis(), shard.index())));
          return outcome.stream() == null ? stream : outcome.stream();
        });
  }

  /**
   * {@code stream}, if it is PROVISIONED: resharding "is only supported for the data streams with the
   * provisioned capacity mode" (API reference, SplitShard, MergeShards, UpdateShardCount), else
   * ValidationException.
   */
  public static StreamRecord provisioned(StreamRecord stream, String action) {
    if (stream.mode() != StreamMode.PROVISIONED) {
      throw AwsException.of(KinesisError.ValidationException, "%s is only supported for data streams in PROVISIONED "
          + "capacity mode; stream %s under account %s is %s.", action, stream.id().name(), stream.id().account(),
          stream.mode());
    }
    return stream;
  }

  /** ResourceInUseException for a shard already split or merged, as AWS words it. */
  public static AwsException closed(StreamRecord stream, Shard shard) {
    return AwsException.of(KinesisError.ResourceInUseException, "Shard %s in stream %s under account %s has already "
        + "been merged or split, and thus is not eligible for merging or splitting.", shard.id(), stream.id().name(),
        stream.id().account());
  }

  /** SplitShard: {@code parent} closes; two children split its range at {@code newStart}. */
  public static Reshard split(KinesisServices kinesis, StreamRecord stream, Shard parent, BigInteger newStart) {
    Plan plan = new Plan(stream, kinesis.clock().millis());
    plan.close.add(parent.index());
    plan.add(parent.startingHashKey(), newStart.subtract(BigInteger.ONE), parent.index(), -1);
    plan.add(newStart, parent.endingHashKey(), parent.index(), -1);
    return plan.reshard(kinesis, false);
  }

  /** MergeShards: {@code shard} and {@code adjacent} close; one child covers both ranges. */
  public static Reshard merge(KinesisServices kinesis, StreamRecord stream, Shard shard, Shard adjacent) {
    Plan plan = new Plan(stream, kinesis.clock().millis());
    plan.close.add(shard.index());
    plan.close.add(adjacent.index());
    plan.add(shard.startingHashKey().min(adjacent.startingHashKey()),
        shard.endingHashKey().max(adjacent.endingHashKey()), shard.index(), adjacent.index());
    return plan.reshard(kinesis, false);
  }

  /**
   * UpdateShardCount's uniform scaling: the open shards re-partitioned into {@code target} shards of
   * equal size through splits and merges, as AWS does it. A shard has at most two parents, so
   * where a target shard covers more than two pieces, or a shard is cut more than once, the way goes
   * through intermediate shards created and closed in the same change; each closed shard's children
   * are read after it, which keeps every partition key's order. Null when the open shards are
   * already those of the target.
   */
  public static Reshard uniform(KinesisServices kinesis, StreamRecord stream, int target) {
    Plan plan = new Plan(stream, kinesis.clock().millis());
    TreeSet<BigInteger> cuts = new TreeSet<>();
    for (int i = 1; i < target; i++) {
      cuts.add(HashKeys.start(i, target));
    }
    List<Shard> open = stream.openShards();
    open.forEach(s -> cuts.add(s.startingHashKey()));
    cuts.remove(BigInteger.ZERO);
    List<Shard> pieces = new ArrayList<>();
    for (Shard o : open) {
      List<BigInteger> inside = new ArrayList<>(cuts.subSet(o.startingHashKey(), false, o.endingHashKey(), true));
      if (inside.isEmpty()) {
        pieces.add(o);
      } else {
        plan.close.add(o.index());
        plan.cut(o.index(), o.startingHashKey(), o.endingHashKey(), inside, pieces);
      }
    }
    int next = 0;
    for (int t = 0; t < target; t++) {
      BigInteger end = HashKeys.end(t, target);
      Shard merged = pieces.get(next++);
      while (merged.endingHashKey().compareTo(end) < 0) {
        Shard right = pieces.get(next++);
        plan.retire(merged);
        plan.retire(right);
        merged = plan.add(merged.startingHashKey(), right.endingHashKey(), merged.index(), right.index());
      }
    }
    return plan.added.isEmpty() ? null : plan.reshard(kinesis, true);
  }

  /** The shards a reshard closes and adds, numbered on from the stream's. */
  private static final class Plan {
    final StreamRecord stream;
    final long now;
    final List<Integer> close = new ArrayList<>();
    final List<Shard> added = new ArrayList<>();

    Plan(StreamRecord stream, long now) {
      this.stream = stream;
      this.now = now;
    }

    Shard add(BigInteger start, BigInteger end, int parent, int adjacentParent) {
      int index = stream.shards().size() + added.size();
      Shard shard = new Shard(index, start, end, new SequenceNumber(index, now, 0, stream.createdMillis()), parent,
          adjacentParent, null, null);
      added.add(shard);
      return shard;
    }

    /** Closes a piece that is merged further: an existing shard as a parent, a new one sealed at birth. */
    void retire(Shard piece) {
      int at = piece.index() - stream.shards().size();
      if (at < 0) {
        close.add(piece.index());
      } else {
        added.set(at, piece.closedAt(now).sealedAt(now));
      }
    }

    /** Splits shard {@code parent}'s range at {@code inside} (sorted cuts), halving, into pieces. */
    void cut(int parent, BigInteger start, BigInteger end, List<BigInteger> inside, List<Shard> pieces) {
      int middle = inside.size() / 2;
      BigInteger at = inside.get(middle);
      Shard left = add(start, at.subtract(BigInteger.ONE), parent, -1);
      Shard right = add(at, end, parent, -1);
      cutFurther(left, inside.subList(0, middle), pieces);
      cutFurther(right, inside.subList(middle + 1, inside.size()), pieces);
    }

    /** A new shard as a piece, or, when cuts fall inside it, an intermediate shard cut further. */
    private void cutFurther(Shard child, List<BigInteger> cuts, List<Shard> pieces) {
      if (cuts.isEmpty()) {
        pieces.add(child);
      } else {
        retire(child);
        cut(child.index(), child.startingHashKey(), child.endingHashKey(), cuts, pieces);
      }
    }

    Reshard reshard(KinesisServices kinesis, boolean scaling) {
      return new Reshard(close, added, now + kinesis.config().createDelayMs(), scaling, SCALINGS_PER_DAY, DAY_MILLIS);
    }
  }
}
