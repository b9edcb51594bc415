package io.sluice.firehose.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.KinesisRecordMetadata;
import io.sluice.firehose.model.SourceCheckpoint;
import io.sluice.firehose.store.DeliveryStreamStore;
import io.sluice.firehose.store.FlushPlan;
import io.sluice.logging.FailureLog;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Reads the Kinesis data stream of one KinesisStreamAsSource delivery stream (one generation of it)
 * into its buffer, one {@link #poll} at a time: each poll lists the stream's shards and makes one
 * GetRecords call per shard that may be read, as Firehose does about once a second (developer
 * guide, "Configure source settings for Amazon Kinesis Data Streams"), and more, up to
 * {@link #CALLS_PER_POLL}, while a shard answers full batches of {@link #RECORDS_PER_CALL} (catching
 * up on a backlog). Whatever a call
 * returns is appended together with the shard's new checkpoint in one store step
 * ({@link DeliveryStreamStore#appendFromSource}), which only succeeds from the checkpoint this reader
 * read from: a record is buffered once even if two nodes read the same shard for a moment. The
 * append schedules the destination's flush as a put's does ({@link SourceFlushes}).
 *
 * <p>Positions: a shard with a checkpoint is read after its sequence number; a shard without one
 * from the delivery stream's creation ({@code AT_TIMESTAMP} of {@code DeliveryStartTimestamp}), which
 * is where AWS's "LATEST position" at creation stands, whenever the reading actually starts. A shard
 * is read only once every parent of it that is still listed was read to its end (as the KCL does),
 * so records of one partition key are buffered in their order across a reshard.
 *
 * <p>Failures of one shard's call do not stop the others: ProvisionedThroughputExceededException
 * backs that shard off (doubling from the poll interval up to {@link #MAX_BACKOFF_MILLIS}); an
 * expired iterator or any other failure makes the next poll start again from the stored checkpoint.
 * Not thread-safe: one poll at a time.
 */
public final class KinesisSourceReader {
  /** The longest a throttled shard waits before it is read again. */
  public static final long MAX_BACKOFF_MILLIS = 10_000;
  /** The most records one GetRecords asks for: what one store step appends at most. */
  public static final int RECORDS_PER_CALL = 1_000;
  /**
   * The most GetRecords calls one poll makes to a shard that keeps answering full batches: AWS
   * allows five a second per shard (API reference, GetRecords).
   */
  public static final int CALLS_PER_POLL = 5;
  /**
   * How long after its generation a reader waits for a delivery stream it does not find: the source
   * is registered just before the stream is stored ({@link KinesisSources#register}).
   */
  public static final long ORPHAN_MILLIS = 60_000;
  private static final Logger LOG = Logger.getLogger(KinesisSourceReader.class.getName());
  private static final FailureLog FAILURES = new FailureLog(LOG);

  /** What a poll found. */
  public enum Outcome {
    /** The delivery stream is there: poll again. */
    READ,
    /** That generation of the delivery stream is gone or being deleted: stop reading it. */
    GONE
  }

  /** A shard as ListShards describes it. */
  record ShardInfo(String id, String parent, String adjacentParent) {}

  /** Where the next GetRecords of a shard continues, and the checkpoint that iterator starts from. */
  private record Cursor(String iterator, SourceCheckpoint from) {}

  /** A throttled shard: not read before {@code until}; {@code times} throttles in a row. */
  private record Backoff(long until, int times) {}

  private final DeliveryStreamStore store;
  private final SourceFlushes flushes;
  private final StoredRecords stored;
  private final KinesisCalls kinesis;
  private final SourceMeters meters;
  private final DeliveryStreamId id;
  private final long generation;
  private final long pollMillis;
  private final Map<String, Cursor> cursors = new HashMap<>();
  private final Map<String, Backoff> backoffs = new HashMap<>();

  /**
   * @param generation the delivery stream's creation millis (the generation this reader reads for)
   * @param pollMillis the poll interval, the first backoff of a throttled shard
   */
  public KinesisSourceReader(DeliveryStreamStore store, SourceFlushes flushes, StoredRecords stored,
                             KinesisCalls kinesis, SourceMeters meters, DeliveryStreamId id, long generation,
                             long pollMillis) {
    this.store = store;
    this.flushes = flushes;
    this.stored = stored;
    this.meters = meters;
    this.kinesis = kinesis;
    this.id = id;
    this.generation = generation;
    this.pollMillis = pollMillis;
  }

  public DeliveryStreamId id() {
    return id;
  }

  public long generation() {
    return generation;
  }

  /** One round over the shards at {@code now}; completes when every read of it is stored. */
  public CompletionStage<Outcome> poll(long now) {
    return store.find(id, now).thenCompose(found -> {
      DeliveryStreamRecord stream = found.orElse(null);
      if (stream == null) {
        return CompletableFuture.completedFuture(now - generation < ORPHAN_MILLIS ? Outcome.READ : Outcome.GONE);
      }
      if (stream.createdMillis() != generation || stream.goneMillis() != null || stream.source() == null) {
        return CompletableFuture.completedFuture(Outcome.GONE);
      }
      SourceStream source = SourceStream.of(stream.source().path("KinesisStreamARN").asText(null));
      return store.checkpoints(stream)
          .thenCompose(checkpoints -> shards(source, null, new ArrayList<>())
              .thenCompose(shards -> readAll(stream, source, shards, new HashMap<>(checkpoints), now))
              .exceptionally(failure -> {
                cursors.clear();
                if (!(unwrap(failure) instanceof AwsException)) {
                  FAILURES.failed("Firehose source of " + id + " could not list its Kinesis stream's shards", failure);
                }
                return null;
              }))
          .thenApply(done -> Outcome.READ);
    });
  }

  /** Every shard of the stream, in ListShards' order (parents before their children). */
  private CompletionStage<List<ShardInfo>> shards(SourceStream source, String nextToken, List<ShardInfo> found) {
    ObjectNode params = JsonCodec.json().createObjectNode();
    if (nextToken == null) {
      params.put("StreamARN", source.arn());
    } else {
      params.put("NextToken", nextToken);
    }
    return kinesis.call("ListShards", source.region(), source.account(), params).thenCompose(answer -> {
      for (JsonNode shard : answer.path("Shards")) {
        found.add(new ShardInfo(shard.path("ShardId").asText(), text(shard, "ParentShardId"),
            text(shard, "AdjacentParentShardId")));
      }
      String next = text(answer, "NextToken");
      return next == null ? CompletableFuture.completedFuture(found) : shards(source, next, found);
    });
  }

  private CompletionStage<Void> readAll(DeliveryStreamRecord stream, SourceStream source, List<ShardInfo> shards,
                                        Map<String, SourceCheckpoint> checkpoints, long now) {
    Set<String> listed = new HashSet<>();
    shards.forEach(s -> listed.add(s.id()));
    cursors.keySet().retainAll(listed);
    backoffs.keySet().retainAll(listed);
    CompletionStage<Boolean> chain = CompletableFuture.completedFuture(true);
    for (ShardInfo shard : shards) {
      chain = chain.thenCompose(going -> going ? readShard(stream, source, shard, listed, checkpoints, now, 1)
          : CompletableFuture.completedFuture(false));
    }
    return chain.thenApply(going -> null);
  }

  /**
   * Reads one shard if it may be read now, again while it answers full batches (the {@code call}th
   * call of this poll, up to {@link #CALLS_PER_POLL}); false when the store refused its checkpoint
   * (stop this round).
   */
  private CompletionStage<Boolean> readShard(DeliveryStreamRecord stream, SourceStream source, ShardInfo shard,
                                             Set<String> listed, Map<String, SourceCheckpoint> checkpoints,
                                             long now, int call) {
    SourceCheckpoint from = checkpoints.getOrDefault(shard.id(), SourceCheckpoint.NONE);
    Backoff backoff = backoffs.get(shard.id());
    if (from.ended() || !parentsEnded(shard, listed, checkpoints) || (backoff != null && backoff.until() > now)) {
      return CompletableFuture.completedFuture(true);
    }
    Cursor cursor = cursors.get(shard.id());
    CompletionStage<String> iterator = cursor != null && cursor.from().equals(from)
        ? CompletableFuture.completedFuture(cursor.iterator())
        : iterator(stream, source, shard.id(), from);
    return iterator.thenCompose(it -> {
      ObjectNode params = JsonCodec.json().createObjectNode().put("ShardIterator", it)
          .put("Limit", RECORDS_PER_CALL);
      return call("GetRecords", source, params);
    }).thenCompose(answer -> {
      backoffs.remove(shard.id());
      boolean full = answer.path("Records").size() >= RECORDS_PER_CALL && text(answer, "NextShardIterator") != null;
      return store(stream, shard.id(), from, answer, checkpoints, now).thenCompose(stored ->
          stored && full && call < CALLS_PER_POLL
              ? readShard(stream, source, shard, listed, checkpoints, now, call + 1)
              : CompletableFuture.completedFuture(stored));
    }).exceptionally(failure -> {
      cursors.remove(shard.id());
      Throwable cause = unwrap(failure);
      if (throttled(cause)) {
        int times = backoff == null ? 1 : backoff.times() + 1;
        backoffs.put(shard.id(), new Backoff(now + Math.min(MAX_BACKOFF_MILLIS, pollMillis << Math.min(times, 20)),
            times));
      } else if (!(cause instanceof AwsException)) {
        FAILURES.failed("Firehose source of " + id + " could not read " + shard.id(), failure);
        return false;
      }
      return true;
    });
  }

  private static boolean parentsEnded(ShardInfo shard, Set<String> listed, Map<String, SourceCheckpoint> checkpoints) {
    for (String parent : new String[] {shard.parent(), shard.adjacentParent()}) {
      // A parent no longer listed is past retention: nothing of it is left to read first.
      if (parent != null && listed.contains(parent)
          && !checkpoints.getOrDefault(parent, SourceCheckpoint.NONE).ended()) {
        return false;
      }
    }
    return true;
  }

  private CompletionStage<String> iterator(DeliveryStreamRecord stream, SourceStream source, String shardId,
                                           SourceCheckpoint from) {
    ObjectNode params = JsonCodec.json().createObjectNode().put("StreamARN", source.arn()).put("ShardId", shardId);
    if (from.sequenceNumber() != null) {
      params.put("ShardIteratorType", "AFTER_SEQUENCE_NUMBER").put("StartingSequenceNumber", from.sequenceNumber());
    } else {
      params.put("ShardIteratorType", "AT_TIMESTAMP").put("Timestamp", stream.createdMillis() / 1000.0);
    }
    return call("GetShardIterator", source, params).thenApply(answer -> answer.path("ShardIterator").asText());
  }

  /** A record's ApproximateArrivalTimestamp as epoch millis: the bus answers epoch seconds (JSON) or millis. */
  static long arrivalMillis(JsonNode timestamp, long otherwise) {
    if (!timestamp.isNumber()) {
      return otherwise;
    }
    double value = timestamp.asDouble();
    return value < 100_000_000_000d ? Math.round(value * 1000) : (long) value;
  }

  /** A Kinesis call of the source's stream, its throttling reported. */
  private CompletionStage<JsonNode> call(String action, SourceStream source, ObjectNode params) {
    return kinesis.call(action, source.region(), source.account(), params).whenComplete((answer, failure) -> {
      if (failure != null && throttled(unwrap(failure))) {
        meters.throttled(id, action);
      }
    });
  }

  private static boolean throttled(Throwable cause) {
    return cause instanceof AwsException aws && aws.error().code().equals("ProvisionedThroughputExceededException");
  }

  /** Stores what a GetRecords answered with the shard's new checkpoint; false if the store refused it. */
  private CompletionStage<Boolean> store(DeliveryStreamRecord stream, String shardId, SourceCheckpoint from,
                                         JsonNode answer, Map<String, SourceCheckpoint> checkpoints, long now) {
    List<byte[]> data = new ArrayList<>();
    String last = from.sequenceNumber();
    long read = 0;
    long bytes = 0;
    for (JsonNode record : answer.path("Records")) {
      byte[] kinesisData = bytes(record.path("Data"));
      List<byte[]> users = KplAggregates.userRecords(kinesisData);
      boolean aggregated = users.size() != 1 || users.get(0) != kinesisData;
      String sequenceNumber = record.path("SequenceNumber").asText();
      long arrival = arrivalMillis(record.path("ApproximateArrivalTimestamp"), now);
      for (int i = 0; i < users.size(); i++) {
        // A Kinesis source's stream cannot be encrypted: kept with where it came from.
        data.add(stored.storeFromKinesis(users.get(i), new KinesisRecordMetadata(shardId,
            record.path("PartitionKey").asText(), arrival, sequenceNumber, aggregated ? Integer.toString(i) : "")));
      }
      last = record.path("SequenceNumber").asText();
      read++;
      bytes += kinesisData.length;
    }
    meters.read(id, read, bytes, answer.path("MillisBehindLatest").asLong(0));
    String next = text(answer, "NextShardIterator");
    SourceCheckpoint to = new SourceCheckpoint(last, next == null);
    if (to.equals(from)) {
      cursors.put(shardId, new Cursor(next, from));
      return CompletableFuture.completedFuture(true);
    }
    // The records arrive in the buffer now, within a poll of their Kinesis ApproximateArrivalTimestamp;
    // processing and S3 prefixes see the Kinesis arrival, kept with each record (StoredRecords).
    FlushPlan plan = flushes.plan(stream);
    return store.appendFromSource(stream, shardId, from, to, data, plan, now).thenApply(stored -> {
      if (stored.isEmpty()) {
        // Another reader moved the checkpoint (or the stream went): start again from the store.
        cursors.clear();
        return false;
      }
      if (stored.get().flushTaken()) {
        flushes.taken(stream, plan);
      }
      checkpoints.put(shardId, to);
      if (next == null) {
        cursors.remove(shardId);
      } else {
        cursors.put(shardId, new Cursor(next, to));
      }
      return true;
    });
  }

  /** The text of a member, null if it is absent or null. */
  private static String text(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static byte[] bytes(JsonNode data) {
    try {
      return data.binaryValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
