package io.sluice.firehose.store;

import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.SourceCheckpoint;
import io.sluice.storage.scheduler.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where delivery streams and their buffered records live. A stream whose deletion has completed
 * ({@link DeliveryStreamRecord#exists} false at {@code now}) is as if absent: not found, not listed,
 * its name free. A stream's records are one buffer in arrival order, stored before a put is
 * answered; its destination reads it from a cursor of its own.
 *
 * <p><b>Flushes.</b> While a destination has records past its cursor, it has one flush in
 * {@link #flushes()} (partition {@link #flushPartition}, item id the destination id, payload the
 * stream's generation as text), due by its buffering hints ({@link FlushPlan}); an append schedules it
 * in the same step as it stores the records, and {@link #flushed} moves the cursor, drops what was
 * delivered and schedules the next in one step. So records once stored are always delivered by some
 * node, and a flush is made by one node at a time (the scheduler's lease).
 */
public interface DeliveryStreamStore {

  /** Stores a new stream; empty if it was stored, else the live stream that holds its name. */
  CompletionStage<Optional<DeliveryStreamRecord>> create(DeliveryStreamRecord stream, long now);

  CompletionStage<Optional<DeliveryStreamRecord>> find(DeliveryStreamId id, long now);

  /** The live streams of an account in a region, by name. */
  CompletionStage<List<DeliveryStreamRecord>> list(String region, String account, long now);

  /**
   * Replaces {@code current} with {@code updated} in one step if the stored stream is still
   * {@code current} (same generation and revision, not deleted); false if it changed meanwhile or is gone.
   */
  CompletionStage<Boolean> replace(DeliveryStreamRecord current, DeliveryStreamRecord updated, long now);

  /**
   * Starts deleting the stream: DELETING until {@code goneMillis}; its buffered records are gone at
   * once. The stream as it now is, or empty if there is none.
   */
  CompletionStage<Optional<DeliveryStreamRecord>> delete(DeliveryStreamId id, long goneMillis, long now);

  /**
   * Appends records to the buffer of {@code stream} in one step, all arriving at {@code now} (or at
   * the buffer's last arrival, if the clock went back), and schedules the flush of {@code plan}'s
   * destination: a new one due by the hints, or one due at once taken by the plan's holder. Nothing
   * stored ({@link Appended#nothing()}) if that generation of the stream is gone or being deleted.
   */
  CompletionStage<Appended> append(DeliveryStreamRecord stream, List<byte[]> records, FlushPlan plan, long now);

  /** Up to {@code limit} buffered records of {@code stream} after RecordId {@code after} (null: from the start). */
  CompletionStage<List<BufferedRecord>> read(DeliveryStreamRecord stream, String after, int limit);

  /**
   * The records the destination has not delivered yet, in order, from its cursor: up to
   * {@code maxCount}, stopping before {@code maxBytes} of data would be passed (at least one).
   */
  CompletionStage<List<BufferedRecord>> pending(DeliveryStreamRecord stream, String destinationId, int maxCount,
                                                long maxBytes);

  /**
   * A flush held by {@code plan.holder()} delivered the records up to {@code lastRecordId} (null:
   * none), {@code bytes} of data: moves the destination's cursor there, drops the records delivered
   * and schedules the next flush, in one step. A next flush due at once stays held under the plan's
   * lease.
   */
  CompletionStage<NextFlush> flushed(DeliveryStreamRecord stream, FlushPlan plan, String lastRecordId, long bytes,
                                     long now);

  /** The scheduler holding the flushes of every stream of this store. */
  Scheduler flushes();

  /** The partition of {@link #flushes()} that holds a stream's flushes. */
  static String flushPartition(DeliveryStreamId id) {
    return "stream:" + id.region() + "/" + id.account() + "/" + id.name();
  }

  /**
   * Appends records read from shard {@code shardId} of a KinesisStreamAsSource stream's Kinesis
   * stream, as {@link #append} does (flush scheduled by {@code plan}), and moves that shard's
   * checkpoint from {@code expected} to {@code checkpoint} in the same step, so that no crash stores
   * records without their checkpoint or the other way round. Empty, with nothing stored, if that
   * generation is gone or being deleted, or if the shard's stored checkpoint is no longer
   * {@code expected} (another reader moved it: the caller rereads the checkpoints). With no records
   * only the checkpoint moves.
   */
  CompletionStage<Optional<Appended>> appendFromSource(DeliveryStreamRecord stream, String shardId,
                                                       SourceCheckpoint expected, SourceCheckpoint checkpoint,
                                                       List<byte[]> records, FlushPlan plan, long now);

  /** The stored checkpoint of every shard of that generation's source read so far, by shard id. */
  CompletionStage<Map<String, SourceCheckpoint>> checkpoints(DeliveryStreamRecord stream);
}
