package io.sluice.firehose.op;

import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.Puts;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** PutRecord: one record of up to 1,000 KiB stored in the stream's buffer before the answer ({@link Puts}). */
public final class PutRecord extends FirehoseOperation<PutRecord.Request, PutRecord.Response> {

  public record Record(byte[] data) {}

  public record Request(String deliveryStreamName, Record record) {}

  public record Response(String recordId, boolean encrypted) {}

  public PutRecord(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    return Puts.append(firehose, ctx, "PutRecord", req.deliveryStreamName(), List.of(req.record().data()))
        .thenApply(stored -> new Response(stored.recordIds().getFirst(), stored.encrypted()));
  }
}
