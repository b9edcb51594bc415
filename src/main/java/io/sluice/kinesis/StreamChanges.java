package io.sluice.kinesis;

import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.sluice.kinesis.store.StreamChange;
import io.sluice.protocol.AwsException;
import io.sluice.storage.RecordChange.MapEdit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Changes of a stream's record (retention, tags) and their rules. */
public final class StreamChanges {
  /** The shortest retention, 24 hours. */
  public static final int MIN_HOURS = 24;
  /** The longest retention, 8,760 hours (365 days). */
  public static final int MAX_HOURS = 8760;

  private StreamChanges() {}

  /** InvalidArgumentException unless {@code hours} lies in 24..8760, in AWS's words. */
  public static int checkRetention(Integer hours) {
    if (hours == null) {
      throw KinesisOperation.validation(null, "retentionPeriodHours", "Member must not be null");
    }
    if (hours < MIN_HOURS) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "Minimum allowed retention period is %d hours. "
          + "Requested retention period (%d hours) is too short.", MIN_HOURS, hours);
    }
    if (hours > MAX_HOURS) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "Maximum allowed retention period is %d hours. "
          + "Requested retention period (%d hours) is too long.", MAX_HOURS, hours);
    }
    return hours;
  }

  /**
   * Applies {@code change} to an ACTIVE stream in one store step, which checks its rules:
   * ResourceInUseException while the stream is CREATING or DELETING, ResourceNotFoundException if it
   * is gone, LimitExceededException past 50 tags, InvalidArgumentException for a retention on the
   * wrong side of the stored one (as AWS words them).
   */
  public static CompletionStage<StreamRecord> change(KinesisServices kinesis, StreamRecord stream, StreamChange change) {
    long now = kinesis.clock().millis();
    StreamStatus status = stream.status(now);
    if (status != StreamStatus.ACTIVE) {
      throw notActive(stream, status);
    }
    StreamId id = stream.id();
    return kinesis.store().change(id, stream.createdMillis(), change, now).thenApply(outcome -> {
      StreamRecord s = outcome.stream();
      return switch (outcome.status()) {
        case APPLIED -> s;
        case NOT_FOUND -> throw KinesisOperation.notFound(id);
        case NOT_ACTIVE -> throw notActive(s, s.status(now));
        case TOO_MANY_TAGS -> throw AwsException.of(KinesisError.LimitExceededException, "Failed to add tags to "
            + "stream %s under account %s because a given stream cannot have more than %d tags associated with it.",
            id.name(), id.account(), Tags.LIMIT);
        case RETENTION_SHORTER, RETENTION_LONGER -> {
          boolean increase = outcome.status() == StreamChange.Status.RETENTION_SHORTER;
          throw AwsException.of(KinesisError.InvalidArgumentException, "Requested retention period (%d hours) for "
              + "stream %s can not be %s than existing retention period (%d hours). Use %sRetentionPeriod API.",
              change.retentionHours(), id.name(), increase ? "shorter" : "longer", s.retentionHours(),
              increase ? "Decrease" : "Increase");
        }
        default -> throw new IllegalStateException("a change answered " + outcome.status());
      };
    });
  }

  /** Adds or overwrites tags of an ACTIVE stream, refused past {@link Tags#LIMIT} tags in the same step. */
  public static CompletionStage<StreamRecord> tag(KinesisServices kinesis, StreamRecord stream,
                                                  Map<String, String> tags) {
    return change(kinesis, stream, StreamChange.ofTags(MapEdit.putting(tags).limitedTo(Tags.LIMIT)));
  }

  /** Removes tags of an ACTIVE stream (keys it does not have are ignored). */
  public static CompletionStage<StreamRecord> untag(KinesisServices kinesis, StreamRecord stream,
                                                    Collection<String> keys) {
    return change(kinesis, stream, StreamChange.ofTags(MapEdit.removing(keys)));
  }

  /**
   * Sets an ACTIVE stream's retention to {@code hours}, which must not be shorter than it is when
   * {@code increase}, nor longer when not (InvalidArgumentException, as AWS words it).
   */
  public static CompletionStage<StreamRecord> retention(KinesisServices kinesis, StreamRecord stream, int hours,
                                                        boolean increase) {
    return change(kinesis, stream, StreamChange.retention(hours, increase));
  }

  /**
   * Edits the settings of an ACTIVE stream in one store step; when {@code updating}, the stream is
   * UPDATING for the configured create delay from then on.
   */
  public static CompletionStage<StreamRecord> settings(KinesisServices kinesis, StreamRecord stream, MapEdit edit,
                                                       boolean updating) {
    return change(kinesis, stream, StreamChange.ofSettings(updating ? whileUpdating(kinesis, edit) : edit));
  }

  /** {@code edit}, also marking the stream UPDATING for the configured create delay. */
  public static MapEdit whileUpdating(KinesisServices kinesis, MapEdit edit) {
    Map<String, String> put = new HashMap<>(edit.put());
    put.put(StreamRecord.UPDATING_UNTIL, Long.toString(kinesis.clock().millis() + kinesis.config().createDelayMs()));
    return new MapEdit(put, edit.putIfAbsent(), edit.remove(), edit.maxEntries());
  }

  static AwsException notActive(StreamRecord stream, StreamStatus status) {
    return AwsException.of(KinesisError.ResourceInUseException, "Stream %s under account %s not ACTIVE, instead in "
        + "state %s", stream.id().name(), stream.id().account(), status);
  }
}
