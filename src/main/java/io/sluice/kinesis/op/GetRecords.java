package io.sluice.kinesis.op;

import io.sluice.access.AccessControl;
import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.Encryption;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Reshards;
import io.sluice.kinesis.Shapes.ChildShard;
import io.sluice.kinesis.ShardIterators.Pointer;
import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.SequenceNumber;
import io.sluice.kinesis.model.StoredRecord;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetRecords: up to {@code Limit} (default and most 10,000) records from where the iterator points,
 * at most 10 MiB of data (but always one record if there is one), the iterator for the next call
 * (one from the same place when none were returned) and {@code MillisBehindLatest}: 0 when the
 * answer reaches the shard's newest record, else how long ago the last returned record arrived. At
 * the end of a closed shard the next iterator is null and {@code ChildShards} names its children.
 */
public final class GetRecords extends KinesisOperation<GetRecords.Request, GetRecords.Response> {
  /** The most data one call returns, 10 MiB (API reference, GetRecords). */
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  public record Request(String shardIterator, Integer limit, String streamARN) {}

  public record Record(String sequenceNumber, Instant approximateArrivalTimestamp, byte[] data,
                       String partitionKey, String encryptionType) {}

  public record Response(List<Record> records, String nextShardIterator, Long millisBehindLatest,
                         List<ChildShard> childShards) {}

  public GetRecords(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.shardIterator() == null) {
      throw validation(null, "shardIterator", "Member must not be null");
    }
    int limit = range(req.limit(), "limit", 1, 10_000, 10_000);
    long now = now();
    Pointer pointer = kinesis.iterators().read(req.shardIterator(), now);
    StreamId id = pointer.stream();
    if (req.streamARN() != null && !req.streamARN().equals(id.arn())) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "The ShardIterator does not belong to stream %s.",
          req.streamARN());
    }
    return kinesis.store().find(id, now).thenCompose(found -> {
      if (!AccessControl.permits(ctx.principal(), "kinesis:GetRecords", id.arn(), id.account(),
          found.map(s -> s.settings().get(StreamRecord.POLICY)).orElse(null))) {
        throw accessDenied(ctx, id, "GetRecords");
      }
      StreamRecord live = found.filter(s -> s.createdMillis() == pointer.generation() && s.goneMillis() == null)
          .orElseThrow(() -> notFound(id));
      return Reshards.settle(kinesis, live);
    }).thenCompose(stream -> kinesis.store().read(stream, pointer.shard(), pointer.position(), limit, now)
          .thenCompose(read -> {
            List<StoredRecord> records = capped(read, MAX_BYTES);
            return answer(stream, pointer, records, read.size() < limit && records.size() == read.size(), now);
          }));
  }

  private CompletionStage<Response> answer(StreamRecord stream, Pointer pointer, List<StoredRecord> records,
                                           boolean reachedEnd, long now) {
    List<Record> out = new ArrayList<>(records.size());
    long bytes = 0;
    for (StoredRecord r : records) {
      out.add(new Record(new SequenceNumber(pointer.shard(), r.millis(), r.seq(), stream.createdMillis()).text(),
          Instant.ofEpochMilli(r.millis()), Encryption.data(kinesis, r), r.partitionKey(), r.sealed() ? "KMS" : null));
      bytes += out.getLast().data().length;
    }
    long age = records.isEmpty() ? 0 : Math.max(0, now - records.getLast().millis());
    kinesis.meters().read(stream, pointer.shard(), out.size(), bytes, age, now() - now);
    Position next = records.isEmpty() ? pointer.position()
        : Position.after(records.getLast().millis(), records.getLast().seq());
    // At the end of a closed shard: no next iterator, and its children (API reference, GetRecords).
    boolean end = reachedEnd && stream.shards().get(pointer.shard()).endingMillis() != null;
    String iterator = end ? null : kinesis.iterators().issue(new Pointer(stream.id(), stream.createdMillis(),
        pointer.shard(), next, now));
    List<ChildShard> children = end ? ChildShard.of(stream, pointer.shard()) : null;
    CompletionStage<Long> behind = reachedEnd || records.isEmpty() ? CompletableFuture.completedFuture(0L)
        : kinesis.store().last(stream, pointer.shard(), now).thenApply(last -> last
            .filter(p -> next.admits(p.millis(), p.seq()))
            .map(p -> Math.max(0, now - records.getLast().millis()))
            .orElse(0L));
    return behind.thenApply(millis -> new Response(out, iterator, millis, children));
  }

  /** The records up to {@code maxBytes} of data, but at least the first. */
  public static List<StoredRecord> capped(List<StoredRecord> records, long maxBytes) {
    long bytes = 0;
    for (int i = 0; i < records.size(); i++) {
      bytes += records.get(i).data().length;
      if (bytes > maxBytes && i > 0) {
        return records.subList(0, i);
      }
    }
    return records;
  }
}
