package io.sluice.protocol.eventstream;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of an AWS event stream: ordered headers and a payload. The standard headers
 * ({@code :message-type}, {@code :event-type}, {@code :exception-type}, {@code :content-type},
 * {@code :error-code}, {@code :error-message}) are read with the accessors and set by the factories.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html">Event stream encoding</a>
 */
public record EventMessage(Map<String, HeaderValue> headers, byte[] payload) {
  public static final String MESSAGE_TYPE = ":message-type";
  public static final String EVENT_TYPE = ":event-type";
  public static final String EXCEPTION_TYPE = ":exception-type";
  public static final String CONTENT_TYPE = ":content-type";
  public static final String ERROR_CODE = ":error-code";
  public static final String ERROR_MESSAGE = ":error-message";

  public EventMessage {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    payload = payload.clone();
  }

  /** An {@code event} message of {@code eventType} whose payload is of {@code contentType}. */
  public static EventMessage event(String eventType, String contentType, byte[] payload) {
    return new EventMessage(standard("event", EVENT_TYPE, eventType, contentType), payload);
  }

  /** An {@code exception} message: a modeled error of {@code exceptionType} in the payload. */
  public static EventMessage exception(String exceptionType, String contentType, byte[] payload) {
    return new EventMessage(standard("exception", EXCEPTION_TYPE, exceptionType, contentType), payload);
  }

  /** An {@code error} message: an unmodeled error named in headers, with no payload. */
  public static EventMessage error(String code, String message) {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put(MESSAGE_TYPE, new HeaderValue.Text("error"));
    h.put(ERROR_CODE, new HeaderValue.Text(code));
    h.put(ERROR_MESSAGE, new HeaderValue.Text(message));
    return new EventMessage(h, new byte[0]);
  }

  private static Map<String, HeaderValue> standard(String messageType, String typeHeader, String type,
                                                   String contentType) {
    Map<String, HeaderValue> h = new LinkedHashMap<>();
    h.put(MESSAGE_TYPE, new HeaderValue.Text(messageType));
    h.put(typeHeader, new HeaderValue.Text(type));
    h.put(CONTENT_TYPE, new HeaderValue.Text(contentType));
    return h;
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The text of header {@code name}, or null when it is absent or not a string. */
  public String text(String name) {
    return headers.get(name) instanceof HeaderValue.Text t ? t.value() : null;
  }

  public String messageType() {
    return text(MESSAGE_TYPE);
  }

  public String eventType() {
    return text(EVENT_TYPE);
  }

  public String exceptionType() {
    return text(EXCEPTION_TYPE);
  }

  public String contentType() {
    return text(CONTENT_TYPE);
  }

  public String errorCode() {
    return text(ERROR_CODE);
  }

  public String errorMessage() {
    return text(ERROR_MESSAGE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventMessage m && headers.equals(m.headers) && Arrays.equals(payload, m.payload);
  }

  @Override
  public int hashCode() {
    return headers.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "EventMessage" + headers + "[" + payload.length + " bytes]";
  }
}
