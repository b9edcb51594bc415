package io.sluice.protocol.eventstream;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * An operation's answer as an AWS event stream rather than one reply: the gateway answers 200 with
 * {@code application/vnd.amazon.eventstream}, writes {@code initialResponse} as the
 * {@code initial-response} event, then each {@link StreamEvent} the publisher emits, and ends the
 * stream when the publisher completes or {@code maxDuration} has passed.
 *
 * <p>The publisher must do nothing before it is subscribed (the reply may never reach a client),
 * must emit no more events than requested (the gateway requests them as the client reads), and must
 * stop when the subscription is cancelled (the client went away, the duration is over, the node
 * stops). A failure ends the stream with one frame: an {@code AwsException} as an
 * {@code exception} event of its code (a modeled error of the stream), anything else as an
 * {@code error} message {@code InternalFailure}. Signals may come from any thread. The gateway and
 * the publisher share one JVM: events from other nodes reach the publisher through the service's
 * own cluster-wide notices.
 *
 * @param <R> the operation's {@code Response} record; {@code initialResponse} may be null (an empty
 *     initial response)
 */
public record EventStreamReply<R>(R initialResponse, Flow.Publisher<StreamEvent> events, Duration maxDuration) {
  /** The media type of an event stream's HTTP body. */
  public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

  public EventStreamReply {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("an event stream must last some time, not " + maxDuration);
    }
  }
}
