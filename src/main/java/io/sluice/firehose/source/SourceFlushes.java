package io.sluice.firehose.source;

import io.sluice.firehose.delivery.Flusher;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.store.FlushPlan;

/**
 * How the records a source appends reach the destination: the flush plan an append stores them
 * under, and starting a flush the append took (due at once), as a put does ({@link Flusher}).
 */
public interface SourceFlushes {

  /** The plan for an append to {@code stream} now. */
  FlushPlan plan(DeliveryStreamRecord stream);

  /** Makes a flush the append took under {@code plan}. */
  void taken(DeliveryStreamRecord stream, FlushPlan plan);

  /** The node's flusher's plans and flushes. */
  static SourceFlushes of(Flusher flusher) {
    return new SourceFlushes() {
      @Override
      public FlushPlan plan(DeliveryStreamRecord stream) {
        return flusher.planForPut(stream);
      }

      @Override
      public void taken(DeliveryStreamRecord stream, FlushPlan plan) {
        flusher.start(stream, plan);
      }
    };
  }
}
