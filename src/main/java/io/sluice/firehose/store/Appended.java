package io.sluice.firehose.store;

import java.util.List;

/**
 * Records stored in a buffer: their RecordIds in order, and whether the caller now holds the
 * destination's flush (it was due at once and free: the caller starts it under its plan's lease).
 * Empty ids: nothing was stored (the stream's generation is gone or being deleted).
 */
public record Appended(List<String> recordIds, boolean flushTaken) {

  public Appended {
    recordIds = List.copyOf(recordIds);
  }

  public static Appended nothing() {
    return new Appended(List.of(), false);
  }
}
