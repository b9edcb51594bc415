package io.sluice.firehose.op;

import io.sluice.firehose.Destinations;
import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseError;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.Puts;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * PutRecordBatch: up to 500 records of up to 1,000 KiB each and 4 MiB in all (InvalidArgumentException
 * past it), stored in the stream's buffer in order, in one step, before the answer ({@link Puts}).
 * Each record has its entry in {@code RequestResponses}, in request order; a record that failed would
 * carry {@code ErrorCode} and {@code ErrorMessage} and count in {@code FailedPutCount}: the records past
 * the Direct PUT quota ({@code ServiceUnavailableException}, "Slow down."). The others are stored
 * together in one step.
 */
public final class PutRecordBatch extends FirehoseOperation<PutRecordBatch.Request, PutRecordBatch.Response> {
  /** The most bytes of data one batch may hold (API reference, PutRecordBatch: 4 MiB). */
  public static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

  public record Request(String deliveryStreamName, List<PutRecord.Record> records) {}

  public record Entry(String recordId, String errorCode, String errorMessage) {}

  public record Response(int failedPutCount, boolean encrypted, List<Entry> requestResponses) {}

  public PutRecordBatch(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    long total = req.records().stream().mapToLong(r -> r.data().length).sum();
    if (total > MAX_BATCH_BYTES) {
      throw Destinations.invalid("Records size exceeds 4 MB limit: the batch holds %d bytes.", total);
    }
    List<byte[]> data = req.records().stream().map(PutRecord.Record::data).toList();
    return Puts.append(firehose, ctx, "PutRecordBatch", req.deliveryStreamName(), data).thenApply(stored -> {
      List<Entry> entries = stored.recordIds().stream().map(id -> id != null ? new Entry(id, null, null)
          : new Entry(null, FirehoseError.ServiceUnavailableException.code(), "Slow down.")).toList();
      int failed = (int) entries.stream().filter(e -> e.recordId() == null).count();
      return new Response(failed, stored.encrypted(), entries);
    });
  }
}
