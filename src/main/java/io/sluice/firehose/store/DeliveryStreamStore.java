package io.sluice.firehose.store;

import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where delivery streams and their buffered records live. A stream whose deletion has completed
 * ({@link DeliveryStreamRecord#exists} false at {@code now}) is as if absent: not found, not listed,
 * its name free. A stream's records are one buffer in arrival order, stored before a put is
 * answered; each destination will read it from a cursor of its own (delivery is a later step).
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
   * the buffer's last arrival, if the clock went back); their RecordIds in order. Empty, with nothing
   * stored, if that generation of the stream is gone or being deleted.
   */
  CompletionStage<List<String>> append(DeliveryStreamRecord stream, List<byte[]> records, long now);

  /** Up to {@code limit} buffered records of {@code stream} after RecordId {@code after} (null: from the start). */
  CompletionStage<List<BufferedRecord>> read(DeliveryStreamRecord stream, String after, int limit);
}
