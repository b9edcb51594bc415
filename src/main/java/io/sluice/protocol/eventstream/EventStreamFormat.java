package io.sluice.protocol.eventstream;

/**
 * The limits of the event-stream wire format shared by {@link EventStreamEncoder} and
 * {@link EventStreamDecoder}: a prelude of total length, headers length and prelude CRC32, then
 * headers, payload and the message CRC32, all integers big-endian.
 */
final class EventStreamFormat {
  /** Total length, headers length, prelude CRC. */
  static final int PRELUDE = 12;
  /** Prelude plus message CRC: the size of a message without headers and payload. */
  static final int OVERHEAD = PRELUDE + 4;
  static final int MAX_HEADERS = 128 * 1024;
  static final int MAX_PAYLOAD = 16 * 1024 * 1024;
  static final int MAX_NAME = 255;
  static final int MAX_VALUE = Short.MAX_VALUE;

  private EventStreamFormat() {}
}
