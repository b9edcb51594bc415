package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.WarmThroughput;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.storage.RecordChange.MapEdit;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * UpdateStreamWarmThroughput: the write throughput an ACTIVE ON_DEMAND stream is kept ready for,
 * reported as both target and current (Sluice does not scale); InvalidArgumentException for a
 * PROVISIONED stream.
 */
public final class UpdateStreamWarmThroughput
    extends KinesisOperation<UpdateStreamWarmThroughput.Request, UpdateStreamWarmThroughput.Response> {

  public record Request(String streamARN, String streamName, Integer warmThroughputMiBps) {}

  public record Response(String streamARN, String streamName, WarmThroughput warmThroughput) {}

  public UpdateStreamWarmThroughput(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.warmThroughputMiBps() == null) {
      throw validation(null, "warmThroughputMiBps", "Member must not be null");
    }
    int mibps = range(req.warmThroughputMiBps(), "warmThroughputMiBps", 0, Integer.MAX_VALUE, 0);
    return stream(ctx, req.streamName(), req.streamARN()).thenCompose(stream -> {
      if (stream.mode() != StreamMode.ON_DEMAND) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "Warm throughput can only be updated for "
            + "streams in ON_DEMAND mode. Stream %s under account %s is in PROVISIONED mode.", stream.id().name(),
            stream.id().account());
      }
      return StreamChanges.settings(kinesis, stream,
          MapEdit.putting(Map.of(StreamRecord.WARM_THROUGHPUT, Integer.toString(mibps))), false);
    }).thenApply(s -> new Response(s.id().arn(), s.id().name(), WarmThroughput.of(s)));
  }
}
