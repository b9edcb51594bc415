package io.sluice.protocol.eventstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.WireProtocol;

/**
 * Renders the frames of an {@link EventStreamReply} in the request's protocol: payloads are CBOR
 * ({@code application/cbor}) for CBOR requests and JSON ({@code application/json}) otherwise, encoded
 * like response records.
 */
public final class EventFrames {
  /** The {@code :event-type} of the first event, carrying the operation's response record. */
  public static final String INITIAL_RESPONSE = "initial-response";

  private EventFrames() {}

  /** The {@code initial-response} event; a null response is an empty structure. */
  public static byte[] initialResponse(WireProtocol protocol, Object response) {
    return EventStreamEncoder.encode(EventMessage.event(INITIAL_RESPONSE, contentType(protocol),
        payload(protocol, response)));
  }

  /** The frame of one event. */
  public static byte[] event(WireProtocol protocol, StreamEvent event) {
    return EventStreamEncoder.encode(EventMessage.event(event.eventType(), contentType(protocol),
        payload(protocol, event.payload())));
  }

  /**
   * The frame that ends a stream which failed: an {@code exception} event named by the AWS error's
   * code with its message as the payload's {@code message}, or for any other failure an {@code error}
   * message {@code InternalFailure} (the caller logs the cause).
   */
  public static byte[] failure(WireProtocol protocol, Throwable failure) {
    if (failure instanceof AwsException e) {
      ObjectMapper mapper = mapper(protocol);
      return EventStreamEncoder.encode(EventMessage.exception(e.error().code(), contentType(protocol),
          payload(protocol, mapper.createObjectNode().put("message", e.getMessage()))));
    }
    return EventStreamEncoder.encode(EventMessage.error(CommonError.InternalFailure.code(),
        "The request processing has failed because of an unknown error, exception or failure."));
  }

  private static String contentType(WireProtocol protocol) {
    return protocol == WireProtocol.CBOR_1_1 ? "application/cbor" : "application/json";
  }

  private static ObjectMapper mapper(WireProtocol protocol) {
    return protocol == WireProtocol.CBOR_1_1 ? JsonCodec.cbor() : JsonCodec.json();
  }

  private static byte[] payload(WireProtocol protocol, Object value) {
    ObjectMapper mapper = mapper(protocol);
    try {
      return mapper.writeValueAsBytes(value == null ? mapper.createObjectNode() : value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + value.getClass(), e);
    }
  }
}
