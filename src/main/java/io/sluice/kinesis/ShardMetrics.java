package io.sluice.kinesis;

import io.sluice.kinesis.model.StreamRecord;
import io.sluice.storage.RecordChange.MapEdit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/** The shard-level metrics of enhanced monitoring (API reference, EnableEnhancedMonitoring). */
public final class ShardMetrics {
  /** Every metric "ALL" stands for. */
  public static final List<String> ALL = List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes",
      "OutgoingRecords", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded",
      "IteratorAgeMilliseconds");

  private ShardMetrics() {}

  /** The metrics named, "ALL" spelled out; ValidationException unless 1 to 7 of the enum. */
  public static Set<String> check(List<String> names) {
    if (names == null) {
      throw KinesisOperation.validation(null, "shardLevelMetrics", "Member must not be null");
    }
    if (names.isEmpty() || names.size() > ALL.size()) {
      throw KinesisOperation.validation(names, "shardLevelMetrics", "Member must have length "
          + (names.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + ALL.size()));
    }
    Set<String> metrics = new TreeSet<>();
    for (String name : names) {
      if ("ALL".equals(name)) {
        metrics.addAll(ALL);
      } else if (ALL.contains(name)) {
        metrics.add(name);
      } else {
        throw KinesisOperation.validation(names, "shardLevelMetrics",
            "Member must satisfy constraint: [Member must satisfy enum value set: " + ALL + " or [ALL]]");
      }
    }
    return metrics;
  }

  /**
   * Turns the metrics {@code names} on ({@code enable}) or off for the stream, in one step; then
   * {@code answer} of the stream before and after.
   */
  public static <R> CompletionStage<R> change(KinesisServices kinesis, CompletionStage<StreamRecord> stream,
                                              Set<String> metrics, boolean enable,
                                              BiFunction<StreamRecord, StreamRecord, R> answer) {
    MapEdit edit = enable ? MapEdit.putting(settings(metrics)) : MapEdit.removing(settings(metrics).keySet());
    return stream.thenCompose(before -> StreamChanges.settings(kinesis, before, edit, false)
        .thenApply(after -> answer.apply(before, after)));
  }

  /** The settings that record {@code metrics} as enabled. */
  private static Map<String, String> settings(Set<String> metrics) {
    Map<String, String> settings = new LinkedHashMap<>();
    metrics.forEach(m -> settings.put(StreamRecord.METRIC + m, ""));
    return settings;
  }
}
