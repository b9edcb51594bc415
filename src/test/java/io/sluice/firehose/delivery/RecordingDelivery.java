package io.sluice.firehose.delivery;

import io.sluice.firehose.model.Destination;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A destination for tests: records every attempt and answers the outcomes queued with
 * {@link #failNext} (then success); keeps what was delivered and what was given up, in order.
 * Its retry duration is the destination's {@code RetryOptions.DurationInSeconds} (default 300 s).
 */
public final class RecordingDelivery implements DestinationDelivery {
  /** One attempt: its batch id, attempt number and the records sent. */
  public record Attempt(String batchId, int attempt, List<DeliveryRecord> records) {}

  private final Set<String> kinds;
  private final List<Attempt> attempts = new ArrayList<>();
  private final List<DeliveryRecord> delivered = new ArrayList<>();
  private final List<DeliveryRecord> givenUp = new ArrayList<>();
  private final Deque<DeliveryFailure> failures = new ArrayDeque<>();
  private CompletableFuture<Void> gate;

  public RecordingDelivery(Set<String> kinds) {
    this.kinds = Set.copyOf(kinds);
  }

  /** The next attempts fail with these, in order. */
  public synchronized RecordingDelivery failNext(DeliveryFailure... next) {
    failures.addAll(List.of(next));
    return this;
  }

  /** The next attempts wait until {@link #open} is called. */
  public synchronized void hold() {
    gate = new CompletableFuture<>();
  }

  public void open() {
    CompletableFuture<Void> g;
    synchronized (this) {
      g = gate;
      gate = null;
    }
    if (g != null) {
      g.complete(null);
    }
  }

  @Override
  public Set<String> kinds() {
    return kinds;
  }

  @Override
  public CompletionStage<AttemptResult> attempt(DeliveryBatch batch, int attempt) {
    CompletableFuture<Void> wait;
    synchronized (this) {
      attempts.add(new Attempt(batch.batchId(), attempt, batch.records()));
      wait = gate == null ? CompletableFuture.completedFuture(null) : gate;
    }
    return wait.thenApply(v -> {
      synchronized (this) {
        DeliveryFailure failure = failures.poll();
        if (failure != null) {
          return AttemptResult.failed(batch.records(), failure);
        }
        delivered.addAll(batch.records());
        return AttemptResult.delivered();
      }
    });
  }

  @Override
  public long retryDurationMillis(Destination destination) {
    return destination.config().path("RetryOptions").path("DurationInSeconds").asLong(300) * 1000;
  }

  /** As the real deliveries: from the first failure for HTTP endpoints and Splunk. */
  @Override
  public boolean retryDurationFromFirstFailure(Destination destination) {
    return Set.of("HttpEndpoint", "Splunk").contains(destination.kind());
  }

  @Override
  public synchronized CompletionStage<Void> giveUp(DeliveryBatch batch, List<DeliveryRecord> failed,
                                                   DeliveryFailure cause, int attempts) {
    givenUp.addAll(failed);
    return CompletableFuture.completedFuture(null);
  }

  public synchronized List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** The data delivered, as text, in order. */
  public synchronized List<String> delivered() {
    return delivered.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  public synchronized List<String> givenUp() {
    return givenUp.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }
}
