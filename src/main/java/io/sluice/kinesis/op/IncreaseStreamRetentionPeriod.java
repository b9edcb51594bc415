package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * IncreaseStreamRetentionPeriod: sets an ACTIVE stream's retention (24 to 8,760 hours) to no less
 * than it is. Records that arrived before the retention window are gone from then on.
 */
public final class IncreaseStreamRetentionPeriod extends KinesisOperation<IncreaseStreamRetentionPeriod.Request, Void> {

  public record Request(String streamName, String streamARN, Integer retentionPeriodHours) {}

  public IncreaseStreamRetentionPeriod(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    int hours = StreamChanges.checkRetention(req.retentionPeriodHours());
    return stream(ctx, req.streamName(), req.streamARN())
        .thenCompose(stream -> StreamChanges.change(kinesis, stream, s -> {
          if (hours < s.retentionHours()) {
            throw AwsException.of(KinesisError.InvalidArgumentException, "Requested retention period (%d hours) for "
                + "stream %s can not be shorter than existing retention period (%d hours). Use DecreaseRetentionPeriod "
                + "API.", hours, s.id().name(), s.retentionHours());
          }
          return s.withRetention(hours);
        }))
        .thenApply(changed -> null);
  }
}
