package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.RequestContext;
import io.sluice.storage.RecordChange.MapEdit;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * UpdateMaxRecordSize: the largest record (data and partition key) PutRecord and PutRecords accept
 * on an ACTIVE stream, 1,024 to 10,240 KiB.
 */
public final class UpdateMaxRecordSize extends KinesisOperation<UpdateMaxRecordSize.Request, Void> {
  /** The largest record size a stream may be given, 10 MiB in KiB. */
  public static final int MAX_KIB = 10_240;

  public record Request(String streamARN, Integer maxRecordSizeInKiB) {}

  public UpdateMaxRecordSize(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.streamARN() == null) {
      throw validation(null, "streamARN", "Member must not be null");
    }
    if (req.maxRecordSizeInKiB() == null) {
      throw validation(null, "maxRecordSizeInKiB", "Member must not be null");
    }
    int kib = range(req.maxRecordSizeInKiB(), "maxRecordSizeInKiB", StreamRecord.DEFAULT_MAX_RECORD_SIZE_KIB, MAX_KIB,
        0);
    return stream(ctx, null, req.streamARN())
        .thenCompose(stream -> StreamChanges.settings(kinesis, stream,
            MapEdit.putting(Map.of(StreamRecord.MAX_RECORD_SIZE_KIB, Integer.toString(kib))), false))
        .thenApply(changed -> null);
  }
}
