package io.sluice.kinesis.op;

import io.sluice.ids.RandomIds;
import io.sluice.kinesis.ConsumerOperation;
import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.ShardFeed;
import io.sluice.kinesis.ShardSignals;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.eventstream.EventStreamReply;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * SubscribeToShard: an ACTIVE consumer's subscription to one shard, answered as an event stream of
 * {@link ShardFeed} events from {@code StartingPosition} (any iterator type) for five minutes. The
 * same consumer subscribing to the same shard again within five seconds of a successful call is
 * refused with ResourceInUseException, on any node; five seconds or more after, the new call takes
 * the subscription over and the old one ends with ResourceInUseException (API reference,
 * SubscribeToShard).
 */
public final class SubscribeToShard
    extends ConsumerOperation<SubscribeToShard.Request, EventStreamReply<SubscribeToShard.Response>> {
  /** How long a subscription lasts. */
  public static final Duration DURATION = Duration.ofMinutes(5);
  /** How long after a successful call the same consumer and shard are refused. */
  public static final long RESUBSCRIBE_MILLIS = 5_000;

  public record StartingPosition(String type, String sequenceNumber, Instant timestamp) {}

  public record Request(String consumerARN, String shardId, StartingPosition startingPosition) {}

  /** The initial response: the event stream is the body. */
  public record Response() {}

  public SubscribeToShard(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<EventStreamReply<Response>> execute(RequestContext ctx, Request req) {
    if (req.consumerARN() == null) {
      throw validation(null, "consumerARN", "Member must not be null");
    }
    if (req.shardId() == null) {
      throw validation(null, "shardId", "Member must not be null");
    }
    StartingPosition start = req.startingPosition();
    if (start == null || start.type() == null) {
      throw validation(null, start == null ? "startingPosition" : "startingPosition.type", "Member must not be null");
    }
    GetShardIterator.checkStart(start.type(), start.sequenceNumber(), start.timestamp());
    long now = now();
    return consumer(ctx, null, null, req.consumerARN()).thenCompose(found -> {
      if (!found.consumer().status(now).equals("ACTIVE")) {
        throw AwsException.of(KinesisError.ResourceInUseException, "Consumer %s is not ACTIVE, instead in state %s.",
            req.consumerARN(), found.consumer().status(now));
      }
      int shard = shardIndex(found.stream(), req.shardId());
      return GetShardIterator.position(kinesis, found.stream(), shard, start.type(), start.sequenceNumber(),
              start.timestamp(), now)
          .thenCompose(position -> {
            String token = RandomIds.uuid();
            return kinesis.consumers().subscribe(found.consumer().arn(), shard, token, RESUBSCRIBE_MILLIS,
                    DURATION.toMillis() + RESUBSCRIBE_MILLIS, now)
                .thenApply(taken -> {
                  if (!taken) {
                    throw AwsException.of(KinesisError.ResourceInUseException, "Another active subscription exists "
                        + "for consumer %s and shard %s, or it was subscribed to less than 5 seconds ago.",
                        req.consumerARN(), req.shardId());
                  }
                  // Wakes a subscription this one takes over, which then ends (see ShardFeed).
                  kinesis.signals().announce(ShardSignals.key(found.stream().id().arn(),
                      found.stream().createdMillis(), shard));
                  kinesis.meters().subscribed(found.stream());
                  return new EventStreamReply<>(new Response(),
                      new ShardFeed(kinesis, found.stream(), shard, position, found.consumer().arn(), token),
                      DURATION);
                });
          });
    });
  }
}
