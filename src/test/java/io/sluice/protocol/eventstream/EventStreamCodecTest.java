package io.sluice.protocol.eventstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * Our event-stream frames checked against AWS's reference codec ({@code software.amazon.eventstream}):
 * each reads what the other writes, every header type included, and broken frames are refused.
 */
class EventStreamCodecTest {
  private static final Instant AT = Instant.parse("2026-12-06T11:30:00.123Z");
  private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  private static final byte[] PAYLOAD = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);

  /** One header of every type, ours. */
  private static Map<String, HeaderValue> everyType() {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put("true", new HeaderValue.Bool(true));
    h.put("false", new HeaderValue.Bool(false));
    h.put("byte", new HeaderValue.Int8((byte) -7));
    h.put("short", new HeaderValue.Int16((short) -1234));
    h.put("int", new HeaderValue.Int32(-123_456_789));
    h.put("long", new HeaderValue.Int64(Long.MIN_VALUE + 5));
    h.put("bytes", new HeaderValue.Bytes(new byte[] {0, 1, (byte) 0xff}));
    h.put("string", new HeaderValue.Text("grüße"));
    h.put("timestamp", new HeaderValue.Timestamp(AT));
    h.put("uuid", new HeaderValue.Uuid(ID));
    return h;
  }

  /** The same headers, the reference's. */
  private static Map<String, software.amazon.eventstream.HeaderValue> everyTypeReference() {
    Map<String, software.amazon.eventstream.HeaderValue> h = new LinkedHashMap<>();
    h.put("true", software.amazon.eventstream.HeaderValue.fromBoolean(true));
    h.put("false", software.amazon.eventstream.HeaderValue.fromBoolean(false));
    h.put("byte", software.amazon.eventstream.HeaderValue.fromByte((byte) -7));
    h.put("short", software.amazon.eventstream.HeaderValue.fromShort((short) -1234));
    h.put("int", software.amazon.eventstream.HeaderValue.fromInteger(-123_456_789));
    h.put("long", software.amazon.eventstream.HeaderValue.fromLong(Long.MIN_VALUE + 5));
    h.put("bytes", software.amazon.eventstream.HeaderValue.fromByteArray(new byte[] {0, 1, (byte) 0xff}));
    h.put("string", software.amazon.eventstream.HeaderValue.fromString("grüße"));
    h.put("timestamp", software.amazon.eventstream.HeaderValue.fromTimestamp(AT));
    h.put("uuid", software.amazon.eventstream.HeaderValue.fromUuid(ID));
    return h;
  }

  private static byte[] referenceBytes(Message message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.encode(out);
    return out.toByteArray();
  }

  /**
   * Headers as the reference writes them: its encoder (1.0.1) drops the value bytes of byte and
   * short headers (its decoder reads them, as botocore's does: 1 and 2 bytes), so those are left out.
   */
  private static <V> Map<String, V> withoutByteAndShort(Map<String, V> headers) {
    Map<String, V> h = new LinkedHashMap<>(headers);
    h.remove("byte");
    h.remove("short");
    return h;
  }

  @Test
  void everyHeaderTypeIsWrittenByteForByteAsTheReferenceWritesIt() {
    // Given the same message, ours and the reference's (byte and short are checked by its decoder below)
    EventMessage ours = new EventMessage(withoutByteAndShort(everyType()), PAYLOAD);
    Message reference = new Message(withoutByteAndShort(everyTypeReference()), PAYLOAD);

    // Then the frames are identical
    assertArrayEquals(referenceBytes(reference), EventStreamEncoder.encode(ours));
  }

  @Test
  void referenceDecoderReadsEveryHeaderTypeWeWrite() {
    // When the reference decodes our frame
    Message decoded = Message.decode(ByteBuffer.wrap(EventStreamEncoder.encode(new EventMessage(everyType(),
        PAYLOAD))));

    // Then it reads each header with its type and value, and the payload
    var h = decoded.getHeaders();
    assertTrue(h.get("true").getBoolean());
    assertFalse(h.get("false").getBoolean());
    assertEquals((byte) -7, h.get("byte").getByte());
    assertEquals((short) -1234, h.get("short").getShort());
    assertEquals(-123_456_789, h.get("int").getInteger());
    assertEquals(Long.MIN_VALUE + 5, h.get("long").getLong());
    assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, h.get("bytes").getByteArray());
    assertEquals("grüße", h.get("string").getString());
    assertEquals(AT, h.get("timestamp").getTimestamp());
    assertEquals(ID, h.get("uuid").getUuid());
    assertArrayEquals(PAYLOAD, decoded.getPayload());
  }

  @Test
  void weDecodeEveryHeaderTypeTheReferenceWrites() {
    // When we decode the reference's frame
    List<EventMessage> decoded = new EventStreamDecoder().feed(referenceBytes(new Message(
        withoutByteAndShort(everyTypeReference()), PAYLOAD)));

    // Then we read the same headers, in order, and the payload
    assertEquals(1, decoded.size());
    assertEquals(List.copyOf(withoutByteAndShort(everyType()).entrySet()), List.copyOf(decoded.get(0).headers().entrySet()));
    assertArrayEquals(PAYLOAD, decoded.get(0).payload());
  }

  @Test
  void standardHeadersOfEventsExceptionsAndErrorsRoundTrip() {
    // Given one message of each kind
    List<EventMessage> sent = List.of(
        EventMessage.event("SubscribeToShardEvent", "application/json", PAYLOAD),
        EventMessage.exception("ResourceInUseException", "application/json", "{\"message\":\"busy\"}".getBytes(
            StandardCharsets.UTF_8)),
        EventMessage.error("InternalFailure", "it broke"));

    // When they are written in one stream and read back
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    sent.forEach(m -> stream.writeBytes(EventStreamEncoder.encode(m)));
    List<EventMessage> read = new EventStreamDecoder().feed(stream.toByteArray());

    // Then each arrives with its standard headers
    assertEquals(sent, read);
    assertEquals("event", read.get(0).messageType());
    assertEquals("SubscribeToShardEvent", read.get(0).eventType());
    assertEquals("application/json", read.get(0).contentType());
    assertEquals("exception", read.get(1).messageType());
    assertEquals("ResourceInUseException", read.get(1).exceptionType());
    assertEquals("error", read.get(2).messageType());
    assertEquals("InternalFailure", read.get(2).errorCode());
    assertEquals("it broke", read.get(2).errorMessage());
    // And the reference reads them as the same messages
    List<Message> reference = new ArrayList<>();
    new MessageDecoder(reference::add).feed(stream.toByteArray());
    assertEquals(3, reference.size());
    assertEquals("ResourceInUseException", reference.get(1).getHeaders().get(":exception-type").getString());
    assertEquals("it broke", reference.get(2).getHeaders().get(":error-message").getString());
  }

  @Test
  void framesSplitAcrossBuffersAtEveryByteAreReassembled() {
    // Given two frames in one stream
    EventMessage first = new EventMessage(everyType(), PAYLOAD);
    EventMessage second = EventMessage.event("initial-response", "application/json", new byte[0]);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(EventStreamEncoder.encode(first));
    stream.writeBytes(EventStreamEncoder.encode(second));
    byte[] bytes = stream.toByteArray();

    for (int cut = 0; cut <= bytes.length; cut++) {
      // When the stream arrives in two pieces split at any byte
      EventStreamDecoder decoder = new EventStreamDecoder();
      List<EventMessage> read = new ArrayList<>(decoder.feed(bytes, 0, cut));
      read.addAll(decoder.feed(bytes, cut, bytes.length - cut));

      // Then both messages are read, whole
      assertEquals(List.of(first, second), read, "split at " + cut);
      assertFalse(decoder.hasPartialFrame());
    }
  }

  @Test
  void streamArrivingOneByteAtATimeIsReadAndAnUnfinishedFrameIsSeen() {
    byte[] frame = EventStreamEncoder.encode(new EventMessage(everyType(), PAYLOAD));
    EventStreamDecoder decoder = new EventStreamDecoder();
    List<EventMessage> read = new ArrayList<>();
    for (int i = 0; i < frame.length - 1; i++) {
      read.addAll(decoder.feed(new byte[] {frame[i]}));
    }
    assertTrue(read.isEmpty());
    assertTrue(decoder.hasPartialFrame());
    read.addAll(decoder.feed(new byte[] {frame[frame.length - 1]}));
    assertEquals(1, read.size());
    assertFalse(decoder.hasPartialFrame());
  }

  @Test
  void corruptedPayloadFailsTheMessageCrc() {
    byte[] frame = EventStreamEncoder.encode(EventMessage.event("e", "application/json", PAYLOAD));
    frame[frame.length - 6] ^= 0x01;
    EventStreamException e = assertThrows(EventStreamException.class, () -> new EventStreamDecoder().feed(frame));
    assertTrue(e.getMessage().contains("message CRC"), e.getMessage());
  }

  @Test
  void corruptedMessageCrcIsDetected() {
    byte[] frame = EventStreamEncoder.encode(EventMessage.event("e", "application/json", PAYLOAD));
    frame[frame.length - 1] ^= 0x10;
    assertThrows(EventStreamException.class, () -> new EventStreamDecoder().feed(frame));
  }

  @Test
  void corruptedLengthFailsThePreludeCrcBeforeTheFrameIsAwaited() {
    // Given a frame whose total length claims far more bytes than sent
    byte[] frame = EventStreamEncoder.encode(EventMessage.event("e", "application/json", PAYLOAD));
    frame[1] = 0x7f;

    // Then the first 12 bytes already fail, rather than waiting for the claimed bytes
    EventStreamException e = assertThrows(EventStreamException.class,
        () -> new EventStreamDecoder().feed(frame, 0, 12));
    assertTrue(e.getMessage().contains("prelude CRC"), e.getMessage());
  }

  @Test
  void preludeWithAValidCrcButImpossibleLengthsIsRefused() {
    // Given a prelude, with a correct CRC, whose headers are longer than the whole message
    ByteBuffer prelude = ByteBuffer.allocate(16);
    prelude.putInt(16).putInt(8);
    prelude.putInt((int) EventStreamEncoder.crc(prelude.array(), 0, 8));
    EventStreamException e = assertThrows(EventStreamException.class,
        () -> new EventStreamDecoder().feed(prelude.array()));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
  }

  @Test
  void headerRunningPastTheHeadersLengthIsRefused() {
    // Given a frame (with valid CRCs) whose only header says its string is longer than the headers
    byte[] headers = {3, 'a', 'b', 'c', 7, 0, 9, 'x'};
    byte[] frame = frame(headers);
    EventStreamException e = assertThrows(EventStreamException.class, () -> new EventStreamDecoder().feed(frame));
    assertTrue(e.getMessage().contains("past"), e.getMessage());
  }

  @Test
  void unknownHeaderTypeIsRefusedAndTheDecoderStaysBroken() {
    EventStreamDecoder decoder = new EventStreamDecoder();
    assertThrows(EventStreamException.class, () -> decoder.feed(frame(new byte[] {1, 'a', 10})));
    byte[] good = EventStreamEncoder.encode(EventMessage.event("e", "application/json", PAYLOAD));
    assertThrows(EventStreamException.class, () -> decoder.feed(good));
  }

  @Test
  void encoderRefusesHeadersTheFormatCannotCarry() {
    assertThrows(IllegalArgumentException.class, () -> EventStreamEncoder.encode(
        new EventMessage(Map.of("", new HeaderValue.Bool(true)), new byte[0])));
    assertThrows(IllegalArgumentException.class, () -> EventStreamEncoder.encode(
        new EventMessage(Map.of("n".repeat(256), new HeaderValue.Bool(true)), new byte[0])));
    assertThrows(IllegalArgumentException.class, () -> EventStreamEncoder.encode(
        new EventMessage(Map.of("s", new HeaderValue.Text("x".repeat(32_768))), new byte[0])));
  }

  /** A frame with valid CRCs around raw header bytes and no payload. */
  private static byte[] frame(byte[] headers) {
    int total = 16 + headers.length;
    ByteBuffer b = ByteBuffer.allocate(total);
    b.putInt(total).putInt(headers.length);
    b.putInt((int) EventStreamEncoder.crc(b.array(), 0, 8));
    b.put(headers);
    b.putInt((int) EventStreamEncoder.crc(b.array(), 0, total - 4));
    return b.array();
  }
}
