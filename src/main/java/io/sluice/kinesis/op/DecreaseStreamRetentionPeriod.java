package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * DecreaseStreamRetentionPeriod: sets an ACTIVE stream's retention (24 to 8,760 hours) to no more
 * than it is. Records that arrived before the retention window are gone from then on.
 */
public final class DecreaseStreamRetentionPeriod extends KinesisOperation<DecreaseStreamRetentionPeriod.Request, Void> {

  public record Request(String streamName, String streamARN, Integer retentionPeriodHours) {}

  public DecreaseStreamRetentionPeriod(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    int hours = StreamChanges.checkRetention(req.retentionPeriodHours());
    return stream(ctx, req.streamName(), req.streamARN())
        .thenCompose(stream -> StreamChanges.retention(kinesis, stream, hours, false))
        .thenApply(changed -> null);
  }
}
