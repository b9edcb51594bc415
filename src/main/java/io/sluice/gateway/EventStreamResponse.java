package io.sluice.gateway;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.WireProtocol;
import io.sluice.protocol.eventstream.EventFrames;
import io.sluice.protocol.eventstream.EventStreamReply;
import io.sluice.protocol.eventstream.StreamEvent;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one {@link EventStreamReply} to an HTTP response (chunked over HTTP/1.1, data frames over
 * HTTP/2): the {@code initial-response} event, then the publisher's events, one requested at a time
 * and the next only once the response's write queue has room, then the end. The publisher's
 * subscription is cancelled when the client goes away, the reply's duration is over or the gateway
 * stops. Confined to the gateway's event loop; the publisher's signals are moved onto it.
 */
final class EventStreamResponse implements Flow.Subscriber<StreamEvent> {
  private static final Logger LOG = Logger.getLogger(EventStreamResponse.class.getName());
  private final Context context;
  private final HttpServerResponse response;
  private final WireProtocol protocol;
  private final String requestId;
  private final Set<EventStreamResponse> open;
  private Flow.Subscription subscription;
  private boolean done;
  private long timer = -1;

  private EventStreamResponse(Context context, HttpServerResponse response, WireProtocol protocol, String requestId,
                              Set<EventStreamResponse> open) {
    this.context = context;
    this.response = response;
    this.protocol = protocol;
    this.requestId = requestId;
    this.open = open;
  }

  /**
   * Starts answering with {@code reply} on the caller's event loop ({@code context}); the stream is in
   * {@code open} (the gateway's streams, confined to that loop) until it is over, however it ends. A
   * response already closed only subscribes to cancel the publisher.
   */
  static void open(Context context, HttpServerResponse response, WireProtocol protocol, String requestId,
                   EventStreamReply<?> reply, Set<EventStreamResponse> open) {
    EventStreamResponse stream = new EventStreamResponse(context, response, protocol, requestId, open);
    if (response.closed() || response.ended()) {
      stream.done = true;
    } else {
      response.setStatusCode(200).setChunked(true)
          .putHeader("content-type", EventStreamReply.CONTENT_TYPE)
          .putHeader("x-amzn-RequestId", requestId);
      response.closeHandler(v -> stream.cancel());
      response.exceptionHandler(e -> stream.cancel());
      response.write(Buffer.buffer(EventFrames.initialResponse(protocol, reply.initialResponse())));
      stream.timer = context.owner().setTimer(Math.max(1, reply.maxDuration().toMillis()), id -> stream.end());
      open.add(stream);
    }
    reply.events().subscribe(stream);
  }

  /** Ends the stream normally and cancels the publisher (the duration is over, the gateway stops). */
  void end() {
    if (!done) {
      cancelSubscription();
      finish();
      response.end();
    }
  }

  /** The client went away: cancels the publisher, writes nothing more. */
  private void cancel() {
    if (!done) {
      cancelSubscription();
      finish();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    context.runOnContext(v -> {
      if (subscription != null || done) {
        s.cancel();
        return;
      }
      subscription = s;
      s.request(1);
    });
  }

  @Override
  public void onNext(StreamEvent event) {
    context.runOnContext(v -> {
      if (done) {
        return;
      }
      byte[] frame;
      try {
        frame = EventFrames.event(protocol, event);
      } catch (RuntimeException e) {
        cancelSubscription();
        fail(e);
        return;
      }
      response.write(Buffer.buffer(frame));
      if (response.writeQueueFull()) {
        response.drainHandler(d -> {
          response.drainHandler(null);
          requestNext();
        });
      } else {
        requestNext();
      }
    });
  }

  @Override
  public void onError(Throwable failure) {
    context.runOnContext(v -> {
      if (!done) {
        fail(failure);
      }
    });
  }

  @Override
  public void onComplete() {
    context.runOnContext(v -> {
      if (!done) {
        finish();
        response.end();
      }
    });
  }

  private void fail(Throwable failure) {
    if (!(failure instanceof AwsException)) {
      LOG.log(Level.WARNING, "event stream of request " + requestId + " failed", failure);
    }
    finish();
    response.end(Buffer.buffer(EventFrames.failure(protocol, failure)));
  }

  private void requestNext() {
    if (!done && subscription != null) {
      subscription.request(1);
    }
  }

  private void cancelSubscription() {
    if (subscription != null) {
      subscription.cancel();
    }
  }

  private void finish() {
    done = true;
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
    }
    open.remove(this);
  }
}
