package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.PageTokens;
import io.sluice.kinesis.Shapes.ShardDescription;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * ListShards: a stream's shards by index, up to {@code MaxResults} (default 1,000) after
 * {@code ExclusiveStartShardId} or where {@code NextToken} (which names the stream, the last shard
 * listed and the filter) says, filtered by {@code ShardFilter} with AWS's semantics (API reference,
 * ShardFilter): AFTER_SHARD_ID, the shards open at the trim horizon (AT_TRIM_HORIZON) or at a time
 * (AT_TIMESTAMP), those within retention (FROM_TRIM_HORIZON, the default), the open ones (AT_LATEST),
 * or the open ones and those closed at or after a time (FROM_TIMESTAMP). Closed shards whose records
 * are all past retention are not listed. {@code StreamCreationTimestamp} names which stream of the
 * name is meant: another one is ResourceNotFoundException.
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
    ShardFilter filter = req.shardFilter();
    if (req.nextToken() != null) {
      if (name != null || req.exclusiveStartShardId() != null || filter != null
          || req.streamCreationTimestamp() != null) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "NextToken and StreamName, "
            + "StreamCreationTimestamp, ExclusiveStartShardId or ShardFilter cannot be provided together.");
      }
      String[] token = PageTokens.read(TOKEN_KIND, req.nextToken()).split("\n", -1);
      if (token.length != 5 || StreamId.ofArn(token[0]) == null || Shard.indexOf(token[1]) < 0
          || !(token[2].isEmpty() || TYPES.contains(token[2])) || !token[4].matches("-?\\d*")) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "NextToken is invalid.");
      }
      arn = token[0];
      after = Shard.indexOf(token[1]);
      filter = token[2].isEmpty() ? null : new ShardFilter(token[2], token[3].isEmpty() ? null : token[3],
          token[4].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(token[4])));
    } else if (req.exclusiveStartShardId() != null) {
      after = Shard.indexOf(req.exclusiveStartShardId());
    }
    check(filter);
    ShardFilter kept = filter;
    int from = Math.max(after, kept != null && kept.type().equals("AFTER_SHARD_ID")
        ? Shard.indexOf(kept.shardId()) : -1) + 1;
    long now = now();
    return stream(ctx, name, arn).thenApply(s -> {
      Instant created = req.streamCreationTimestamp();
      if (created != null && created.toEpochMilli() != s.createdMillis()
          && created.getEpochSecond() != s.createdMillis() / 1000) {
        throw notFound(s.id());
      }
      List<Shard> all = s.listedShards(now).stream().filter(shard -> shard.index() >= from)
          .filter(shard -> kept(s, shard, kept, now)).toList();
      List<Shard> page = all.subList(0, Math.min(all.size(), max));
      String next = page.size() < all.size() ? PageTokens.of(TOKEN_KIND, String.join("\n", s.id().arn(),
          page.getLast().id(), kept == null ? "" : kept.type(), kept == null || kept.shardId() == null ? ""
              : kept.shardId(), kept == null || kept.timestamp() == null ? ""
              : Long.toString(kept.timestamp().toEpochMilli()))) : null;
      return new Response(page.stream().map(ShardDescription::of).toList(), next);
    });
  }

  /** Whether {@code filter} keeps {@code shard} (AFTER_SHARD_ID is applied as a start). */
  private static boolean kept(StreamRecord stream, Shard shard, ShardFilter filter, long now) {
    if (filter == null) {
      return true;
    }
    long horizon = Math.max(stream.retainedSince(now), stream.createdMillis());
    return switch (filter.type()) {
      case "AT_TRIM_HORIZON" -> shard.openBetween(horizon, horizon);
      case "AT_LATEST" -> shard.open();
      case "AT_TIMESTAMP" -> {
        // A time before the stream's creation lists its first shards, as at its creation.
        long at = Math.max(filter.timestamp().toEpochMilli(), stream.createdMillis());
        yield shard.openBetween(at, at);
      }
      // Corrected to the trim horizon when earlier (API reference, ShardFilter).
      case "FROM_TIMESTAMP" -> shard.openBetween(Math.max(filter.timestamp().toEpochMilli(), horizon), Long.MAX_VALUE);
      default -> true;
    };
  }

  /** Checks a filter: its type, and the shard id or timestamp it needs. */
  private static void check(ShardFilter filter) {
    if (filter == null) {
      return;
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
    if (filter.type().equals("AFTER_SHARD_ID") && filter.shardId() == null) {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "ShardId must be provided with ShardFilter type AFTER_SHARD_ID.");
    }
  }
}
