package io.sluice.kinesis;

import io.sluice.kinesis.model.HashKeys;
import io.sluice.kinesis.model.NewRecord;
import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.SequenceNumber;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What PutRecord and PutRecords share: a record's checks, its shard, and appending records by shard. */
public final class Puts {
  /** The largest record (data and partition key) by default, 1 MiB (Quotas and limits). */
  public static final int MAX_RECORD_BYTES = 1024 * 1024;
  /** The largest data blob the API takes, 10 MiB (a stream's own maximum may be lower). */
  public static final int MAX_DATA_BYTES = 10 * 1024 * 1024;

  private Puts() {}

  /** A record checked and placed in its shard by its hash key. */
  public record Placed(int shard, NewRecord record, BigInteger hashKey) {}

  /** How often a put goes after a shard sealed under it (a reshard) before it gives up. */
  private static final int ATTEMPTS = 5;

  /** Where a record was stored. */
  public record Stored(String shardId, String sequenceNumber) {}

  /** Checks one record and finds its shard; {@code member} names it in validation messages. */
  public static Placed place(StreamRecord stream, byte[] data, String partitionKey, String explicitHashKey,
                             String member) {
    if (partitionKey == null) {
      throw KinesisOperation.validation(null, member + "partitionKey", "Member must not be null");
    }
    if (partitionKey.isEmpty() || partitionKey.length() > 256) {
      throw KinesisOperation.validation(partitionKey, member + "partitionKey",
          "Member must have length " + (partitionKey.isEmpty() ? "greater than or equal to 1" : "less than or equal to 256"));
    }
    if (data == null) {
      throw KinesisOperation.validation(null, member + "data", "Member must not be null");
    }
    int max = stream.maxRecordBytes();
    // A stream of the default 1 MiB answers a larger blob as the model's older 1 MiB constraint did.
    int blobMax = max == MAX_RECORD_BYTES ? MAX_RECORD_BYTES : MAX_DATA_BYTES;
    if (data.length > blobMax) {
      throw KinesisOperation.validation("java.nio.HeapByteBuffer[pos=0 lim=" + data.length + " cap=" + data.length + "]",
          member + "data", "Member must have length less than or equal to " + blobMax);
    }
    if (data.length + partitionKey.length() > max) {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "Record size exceeds the limit of %d bytes: data and partition key are %d bytes.", max,
          data.length + partitionKey.length());
    }
    BigInteger hashKey;
    if (explicitHashKey != null) {
      hashKey = HashKeys.parse(explicitHashKey);
      if (hashKey == null) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "Invalid ExplicitHashKey. ExplicitHashKey must "
            + "be in the range: [0, 2^128-1]. Specified value was %s", explicitHashKey);
      }
    } else {
      hashKey = HashKeys.ofPartitionKey(partitionKey);
    }
    return new Placed(stream.openShardOf(hashKey).index(), new NewRecord(partitionKey, data), hashKey);
  }

  /**
   * Appends the records, each shard's in one step, and reports them as served by {@code action}
   * (begun at {@code startMillis}) to the meters; where each was stored, in the order given. A shard
   * that a reshard sealed stores nothing: its records are placed again on the stream as it now is
   * (in its children) and appended there.
   */
  public static CompletionStage<List<Stored>> append(KinesisServices kinesis, StreamRecord stream,
                                                     List<Placed> records, String action, long startMillis) {
    Stored[] stored = new Stored[records.size()];
    List<Integer> all = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      all.add(i);
    }
    return appendIn(kinesis, stream, records, all, stored, ATTEMPTS).thenApply(done -> {
      kinesis.meters().put(stream, action, records, kinesis.clock().millis() - startMillis);
      return List.of(stored);
    });
  }

  /** Appends the records at {@code pending} by shard; those refused by a sealed shard again on the stream re-read. */
  private static CompletionStage<Void> appendIn(KinesisServices kinesis, StreamRecord stream, List<Placed> records,
                                                List<Integer> pending, Stored[] stored, int attempts) {
    Map<Integer, List<Integer>> byShard = new TreeMap<>();
    for (int i : pending) {
      byShard.computeIfAbsent(records.get(i).shard(), s -> new ArrayList<>()).add(i);
    }
    long now = kinesis.clock().millis();
    List<Integer> refused = new ArrayList<>();
    List<CompletableFuture<Void>> appends = new ArrayList<>();
    byShard.forEach((shard, indexes) -> {
      List<NewRecord> batch = indexes.stream().map(i -> Encryption.atRest(kinesis, stream, records.get(i).record()))
          .toList();
      appends.add(kinesis.store().append(stream, shard, batch, now).thenAccept(positions -> {
        if (positions.isEmpty()) {
          synchronized (refused) {
            refused.addAll(indexes);
          }
          return;
        }
        kinesis.signals().announce(ShardSignals.key(stream.id().arn(), stream.createdMillis(), shard));
        for (int j = 0; j < indexes.size(); j++) {
          Position p = positions.get(j);
          stored[indexes.get(j)] = new Stored(Shard.id(shard),
              new SequenceNumber(shard, p.millis(), p.seq(), stream.createdMillis()).text());
        }
      }).toCompletableFuture());
    });
    return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).thenCompose(done -> {
      if (refused.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      if (attempts <= 1) {
        throw AwsException.of(KinesisError.ResourceInUseException, "Stream %s under account %s is being resharded; "
            + "try again.", stream.id().name(), stream.id().account());
      }
      return kinesis.store().find(stream.id(), now).thenCompose(found -> {
        StreamRecord current = found.filter(s -> s.createdMillis() == stream.createdMillis())
            .orElseThrow(() -> KinesisOperation.notFound(stream.id()));
        return Reshards.settle(kinesis, current);
      }).thenCompose(current -> {
        List<Placed> again = new ArrayList<>(records);
        for (int i : refused) {
          Placed p = records.get(i);
          again.set(i, new Placed(current.openShardOf(p.hashKey()).index(), p.record(), p.hashKey()));
        }
        return appendIn(kinesis, current, again, refused, stored, attempts - 1);
      });
    });
  }
}
