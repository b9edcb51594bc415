package io.sluice.it.kinesis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * A {@code SubscribeToShard} call through the SDK's {@link SubscribeToShardResponseHandler} with a
 * visitor: its events in a queue, with when each arrived, and whether the initial response came.
 */
final class Subscriptions {
  /** An event and when it arrived ({@link System#nanoTime}). */
  record Arrival(SubscribeToShardEvent event, long nanos) {}

  final LinkedBlockingQueue<Arrival> events = new LinkedBlockingQueue<>();
  final List<Throwable> errors = new CopyOnWriteArrayList<>();
  final CompletableFuture<Void> responded = new CompletableFuture<>();
  final CompletableFuture<Void> call;

  private Subscriptions(KinesisAsyncClient kinesis, SubscribeToShardRequest request) {
    SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
        .onResponse(r -> responded.complete(null))
        .onError(errors::add)
        .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
            .onSubscribeToShardEvent(e -> events.add(new Arrival(e, System.nanoTime())))
            .build())
        .build();
    call = kinesis.subscribeToShard(request, handler);
  }

  static Subscriptions subscribe(KinesisAsyncClient kinesis, String consumerArn, String shardId,
                                 Function<SubscribeToShardRequest.Builder, SubscribeToShardRequest.Builder> start) {
    return new Subscriptions(kinesis, start.apply(SubscribeToShardRequest.builder().consumerARN(consumerArn)
        .shardId(shardId)).build());
  }

  static Subscriptions fromStart(KinesisAsyncClient kinesis, String consumerArn) {
    return subscribe(kinesis, consumerArn, "shardId-000000000000",
        b -> b.startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)));
  }

  /** The next event, failing after {@code within}. */
  Arrival next(Duration within) throws InterruptedException {
    Arrival a = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (a == null) {
      throw new AssertionError("no event within " + within + "; errors: " + errors);
    }
    return a;
  }

  /** Events until one carries records; those records' data as text. */
  List<String> nextRecords(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Arrival a = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (!a.event().records().isEmpty()) {
        return a.event().records().stream().map(r -> r.data().asUtf8String()).toList();
      }
    }
  }
}
