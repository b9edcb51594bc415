package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.PageTokens;
import io.sluice.kinesis.Shapes.ShardDescription;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamId;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * ListShards: a stream's shards, up to {@code MaxResults} (default 1,000) after
 * {@code ExclusiveStartShardId} or where {@code NextToken} (which names the stream itself) says,
 * filtered by {@code ShardFilter}. Every shard is open from the stream's creation (no resharding yet),
 * so every filter but {@code AFTER_SHARD_ID} keeps them all.
 */
public final class ListShards extends KinesisOperation<ListShards.Request, ListShards.Response> {
  private static final String TOKEN_KIND = "shards";
  private static final Set<String> TYPES = Set.of("AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON",
      "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP");

  public record ShardFilter(String type, String shardId, Instant timestamp) {}

  public record Request(String streamName, String streamARN, String nextToken, String exclusiveStartShardId,
                       Integer maxResults, Instant streamCreationTimestamp, ShardFilter shardFilter) {}

  public record Response(List<ShardDescription> shards, String nextToken) {}

  public ListShards(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    int max = range(req.maxResults(), "maxResults", 1, 10_000, 1000);
    String name = req.streamName();
    String arn = req.streamARN();
    int after = -1;
    if (req.nextToken() != null) {
      if (name != null || req.exclusiveStartShardId() != null || req.shardFilter() != null) {
        throw AwsException.of(KinesisError.InvalidArgumentException,
            "NextToken and StreamName, ExclusiveStartShardId or ShardFilter cannot be provided together.");
      }
      String[] token = PageTokens.read(TOKEN_KIND, req.nextToken()).split("\n", 2);
      if (token.length != 2 || StreamId.ofArn(token[0]) == null || Shard.indexOf(token[1]) < 0) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "NextToken is invalid.");
      }
      arn = token[0];
      after = Shard.indexOf(token[1]);
    } else if (req.exclusiveStartShardId() != null) {
      after = Shard.indexOf(req.exclusiveStartShardId());
    }
    after = Math.max(after, filteredAfter(req.shardFilter()));
    int from = after + 1;
    return stream(ctx, name, arn).thenApply(s -> {
      List<Shard> all = s.shards();
      int start = Math.min(from, all.size());
      int end = Math.min(all.size(), start + max);
      List<ShardDescription> page = all.subList(start, end).stream().map(ShardDescription::of).toList();
      String next = end < all.size() ? PageTokens.of(TOKEN_KIND, s.id().arn() + "\n" + all.get(end - 1).id()) : null;
      return new Response(page, next);
    });
  }

  /** The last shard index a filter excludes (-1 for none). */
  private static int filteredAfter(ShardFilter filter) {
    if (filter == null) {
      return -1;
    }
    if (filter.type() == null) {
      throw validation(null, "shardFilter.type", "Member must not be null");
    }
    if (!TYPES.contains(filter.type())) {
      throw validation(filter.type(), "shardFilter.type", "Member must satisfy enum value set: " + TYPES);
    }
    boolean timed = filter.type().equals("AT_TIMESTAMP") || filter.type().equals("FROM_TIMESTAMP");
    if (timed && filter.timestamp() == null) {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "Timestamp must be provided with ShardFilter type %s.", filter.type());
    }
    if (filter.type().equals("AFTER_SHARD_ID")) {
      if (filter.shardId() == null) {
        throw AwsException.of(KinesisError.InvalidArgumentException,
            "ShardId must be provided with ShardFilter type AFTER_SHARD_ID.");
      }
      return Shard.indexOf(filter.shardId());
    }
    return -1;
  }
}
