package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.store.StreamChange;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.storage.RecordChange.MapEdit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * UpdateStreamMode: switches an ACTIVE stream between PROVISIONED and ON_DEMAND capacity, keeping
 * its shards; UPDATING for the configured create delay. LimitExceededException past the account's
 * on-demand stream quota. {@code WarmThroughputMiBps} applies to ON_DEMAND only.
 */
public final class UpdateStreamMode extends KinesisOperation<UpdateStreamMode.Request, Void> {

  public record Request(String streamARN, StreamModeDetails streamModeDetails, Integer warmThroughputMiBps) {}

  public UpdateStreamMode(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.streamARN() == null) {
      throw validation(null, "streamARN", "Member must not be null");
    }
    if (req.streamModeDetails() == null) {
      throw validation(null, "streamModeDetails", "Member must not be null");
    }
    StreamMode mode = CreateStream.mode(req.streamModeDetails());
    Integer warm = req.warmThroughputMiBps() == null ? null
        : range(req.warmThroughputMiBps(), "warmThroughputMiBps", 0, Integer.MAX_VALUE, 0);
    if (warm != null && mode != StreamMode.ON_DEMAND) {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "WarmThroughputMiBps can only be set for streams in ON_DEMAND mode.");
    }
    return stream(ctx, null, req.streamARN()).thenCompose(stream -> onDemandRoom(stream, mode)
        .thenCompose(room -> {
          Map<String, String> put = new HashMap<>();
          if (warm != null) {
            put.put(StreamRecord.WARM_THROUGHPUT, warm.toString());
          }
          List<String> remove = mode == StreamMode.PROVISIONED ? List.of(StreamRecord.WARM_THROUGHPUT) : List.of();
          MapEdit settings = new MapEdit(put, Map.of(), Set.copyOf(remove), 0);
          return StreamChanges.change(kinesis, stream,
              StreamChange.ofSettings(StreamChanges.whileUpdating(kinesis, settings)).withMode(mode));
        }))
        .thenApply(changed -> null);
  }

  /**
   * LimitExceededException when {@code stream} would become one on-demand stream too many. Counted
   * before the change is stored, so two concurrent switches may both pass.
   */
  private CompletionStage<Void> onDemandRoom(StreamRecord stream, StreamMode mode) {
    if (mode != StreamMode.ON_DEMAND || stream.mode() == StreamMode.ON_DEMAND) {
      return CompletableFuture.completedFuture(null);
    }
    return kinesis.store().list(stream.id().region(), stream.id().account(), now()).thenAccept(streams -> {
      if (streams.stream().filter(s -> s.mode() == StreamMode.ON_DEMAND).count()
          >= CreateStream.ON_DEMAND_STREAM_LIMIT) {
        throw AwsException.of(KinesisError.LimitExceededException, "This request would exceed the on-demand stream "
            + "limit for the account %s in %s. Limit: %d.", stream.id().account(), stream.id().region(),
            CreateStream.ON_DEMAND_STREAM_LIMIT);
      }
    });
  }
}
