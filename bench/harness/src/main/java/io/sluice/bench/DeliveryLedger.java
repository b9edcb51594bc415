package io.sluice.bench;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The exactly-once account of one delivery stream: every record put carries a number of its own
 * ({@link #next()}, written into its first 8 bytes); the records a put acknowledged are marked
 * ({@link #acknowledge}); every delivered object is cut into records of the fixed size (Firehose adds
 * no separator to S3 objects) and each number found is marked delivered ({@link #delivered}). Then
 * {@link #lost()} are acknowledged records never delivered, {@link #duplicates()} records delivered
 * more than once, {@link #unacknowledged()} records delivered that no put acknowledged (a put that
 * failed or timed out may still have stored them), {@link #malformed()} objects or records that are not
 * whole records of this stream. Thread-safe.
 */
final class DeliveryLedger {
  private final int recordBytes;
  private final AtomicLong next = new AtomicLong();
  private final BitSet acknowledged = new BitSet();
  private final BitSet delivered = new BitSet();
  private final LongAdder acknowledgedCount = new LongAdder();
  private final LongAdder deliveredCount = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder objects = new LongAdder();

  DeliveryLedger(int recordBytes) {
    if (recordBytes < Long.BYTES) {
      throw new IllegalArgumentException("records must hold their 8-byte number: " + recordBytes + " B");
    }
    this.recordBytes = recordBytes;
  }

  /** Numbers {@code record}: writes the next number into its first 8 bytes and returns it. */
  long next(byte[] record) {
    long id = next.getAndIncrement();
    ByteBuffer.wrap(record).putLong(0, id);
    return id;
  }

  /** Marks record {@code id} as acknowledged by its put. */
  void acknowledge(long id) {
    synchronized (acknowledged) {
      acknowledged.set(Math.toIntExact(id));
    }
    acknowledgedCount.increment();
  }

  /** Counts the records of one delivered object. */
  void delivered(byte[] object) {
    objects.increment();
    if (object.length % recordBytes != 0) {
      malformed.increment();
    }
    ByteBuffer b = ByteBuffer.wrap(object);
    long issued = next.get();
    for (int at = 0; at + recordBytes <= object.length; at += recordBytes) {
      long id = b.getLong(at);
      if (id < 0 || id >= issued) {
        malformed.increment();
        continue;
      }
      deliveredCount.increment();
      synchronized (delivered) {
        if (delivered.get((int) id)) {
          duplicates.increment();
        } else {
          delivered.set((int) id);
        }
      }
    }
  }

  /** Records acknowledged so far. */
  long acknowledgedCount() {
    return acknowledgedCount.sum();
  }

  /** Records found in delivered objects so far, duplicates included. */
  long deliveredCount() {
    return deliveredCount.sum();
  }

  /** Whether every acknowledged record was delivered. */
  boolean complete() {
    return lost() == 0;
  }

  long lost() {
    BitSet missing;
    synchronized (acknowledged) {
      missing = (BitSet) acknowledged.clone();
    }
    synchronized (delivered) {
      missing.andNot(delivered);
    }
    return missing.cardinality();
  }

  long unacknowledged() {
    BitSet extra;
    synchronized (delivered) {
      extra = (BitSet) delivered.clone();
    }
    synchronized (acknowledged) {
      extra.andNot(acknowledged);
    }
    return extra.cardinality();
  }

  long duplicates() {
    return duplicates.sum();
  }

  long malformed() {
    return malformed.sum();
  }

  long objects() {
    return objects.sum();
  }
}
