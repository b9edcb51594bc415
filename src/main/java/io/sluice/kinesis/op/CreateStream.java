package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.kinesis.Tags;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamNames;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * CreateStream: a stream of {@code ShardCount} shards (PROVISIONED) or of the configured on-demand
 * count (ON_DEMAND), its hash key space split evenly; CREATING for the configured delay, then
 * ACTIVE. ResourceInUseException if the name is taken, LimitExceededException past the account's
 * shard quota or its quota of on-demand streams.
 */
public final class CreateStream extends KinesisOperation<CreateStream.Request, Void> {
  /** AWS's default retention (24 hours). */
  public static final int DEFAULT_RETENTION_HOURS = 24;
  /** The most ON_DEMAND streams an account may have in a region (AWS's default quota). */
  public static final int ON_DEMAND_STREAM_LIMIT = 50;

  public record Request(String streamName, Integer shardCount, StreamModeDetails streamModeDetails,
                        Map<String, String> tags) {}

  public CreateStream(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.streamName() == null) {
      throw validation(null, "streamName", "Member must not be null");
    }
    if (!StreamNames.valid(req.streamName())) {
      throw validation(req.streamName(), "streamName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
    StreamMode mode = mode(req.streamModeDetails());
    int shards;
    if (mode == StreamMode.ON_DEMAND) {
      shards = kinesis.config().onDemandShards();
    } else if (req.shardCount() == null) {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "ShardCount is required for streams in PROVISIONED mode.");
    } else {
      shards = range(req.shardCount(), "shardCount", 1, Integer.MAX_VALUE, 1);
    }
    Map<String, String> tags = req.tags() == null ? Map.of() : req.tags();
    if (tags.size() > Tags.LIMIT) {
      throw validation(tags, "tags", "Member must have length less than or equal to " + Tags.LIMIT);
    }
    Tags.check(tags);
    long now = now();
    StreamId id = new StreamId(ctx.region(), ctx.account(), req.streamName());
    StreamRecord stream = new StreamRecord(id, now, now + kinesis.config().createDelayMs(), shards, mode,
        DEFAULT_RETENTION_HOURS, tags, null);
    int limit = kinesis.config().shardLimit();
    // The quota is checked before the stream is stored: two concurrent creations may both pass it.
    return kinesis.store().list(id.region(), id.account(), now).thenCompose(streams -> {
      int current = streams.stream().mapToInt(StreamRecord::openShardCount).sum();
      if (current + shards > limit) {
        throw AwsException.of(KinesisError.LimitExceededException, "This request would exceed the shard limit for "
            + "the account %s in %s. Current shard count for the account: %d. Limit: %d. Number of additional "
            + "shards that would have resulted from this request: %d.", id.account(), id.region(), current, limit,
            shards);
      }
      if (mode == StreamMode.ON_DEMAND
          && streams.stream().filter(s -> s.mode() == StreamMode.ON_DEMAND).count() >= ON_DEMAND_STREAM_LIMIT) {
        throw AwsException.of(KinesisError.LimitExceededException, "This request would exceed the on-demand stream "
            + "limit for the account %s in %s. Limit: %d.", id.account(), id.region(), ON_DEMAND_STREAM_LIMIT);
      }
      return kinesis.store().create(stream, now);
    }).<Void>thenApply(existing -> {
      if (existing.isPresent()) {
        throw AwsException.of(KinesisError.ResourceInUseException, "Stream %s under account %s already exists.",
            id.name(), id.account());
      }
      return null;
    });
  }

  /** The mode {@code details} name, PROVISIONED if none; ValidationException for another value. */
  static StreamMode mode(StreamModeDetails details) {
    if (details == null) {
      return StreamMode.PROVISIONED;
    }
    if (details.streamMode() == null) {
      throw validation(null, "streamModeDetails.streamMode", "Member must not be null");
    }
    try {
      return StreamMode.valueOf(details.streamMode());
    } catch (IllegalArgumentException e) {
      throw validation(details.streamMode(), "streamModeDetails.streamMode",
          "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
    }
  }
}
