package io.sluice.firehose.op;

import io.sluice.firehose.Destinations;
import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.Puts;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * PutRecordBatch: up to 500 records of up to 1,000 KiB each and 4 MiB in all (InvalidArgumentException
 * past it), stored in the stream's buffer in order, in one step, before the answer ({@link Puts}).
 * Each record has its entry in {@code RequestResponses}, in request order; a record that failed would
 * carry {@code ErrorCode} and {@code ErrorMessage} and count in {@code FailedPutCount}, but as the
 * batch is stored in one step, records are stored all together or the request fails.
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
    return Puts.append(firehose, ctx, req.deliveryStreamName(), data).thenApply(stored -> new Response(0,
        stored.encrypted(), stored.recordIds().stream().map(id -> new Entry(id, null, null)).toList()));
  }
}
