package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.ShardIterators.Pointer;
import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.SequenceNumber;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetShardIterator: an iterator on one shard at {@code TRIM_HORIZON} (its oldest retained record),
 * {@code LATEST} (just after its newest), {@code AT_SEQUENCE_NUMBER} / {@code AFTER_SEQUENCE_NUMBER}
 * (a sequence number of this shard) or {@code AT_TIMESTAMP} (the first record that arrived at or
 * after {@code Timestamp}). It expires after five minutes.
 */
public final class GetShardIterator extends KinesisOperation<GetShardIterator.Request, GetShardIterator.Response> {

  public record Request(String streamName, String streamARN, String shardId, String shardIteratorType,
                        String startingSequenceNumber, Instant timestamp) {}

  public record Response(String shardIterator) {}

  public GetShardIterator(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.shardId() == null) {
      throw validation(null, "shardId", "Member must not be null");
    }
    if (req.shardIteratorType() == null) {
      throw validation(null, "shardIteratorType", "Member must not be null");
    }
    String type = req.shardIteratorType();
    String sequence = req.startingSequenceNumber();
    checkStart(type, sequence, req.timestamp());
    long now = now();
    return activeStream(ctx, req.streamName(), req.streamARN()).thenCompose(stream -> {
      int shard = shardIndex(stream, req.shardId());
      return kinesis.limits().iterator(ctx, stream, shard, now)
          .thenCompose(admitted -> position(kinesis, stream, shard, type, sequence, req.timestamp(), now))
          .thenApply(p -> new Response(kinesis.iterators().issue(
              new Pointer(stream.id(), stream.createdMillis(), shard, p, now))));
    });
  }

  /** Checks an iterator type (or a subscription's starting position type) with what it needs. */
  static void checkStart(String type, String sequence, Instant timestamp) {
    boolean bySequence = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
    if (!bySequence && !type.equals("TRIM_HORIZON") && !type.equals("LATEST") && !type.equals("AT_TIMESTAMP")) {
      throw validation(type, "shardIteratorType", "Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, "
          + "AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
    }
    if (sequence != null && !sequence.matches("0|[1-9]\\d{0,128}")) {
      throw validation(sequence, "startingSequenceNumber",
          "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
    }
    if (bySequence && sequence == null) {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "The StartingSequenceNumber parameter is required for ShardIteratorType %s.", type);
    }
    if (type.equals("AT_TIMESTAMP") && timestamp == null) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "Must specify timestampInMillis parameter for "
          + "iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.");
    }
  }

  /** Where an iterator (or a subscription) of {@code type} starts in a shard. */
  static CompletionStage<Position> position(KinesisServices kinesis, StreamRecord stream, int shard, String type,
                                            String sequence, Instant timestamp, long now) {
    return switch (type) {
      case "TRIM_HORIZON" -> CompletableFuture.completedFuture(Position.START);
      case "LATEST" -> kinesis.store().last(stream, shard, now)
          .thenApply(last -> last.map(p -> Position.after(p.millis(), p.seq())).orElse(Position.START));
      case "AT_TIMESTAMP" -> {
        if (timestamp.toEpochMilli() > now) {
          throw AwsException.of(KinesisError.InvalidArgumentException,
              "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. "
                  + "timestampInMillis: %d, currentTimestampInMillis: %d", timestamp.toEpochMilli(), now);
        }
        yield CompletableFuture.completedFuture(Position.at(Math.max(0, timestamp.toEpochMilli()), 0));
      }
      default -> {
        SequenceNumber n = sequenceOf(stream, shard, sequence);
        yield CompletableFuture.completedFuture(type.equals("AT_SEQUENCE_NUMBER")
            ? Position.at(n.millis(), n.seq()) : Position.after(n.millis(), n.seq()));
      }
    };
  }

  /** The sequence number, if it is one of this shard's; InvalidArgumentException as AWS words it otherwise. */
  private static SequenceNumber sequenceOf(StreamRecord stream, int shard, String text) {
    SequenceNumber n = SequenceNumber.parse(text);
    if (n == null || !n.ofGeneration(stream.createdMillis())) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "StartingSequenceNumber %s used in "
          + "GetShardIterator on shard %s in stream %s under account %s is invalid.", text, Shard.id(shard),
          stream.id().name(), stream.id().account());
    }
    if (n.shardIndex() != shard) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "Invalid StartingSequenceNumber. It encodes %s, "
          + "while it was used in a call to a shard with %s", Shard.id(n.shardIndex()), Shard.id(shard));
    }
    return n;
  }
}
