package io.sluice.protocol.eventstream;

/** Bytes that are not a valid event stream: a bad length, a CRC mismatch or a malformed header. */
public final class EventStreamException extends RuntimeException {
  public EventStreamException(String message) {
    super(message);
  }
}
