package io.sluice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.delivery.Attempt;
import io.sluice.sns.delivery.DeliveryFailure;
import io.sluice.sns.delivery.NotificationBodies;
import io.sluice.sns.delivery.ProtocolDelivery;
import io.sluice.time.ManualClock;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the protocol deliveries of a node in operation-level tests: every attempt the
 * dispatcher makes, to any endpoint of the {@linkplain #PROTOCOLS protocols} a topic subscription
 * delivers to, is recorded with the time of the manual clock and the body the endpoint would get (the
 * bare message for raw delivery, else the envelope, signed unless the topic is FIFO). An attempt
 * succeeds unless the test chose a failure for its endpoint ({@link #failNext}, {@link #failAlways}).
 * Thread-safe.
 */
public final class RecordingDeliveries implements ProtocolDelivery {
  /** The protocols it stands in for. */
  public static final Set<String> PROTOCOLS = Set.of("sqs", "http", "https", "lambda", "firehose", "email",
      "email-json");

  /** A failure a retry may fix, as an endpoint answering HTTP 500 gives. */
  public static DeliveryFailure serverError() {
    return new DeliveryFailure(true, "HttpStatus500", "the endpoint answered HTTP 500");
  }

  /** A failure no retry fixes, as an endpoint answering HTTP 400 gives. */
  public static DeliveryFailure clientError() {
    return new DeliveryFailure(false, "HttpStatus400", "the endpoint answered HTTP 400");
  }

  /**
   * One attempt.
   *
   * @param at        when it was made (epoch millis of the manual clock)
   * @param endpoint  the subscription's endpoint
   * @param messageId the published message's id
   * @param number    which attempt of its delivery it was, from 1
   * @param body      what the endpoint was sent
   * @param succeeded whether it was answered with success
   * @param attempt   everything the dispatcher handed over
   */
  public record Attempted(long at, String endpoint, String messageId, int number, String body, boolean succeeded,
                          Attempt attempt) {

    /** The body as JSON (an envelope, or a raw message that is JSON). */
    public JsonNode json() {
      try {
        return JsonCodec.json().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final ManualClock clock;
  private final NotificationBodies bodies;
  private final List<Attempted> attempts = new ArrayList<>();
  private final Map<String, Deque<DeliveryFailure>> scripted = new HashMap<>();
  private final Map<String, DeliveryFailure> always = new HashMap<>();

  public RecordingDeliveries(ManualClock clock, NotificationBodies bodies) {
    this.clock = clock;
    this.bodies = bodies;
  }

  /** This stand-in for each of {@link #PROTOCOLS}, as a dispatcher takes them. */
  public Map<String, ProtocolDelivery> protocols() {
    Map<String, ProtocolDelivery> protocols = new HashMap<>();
    PROTOCOLS.forEach(p -> protocols.put(p, this));
    return protocols;
  }

  @Override
  public Future<Void> deliver(Attempt attempt) {
    String endpoint = attempt.subscription().endpoint();
    String body = bodies.bodyFor(attempt);
    DeliveryFailure failure;
    synchronized (this) {
      Deque<DeliveryFailure> next = scripted.get(endpoint);
      failure = next != null && !next.isEmpty() ? next.poll() : always.get(endpoint);
      attempts.add(new Attempted(clock.millis(), endpoint, attempt.message().messageId(),
          attempt.delivery().attempt() + 1, body, failure == null, attempt));
    }
    return failure == null ? Future.succeededFuture() : Future.failedFuture(failure);
  }

  /** The next {@code times} attempts to {@code endpoint} fail with {@code failure} (before any failAlways). */
  public synchronized void failNext(String endpoint, int times, DeliveryFailure failure) {
    Deque<DeliveryFailure> next = scripted.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      next.add(failure);
    }
  }

  /** Every attempt to {@code endpoint} fails with {@code failure} from now on. */
  public synchronized void failAlways(String endpoint, DeliveryFailure failure) {
    always.put(endpoint, failure);
  }

  /** Attempts to {@code endpoint} succeed again. */
  public synchronized void succeed(String endpoint) {
    scripted.remove(endpoint);
    always.remove(endpoint);
  }

  /** Every attempt so far, in the order they were made. */
  public synchronized List<Attempted> attempts() {
    return List.copyOf(attempts);
  }

  /** The attempts to {@code endpoint}, in order. */
  public synchronized List<Attempted> attempts(String endpoint) {
    return attempts.stream().filter(a -> a.endpoint().equals(endpoint)).toList();
  }

  /** The bodies {@code endpoint} was sent by successful attempts, in order. */
  public synchronized List<String> delivered(String endpoint) {
    return attempts.stream().filter(a -> a.endpoint().equals(endpoint) && a.succeeded()).map(Attempted::body).toList();
  }

  /** Forgets the attempts recorded so far. */
  public synchronized void clear() {
    attempts.clear();
  }
}
