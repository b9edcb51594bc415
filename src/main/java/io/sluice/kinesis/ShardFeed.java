package io.sluice.kinesis;

import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.SequenceNumber;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StoredRecord;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.op.GetRecords;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.eventstream.StreamEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events of one {@code SubscribeToShard} subscription: {@code SubscribeToShardEvent}s of the
 * shard's records from a starting position, one at once and then one whenever records arrive (a
 * put on any node announces the shard on {@link ShardSignals}) or {@link #HEARTBEAT_MILLIS} passed
 * without one (that heartbeat read also finds records whose announcement was lost). It reads only
 * as far as the subscriber requested, and fails with
 * ResourceNotFoundException when the stream is deleted, ResourceInUseException when a newer
 * subscription of its consumer to its shard took over. It completes after the last event of a
 * closed shard (its last records, its children and no continuation, as KCL's
 * FanOutRecordsPublisher expects); otherwise the gateway ends the subscription after its duration.
 * One subscriber.
 */
public final class ShardFeed implements Flow.Publisher<StreamEvent> {
  /** The event type of the {@code SubscribeToShardEventStream} union's records member. */
  public static final String EVENT_TYPE = "SubscribeToShardEvent";
  /** An event is sent at least this often, records or not. */
  public static final long HEARTBEAT_MILLIS = 5_000;
  /** The most records of one event. */
  static final int MAX_RECORDS = 1_000;
  /** The most data of one event (more than one record's worth only if under this). */
  static final long MAX_BYTES = 2L * 1024 * 1024;

  /** The payload of a {@code SubscribeToShardEvent}; {@code childShards} only at the end of a closed shard. */
  public record SubscribeToShardEvent(List<GetRecords.Record> records, String continuationSequenceNumber,
                                      Long millisBehindLatest, List<Shapes.ChildShard> childShards) {}

  private final KinesisServices kinesis;
  private final StreamRecord stream;
  private final int shard;
  private final Position start;
  private final String consumerArn;
  private final String token;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  /** @param token the subscription of {@code consumerArn} to the shard this feed serves (see ConsumerStore) */
  public ShardFeed(KinesisServices kinesis, StreamRecord stream, int shard, Position start, String consumerArn,
                   String token) {
    this.kinesis = kinesis;
    this.stream = stream;
    this.shard = shard;
    this.start = start;
    this.consumerArn = consumerArn;
    this.token = token;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("a shard feed has one subscriber"));
      return;
    }
    Feed feed = new Feed(subscriber);
    subscriber.onSubscribe(feed);
  }

  private final class Feed implements Flow.Subscription {
    private final Flow.Subscriber<? super StreamEvent> subscriber;
    private final String key = ShardSignals.key(stream.id().arn(), stream.createdMillis(), shard);
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean cancelled;
    private Position position = start;
    private String continuation = continuationBefore(start);
    private long lastEvent = Long.MIN_VALUE;
    /** Whether the shard was sealed when last looked at, and then its children. */
    private boolean sealed;
    private List<Shapes.ChildShard> children;

    Feed(Flow.Subscriber<? super StreamEvent> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (cancelled) {
        return;
      }
      if (n <= 0) {
        cancelled = true;
        subscriber.onError(new IllegalArgumentException("request " + n + ": must be positive (§3.9)"));
        return;
      }
      demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    private void drain() {
      if (running.compareAndSet(false, true)) {
        step();
      }
    }

    /** One look at the shard: an event if there are records or one is due, else a wait. Runs alone. */
    private void step() {
      if (cancelled) {
        return;
      }
      if (demand.get() == 0) {
        running.set(false);
        if (demand.get() > 0) {
          drain();
        }
        return;
      }
      long epoch = kinesis.signals().epoch(key);
      long now = kinesis.clock().millis();
      kinesis.store().find(stream.id(), now)
          .thenCompose(found -> Reshards.settle(kinesis, found
              .filter(s -> s.createdMillis() == stream.createdMillis() && s.goneMillis() == null)
              .orElseThrow(() -> KinesisOperation.notFound(stream.id()))))
          .thenCompose(current -> {
            sealed = current.shards().get(shard).endingMillis() != null;
            children = sealed ? Shapes.ChildShard.of(current, shard) : null;
            return kinesis.consumers().subscription(consumerArn, shard, now);
          })
          .thenCompose(owner -> {
            if (owner.filter(t -> !t.equals(token)).isPresent()) {
              throw AwsException.of(KinesisError.ResourceInUseException, "Another subscription of consumer %s "
                  + "to shard %s took over.", consumerArn, Shard.id(shard));
            }
            return kinesis.store().read(stream, shard, position, MAX_RECORDS, now);
          })
          .thenCompose(read -> next(read, epoch, now))
          .whenComplete((v, failure) -> {
            if (failure != null && !cancelled) {
              cancelled = true;
              Throwable cause = failure;
              while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
              }
              subscriber.onError(cause);
            }
          });
    }

    private CompletionStage<Void> next(List<StoredRecord> read, long epoch, long now) {
      if (cancelled) {
        return done();
      }
      long since = kinesis.signals().monotonicMillis() - lastEvent;
      boolean due = lastEvent == Long.MIN_VALUE || since >= HEARTBEAT_MILLIS;
      List<StoredRecord> records = GetRecords.capped(read, MAX_BYTES);
      boolean caughtUp = records.size() == read.size() && read.size() < MAX_RECORDS;
      // The end of a closed shard (API reference, SubscribeToShardEvent: ChildShards).
      boolean end = sealed && caughtUp;
      if (read.isEmpty() && !due && !end) {
        long wait = HEARTBEAT_MILLIS - since;
        return kinesis.signals().await(key, epoch, wait).thenAccept(open -> {
          if (open) {
            step();
          }
        });
      }
      List<GetRecords.Record> out = new ArrayList<>(records.size());
      for (StoredRecord r : records) {
        out.add(new GetRecords.Record(sequence(r.millis(), r.seq()), Instant.ofEpochMilli(r.millis()),
            Encryption.data(kinesis, r), r.partitionKey(), r.sealed() ? "KMS" : null));
      }
      if (!records.isEmpty()) {
        StoredRecord last = records.getLast();
        position = Position.after(last.millis(), last.seq());
        continuation = out.getLast().sequenceNumber();
      }
      long behind = caughtUp || records.isEmpty() ? 0 : Math.max(0, now - records.getLast().millis());
      kinesis.meters().event(stream, shard, out.size(), out.stream().mapToLong(r -> r.data().length).sum(), behind);
      lastEvent = kinesis.signals().monotonicMillis();
      demand.decrementAndGet();
      if (end) {
        cancelled = true;
        subscriber.onNext(new StreamEvent(EVENT_TYPE, new SubscribeToShardEvent(out, null, behind, children)));
        subscriber.onComplete();
        return done();
      }
      subscriber.onNext(new StreamEvent(EVENT_TYPE, new SubscribeToShardEvent(out, continuation, behind, null)));
      step();
      return done();
    }

    /** The sequence number after which {@code p} starts: what to continue from before any record was sent. */
    private String continuationBefore(Position p) {
      if (!p.inclusive() || p.millis() == 0) {
        return sequence(p.millis(), p.seq());
      }
      return p.seq() > 0 ? sequence(p.millis(), p.seq() - 1) : sequence(p.millis() - 1, Long.MAX_VALUE);
    }

    private String sequence(long millis, long seq) {
      return new SequenceNumber(shard, millis, seq, stream.createdMillis()).text();
    }
  }

  private static CompletionStage<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
