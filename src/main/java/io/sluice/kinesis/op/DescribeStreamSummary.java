package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.EnhancedMetrics;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.kinesis.Shapes.WarmThroughput;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** DescribeStreamSummary: the stream without its shards, with its open shard and consumer counts. */
public final class DescribeStreamSummary
    extends KinesisOperation<DescribeStreamSummary.Request, DescribeStreamSummary.Response> {

  public record Request(String streamName, String streamARN) {}

  public record StreamDescriptionSummary(String streamName, String streamARN, String streamStatus,
                                         StreamModeDetails streamModeDetails, Integer retentionPeriodHours,
                                         Instant streamCreationTimestamp, List<EnhancedMetrics> enhancedMonitoring,
                                         String encryptionType, String keyId, Integer openShardCount,
                                         Integer consumerCount, WarmThroughput warmThroughput,
                                         Integer maxRecordSizeInKiB) {}

  public record Response(StreamDescriptionSummary streamDescriptionSummary) {}

  public DescribeStreamSummary(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    long now = now();
    return stream(ctx, req.streamName(), req.streamARN()).thenCompose(s ->
        kinesis.consumers().list(s.id(), s.createdMillis(), now).thenApply(consumers ->
            new Response(new StreamDescriptionSummary(s.id().name(), s.id().arn(), s.status(now).name(),
                StreamModeDetails.of(s), s.retentionHours(), Instant.ofEpochMilli(s.createdMillis()),
                EnhancedMetrics.of(s), s.encryptionType(), s.settings().get(StreamRecord.KEY_ID), s.openShardCount(),
                consumers.size(), WarmThroughput.of(s), s.maxRecordBytes() / 1024))));
  }
}
