package io.sluice.protocol.eventstream;

import java.util.Objects;

/**
 * One event of an {@link EventStreamReply}: its {@code :event-type} (the member name of the event
 * stream's union in the service model, e.g. {@code SubscribeToShardEvent}) and its payload record,
 * rendered in the request's protocol like a response record.
 */
public record StreamEvent(String eventType, Object payload) {
  public StreamEvent {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
  }
}
