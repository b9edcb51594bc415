package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Puts;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * PutRecords: up to 500 records, 5 MiB in all, each stored as by PutRecord, in order within each
 * shard; the answer lists each record's outcome in request order. A record that breaks a rule fails
 * the whole request, as on AWS; a record past its shard's write limit fails alone ({@code ErrorCode}
 * ProvisionedThroughputExceededException), counted in {@code FailedRecordCount}.
 */
public final class PutRecords extends KinesisOperation<PutRecords.Request, PutRecords.Response> {
  /** The most records one call may put. */
  public static final int MAX_RECORDS = 500;
  /** The most bytes (data and partition keys) one call may put, 5 MiB. */
  public static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;

  public record Entry(byte[] data, String explicitHashKey, String partitionKey) {}

  public record Request(List<Entry> records, String streamName, String streamARN) {}

  public record ResultEntry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {}

  public record Response(Integer failedRecordCount, List<ResultEntry> records, String encryptionType) {}

  public PutRecords(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.records() == null) {
      throw validation(null, "records", "Member must not be null");
    }
    int count = req.records().size();
    if (count < 1 || count > MAX_RECORDS) {
      throw validation("[...]", "records", "Member must have length "
          + (count < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_RECORDS));
    }
    long bytes = 0;
    for (Entry e : req.records()) {
      bytes += (e.data() == null ? 0 : e.data().length) + (e.partitionKey() == null ? 0 : e.partitionKey().length());
    }
    long total = bytes;
    long start = now();
    return activeStream(ctx, req.streamName(), req.streamARN()).thenCompose(stream -> {
      // A request may carry one record of the stream's largest size when that is above 5 MiB.
      if (total > Math.max(MAX_REQUEST_BYTES, stream.maxRecordBytes())) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "Records size exceeds %d MB limit",
            Math.max(MAX_REQUEST_BYTES, stream.maxRecordBytes()) >> 20);
      }
      List<Puts.Placed> placed = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        Entry e = req.records().get(i);
        placed.add(Puts.place(stream, e.data(), e.partitionKey(), e.explicitHashKey(), "records." + (i + 1) + "."));
      }
      return Puts.append(kinesis, stream, placed, action(), start);
    }).thenApply(stored -> new Response((int) stored.stream().filter(s -> s.throttled() != null).count(),
        stored.stream().map(s -> s.throttled() == null ? new ResultEntry(s.sequenceNumber(), s.shardId(), null, null)
            : new ResultEntry(null, null, KinesisError.ProvisionedThroughputExceededException.code(), s.throttled()))
            .toList(), "NONE"));
  }
}
