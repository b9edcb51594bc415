package io.sluice.kinesis;

import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamRecord;
import java.util.List;

/** Wire shapes several Kinesis operations share (named as in the API reference's data types). */
public final class Shapes {
  private Shapes() {}

  public record StreamModeDetails(String streamMode) {
    public static StreamModeDetails of(StreamRecord s) {
      return new StreamModeDetails(s.mode().name());
    }
  }

  public record HashKeyRange(String startingHashKey, String endingHashKey) {}

  public record SequenceNumberRange(String startingSequenceNumber, String endingSequenceNumber) {}

  public record ShardDescription(String shardId, String parentShardId, String adjacentParentShardId,
                                 HashKeyRange hashKeyRange, SequenceNumberRange sequenceNumberRange) {
    public static ShardDescription of(Shard s) {
      return new ShardDescription(s.id(), null, null,
          new HashKeyRange(s.startingHashKey().toString(), s.endingHashKey().toString()),
          new SequenceNumberRange(s.startingSequenceNumber().text(), null));
    }
  }

  public record EnhancedMetrics(List<String> shardLevelMetrics) {
    public static final List<EnhancedMetrics> NONE = List.of(new EnhancedMetrics(List.of()));
  }

  public record Tag(String key, String value) {}
}
