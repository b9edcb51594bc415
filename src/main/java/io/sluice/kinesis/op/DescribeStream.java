package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.EnhancedMetrics;
import io.sluice.kinesis.Shapes.ShardDescription;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** DescribeStream: the stream and up to {@code Limit} (default 100) of its shards after {@code ExclusiveStartShardId}. */
public final class DescribeStream extends KinesisOperation<DescribeStream.Request, DescribeStream.Response> {

  public record Request(String streamName, String streamARN, Integer limit, String exclusiveStartShardId) {}

  public record StreamDescription(String streamName, String streamARN, String streamStatus,
                                  StreamModeDetails streamModeDetails, List<ShardDescription> shards,
                                  Boolean hasMoreShards, Integer retentionPeriodHours,
                                  Instant streamCreationTimestamp, List<EnhancedMetrics> enhancedMonitoring,
                                  String encryptionType, String keyId) {}

  public record Response(StreamDescription streamDescription) {}

  public DescribeStream(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    int limit = range(req.limit(), "limit", 1, 10_000, 100);
    return stream(ctx, req.streamName(), req.streamARN()).thenApply(s -> {
      int from = req.exclusiveStartShardId() == null ? 0 : Math.max(0, Shard.indexOf(req.exclusiveStartShardId()) + 1);
      List<Shard> all = s.shards();
      List<ShardDescription> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit))
          .stream().map(ShardDescription::of).toList();
      boolean more = from + page.size() < all.size();
      return new Response(describe(s, page, more));
    });
  }

  private StreamDescription describe(StreamRecord s, List<ShardDescription> shards, boolean more) {
    return new StreamDescription(s.id().name(), s.id().arn(), s.status(now()).name(), StreamModeDetails.of(s),
        shards, more, s.retentionHours(), Instant.ofEpochMilli(s.createdMillis()), EnhancedMetrics.of(s),
        s.encryptionType(), s.settings().get(StreamRecord.KEY_ID));
  }
}
