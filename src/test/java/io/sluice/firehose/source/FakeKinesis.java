package io.sluice.firehose.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsErrorCode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * A Kinesis data stream in memory answering the calls a Firehose source makes (DescribeStreamSummary,
 * ListShards, GetShardIterator, GetRecords) in AWS's JSON shapes, with shards that a test splits,
 * throttles or whose iterators it expires. Sequence numbers grow across the whole stream; a record
 * arrives at the clock's time. Every call is counted.
 */
public final class FakeKinesis implements KinesisCalls {
  public static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/source";

  /** An AWS error of the given code. */
  public record Error(String code, int httpStatus) implements AwsErrorCode {
    @Override
    public boolean senderFault() {
      return httpStatus < 500;
    }
  }

  private record Stored(String sequenceNumber, long arrivalMillis, byte[] data) {}

  private static final class Shard {
    final String id;
    final String parent;
    final String adjacent;
    final List<Stored> records = new ArrayList<>();
    boolean closed;

    Shard(String id, String parent, String adjacent) {
      this.id = id;
      this.parent = parent;
      this.adjacent = adjacent;
    }
  }

  private final LongSupplier clock;
  private final Map<String, Shard> shards = new LinkedHashMap<>();
  private final Map<String, Integer> calls = new LinkedHashMap<>();
  private final Set<String> throttled = new HashSet<>();
  private final Set<String> expired = new HashSet<>();
  private long sequence = 1000;
  private boolean exists = true;

  public FakeKinesis(LongSupplier clock, int shardCount) {
    this.clock = clock;
    for (int i = 0; i < shardCount; i++) {
      add(null, null);
    }
  }

  public static String shardId(int index) {
    return String.format("shardId-%012d", index);
  }

  private Shard add(String parent, String adjacent) {
    Shard s = new Shard(shardId(shards.size()), parent, adjacent);
    shards.put(s.id, s);
    return s;
  }

  /** Puts {@code text} to a shard now; its sequence number. */
  public String put(int shard, String text) {
    return put(shard, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Puts {@code data} to a shard now; its sequence number. */
  public synchronized String put(int shard, byte[] data) {
    String number = String.format("%020d", sequence++);
    shards.get(shardId(shard)).records.add(new Stored(number, clock.getAsLong(), data.clone()));
    return number;
  }

  /** Closes a shard and adds two children of it; their indexes. */
  public synchronized int[] split(int shard) {
    Shard parent = shards.get(shardId(shard));
    parent.closed = true;
    int first = shards.size();
    add(parent.id, null);
    add(parent.id, null);
    return new int[] {first, first + 1};
  }

  /** Closes two shards and adds their merged child; its index. */
  public synchronized int merge(int shard, int adjacent) {
    shards.get(shardId(shard)).closed = true;
    shards.get(shardId(adjacent)).closed = true;
    int index = shards.size();
    add(shardId(shard), shardId(adjacent));
    return index;
  }

  /** Makes the shard's GetRecords calls fail with ProvisionedThroughputExceededException, or stops it. */
  public synchronized void throttle(int shard, boolean on) {
    if (on) {
      throttled.add(shardId(shard));
    } else {
      throttled.remove(shardId(shard));
    }
  }

  /** Makes every iterator handed out so far expired. */
  public synchronized void expireIterators() {
    expired.add("before:" + sequence);
  }

  public synchronized void delete() {
    exists = false;
  }

  public synchronized int calls(String action) {
    return calls.getOrDefault(action, 0);
  }

  @Override
  public synchronized CompletionStage<JsonNode> call(String action, String region, String account, ObjectNode params) {
    calls.merge(action, 1, Integer::sum);
    try {
      if (!exists || !region.equals("us-east-1") || !account.equals("000000000000")) {
        throw AwsException.of(new Error("ResourceNotFoundException", 400), "Stream source under account %s not found.",
            account);
      }
      return CompletableFuture.completedFuture(switch (action) {
        case "DescribeStreamSummary" -> JsonCodec.json().createObjectNode();
        case "ListShards" -> listShards();
        case "GetShardIterator" -> iterator(params);
        case "GetRecords" -> getRecords(params);
        default -> throw new IllegalArgumentException(action);
      });
    } catch (AwsException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private JsonNode listShards() {
    ObjectNode out = JsonCodec.json().createObjectNode();
    ArrayNode list = out.putArray("Shards");
    for (Shard s : shards.values()) {
      ObjectNode d = list.addObject().put("ShardId", s.id);
      if (s.parent != null) {
        d.put("ParentShardId", s.parent);
      }
      if (s.adjacent != null) {
        d.put("AdjacentParentShardId", s.adjacent);
      }
    }
    return out;
  }

  private JsonNode iterator(ObjectNode params) {
    if (!params.path("StreamARN").asText().equals(ARN)) {
      throw new IllegalArgumentException("unexpected stream " + params);
    }
    Shard s = shards.get(params.path("ShardId").asText());
    List<Stored> records = s.records;
    int position = switch (params.path("ShardIteratorType").asText()) {
      case "AFTER_SEQUENCE_NUMBER" -> {
        String after = params.path("StartingSequenceNumber").asText();
        int i = 0;
        while (i < records.size() && records.get(i).sequenceNumber().compareTo(after) <= 0) {
          i++;
        }
        yield i;
      }
      case "AT_TIMESTAMP" -> {
        long at = Math.round(params.path("Timestamp").asDouble() * 1000);
        int i = 0;
        while (i < records.size() && records.get(i).arrivalMillis() < at) {
          i++;
        }
        yield i;
      }
      case "TRIM_HORIZON" -> 0;
      default -> throw new IllegalArgumentException(params.toString());
    };
    return JsonCodec.json().createObjectNode().put("ShardIterator", iteratorAt(s.id, position));
  }

  private String iteratorAt(String shard, int position) {
    return shard + "|" + position + "|" + sequence;
  }

  private JsonNode getRecords(ObjectNode params) {
    String[] parts = params.path("ShardIterator").asText().split("\\|");
    Shard s = shards.get(parts[0]);
    long issuedAt = Long.parseLong(parts[2]);
    for (String e : expired) {
      if (issuedAt < Long.parseLong(e.substring("before:".length()))) {
        throw AwsException.of(new Error("ExpiredIteratorException", 400), "Iterator expired.");
      }
    }
    if (throttled.contains(s.id)) {
      throw AwsException.of(new Error("ProvisionedThroughputExceededException", 400), "Rate exceeded for shard %s.",
          s.id);
    }
    int position = Integer.parseInt(parts[1]);
    ObjectNode out = JsonCodec.json().createObjectNode();
    ArrayNode list = out.putArray("Records");
    List<Stored> records = s.records;
    int end = (int) Math.min(records.size(), (long) position + params.path("Limit").asInt(10_000));
    for (int i = position; i < end; i++) {
      Stored r = records.get(i);
      list.addObject().put("SequenceNumber", r.sequenceNumber()).put("Data", r.data())
          .put("ApproximateArrivalTimestamp", r.arrivalMillis() / 1000.0).put("PartitionKey", "k");
    }
    if (s.closed && end == records.size()) {
      out.putNull("NextShardIterator");
      ArrayNode children = out.putArray("ChildShards");
      for (Shard c : shards.values()) {
        if (s.id.equals(c.parent) || s.id.equals(c.adjacent)) {
          children.addObject().put("ShardId", c.id);
        }
      }
    } else {
      out.put("NextShardIterator", iteratorAt(s.id, end));
    }
    out.put("MillisBehindLatest", 0);
    return out;
  }
}
