package io.sluice.kinesis.store;

import io.sluice.kinesis.model.Commitment;
import io.sluice.kinesis.model.NewRecord;
import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.StoredRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where Kinesis streams and their records live. A stream whose deletion has completed
 * ({@link StreamRecord#exists} false at {@code now}) is as if absent: not found, not listed, and its
 * name free for a new stream. Records of a shard are ordered by arrival millisecond and their
 * number within it, both given by the store and never reused in a shard; records that arrived
 * before the stream's retention window are gone.
 */
public interface StreamStore {

  /** Stores a new stream; empty if it was stored, else the existing stream of that name. */
  CompletionStage<Optional<StreamRecord>> create(StreamRecord stream, long now);

  CompletionStage<Optional<StreamRecord>> find(StreamId id, long now);

  /** The streams of an account in a region, by name. */
  CompletionStage<List<StreamRecord>> list(String region, String account, long now);

  /**
   * Applies {@code change} to the stream of generation {@code generation} in one atomic step, with
   * the rules and limits the change carries ({@link StreamChange}); NOT_FOUND if there is no such
   * stream (another took its name, or it is gone).
   */
  CompletionStage<StreamChange.Outcome> change(StreamId id, long generation, StreamChange change, long now);

  /**
   * Starts deleting the stream: DELETING until {@code goneMillis}; its records are gone at once.
   * The stream as it now is, or empty if there is none.
   */
  CompletionStage<Optional<StreamRecord>> delete(StreamId id, long goneMillis, long now);

  /**
   * Applies {@code reshard} to the stream of generation {@code generation} in one atomic step on its
   * metadata, with the rules {@link Reshard} states; NOT_FOUND if there is no such stream. The shards
   * it closes are sealing: {@link #seal} each, then record their ends with {@link #sealed}.
   */
  CompletionStage<StreamChange.Outcome> reshard(StreamId id, long generation, Reshard reshard, long now);

  /**
   * Seals a shard in one step on the shard itself: from then on {@link #append} stores nothing in it.
   * Its end is the arrival millisecond of its last record or {@code now}, whichever is later; sealing
   * again answers the same end.
   */
  CompletionStage<Long> seal(StreamRecord stream, int shard, long now);

  /**
   * Records the ends of sealed shards (index to end millis) in the stream's metadata, in one step;
   * shards already sealed there keep their end. The stream as it now is; NOT_FOUND if it is gone.
   */
  CompletionStage<StreamChange.Outcome> sealed(StreamId id, long generation, Map<Integer, Long> endings, long now);

  /**
   * Appends records to one shard in one step, all arriving at {@code now} (or later than the
   * shard's last record, if the clock went back), dropping records past retention; where each was
   * stored, in order ({@link Position#at}). Nothing is stored, and the answer is empty, when the
   * shard is sealed: the caller reads the stream again and puts to its child.
   */
  CompletionStage<List<Position>> append(StreamRecord stream, int shard, List<NewRecord> records, long now);

  /** Up to {@code limit} retained records of a shard from {@code from}, in order. */
  CompletionStage<List<StoredRecord>> read(StreamRecord stream, int shard, Position from, int limit, long now);

  /**
   * The account's minimum throughput billing commitment in a region after enabling it
   * ({@code enable} true), disabling it (false) or neither (null), in one step
   * ({@link Commitment#apply}).
   */
  CompletionStage<Commitment> commitment(String region, String account, Boolean enable, long now);

  /** Where the last record of a shard is, if it has one. */
  CompletionStage<Optional<Position>> last(StreamRecord stream, int shard, long now);
}
