package io.sluice.kinesis;

import io.sluice.kinesis.model.Commitment;
import io.sluice.kinesis.model.SequenceNumber;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import java.time.Instant;
import java.util.List;

/** Wire shapes several Kinesis operations share (named as in the API reference's data types). */
public final class Shapes {
  private Shapes() {}

  public record StreamModeDetails(String streamMode) {
    public static StreamModeDetails of(StreamRecord s) {
      return new StreamModeDetails(s.mode().name());
    }
  }

  public record HashKeyRange(String startingHashKey, String endingHashKey) {
    public static HashKeyRange of(Shard s) {
      return new HashKeyRange(s.startingHashKey().toString(), s.endingHashKey().toString());
    }
  }

  public record SequenceNumberRange(String startingSequenceNumber, String endingSequenceNumber) {}

  public record ShardDescription(String shardId, String parentShardId, String adjacentParentShardId,
                                 HashKeyRange hashKeyRange, SequenceNumberRange sequenceNumberRange) {
    public static ShardDescription of(Shard s) {
      SequenceNumber ending = s.endingSequenceNumber();
      return new ShardDescription(s.id(), s.parent() < 0 ? null : Shard.id(s.parent()),
          s.adjacentParent() < 0 ? null : Shard.id(s.adjacentParent()), HashKeyRange.of(s),
          new SequenceNumberRange(s.startingSequenceNumber().text(), ending == null ? null : ending.text()));
    }
  }

  /** A child of a closed shard, as GetRecords and SubscribeToShard name them at its end. */
  public record ChildShard(String shardId, List<String> parentShards, HashKeyRange hashKeyRange) {
    /** The children of shard {@code index} of {@code stream}. */
    public static List<ChildShard> of(StreamRecord stream, int index) {
      return stream.children(index).stream().map(c -> new ChildShard(c.id(),
          c.adjacentParent() < 0 ? List.of(Shard.id(c.parent())) : List.of(Shard.id(c.parent()),
              Shard.id(c.adjacentParent())), HashKeyRange.of(c))).toList();
    }
  }

  public record EnhancedMetrics(List<String> shardLevelMetrics) {
    /** A stream's EnhancedMonitoring: one entry listing its shard-level metrics. */
    public static List<EnhancedMetrics> of(StreamRecord stream) {
      return List.of(new EnhancedMetrics(stream.shardLevelMetrics()));
    }
  }

  public record WarmThroughput(Integer targetMiBps, Integer currentMiBps) {
    /** A stream's warm throughput, or null if none was asked for. */
    public static WarmThroughput of(StreamRecord stream) {
      String target = stream.settings().get(StreamRecord.WARM_THROUGHPUT);
      return target == null ? null : new WarmThroughput(Integer.parseInt(target), Integer.parseInt(target));
    }
  }

  public record Tag(String key, String value) {}

  /** An account's minimum throughput billing commitment on the wire (MinimumThroughputBillingCommitmentOutput). */
  public record CommitmentOutput(String status, Instant startedAt, Instant endedAt, Instant earliestAllowedEndAt) {
    public static CommitmentOutput of(Commitment c, long now) {
      return new CommitmentOutput(c.status(now), instant(c.startedMillis()), instant(c.endedMillis()),
          instant(c.earliestEndMillis()));
    }

    private static Instant instant(Long millis) {
      return millis == null ? null : Instant.ofEpochMilli(millis);
    }
  }
}
