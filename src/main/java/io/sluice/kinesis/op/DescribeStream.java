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

/**
 * DescribeStream: the stream and up to {@code Limit} (default 100) of its shards, open and closed, by
 * index after {@code ExclusiveStartShardId}; closed shards whose records are all past retention are
 * not listed.
 */
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
      int after = req.exclusiveStartShardId() == null ? -1 : Shard.indexOf(req.exclusiveStartShardId());
      List<Shard> all = s.listedShards(now()).stream().filter(shard -> shard.index() > after).toList();
      List<ShardDescription> page = all.subList(0, Math.min(all.size(), limit)).stream()
          .map(ShardDescription::of).toList();
      boolean more = page.size() < all.size();
      return new Response(describe(s, page, more));
    });
  }

  private StreamDescription describe(StreamRecord s, List<ShardDescription> shards, boolean more) {
    return new StreamDescription(s.id().name(), s.id().arn(), s.status(now()).name(), StreamModeDetails.of(s),
        shards, more, s.retentionHours(), Instant.ofEpochMilli(s.createdMillis()), EnhancedMetrics.of(s),
        s.encryptionType(), s.settings().get(StreamRecord.KEY_ID));
  }
}
