package io.sluice.firehose.store;

/**
 * What follows a flush (the store's {@code flushed} step): {@link #NONE} nothing is left to deliver
 * and the flush is removed; {@link #LATER} records are left and the flush is free, due by the hints;
 * {@link #NOW} records are left and due at once, still held by the caller under a new lease (it
 * goes on); {@link #LOST} the caller no longer held the flush (another node took it over after its
 * lease ran out) and nothing changed; {@link #GONE} the stream is gone or being deleted.
 */
public enum NextFlush {
  NONE, LATER, NOW, LOST, GONE
}
