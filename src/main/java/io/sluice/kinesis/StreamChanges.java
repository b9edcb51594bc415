package io.sluice.kinesis;

import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.sluice.protocol.AwsException;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

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
   * Applies {@code change} to an ACTIVE stream in one store step: ResourceInUseException while it is
   * CREATING or DELETING, ResourceNotFoundException if it is gone.
   */
  public static CompletionStage<StreamRecord> change(KinesisServices kinesis, StreamRecord stream,
                                                     UnaryOperator<StreamRecord> change) {
    long now = kinesis.clock().millis();
    StreamStatus status = stream.status(now);
    if (status != StreamStatus.ACTIVE) {
      throw AwsException.of(KinesisError.ResourceInUseException, "Stream %s under account %s not ACTIVE, instead in "
          + "state %s", stream.id().name(), stream.id().account(), status);
    }
    StreamId id = stream.id();
    return kinesis.store().update(id, stream.createdMillis(), change, now)
        .thenApply(changed -> changed.orElseThrow(() -> KinesisOperation.notFound(id)));
  }

  /**
   * Sets an ACTIVE stream's retention to {@code hours}, which must not be shorter than it is when
   * {@code increase}, nor longer when not (InvalidArgumentException, as AWS words it).
   */
  public static CompletionStage<StreamRecord> retention(KinesisServices kinesis, StreamRecord stream, int hours,
                                                        boolean increase) {
    return change(kinesis, stream, s -> {
      if (increase ? hours < s.retentionHours() : hours > s.retentionHours()) {
        throw AwsException.of(KinesisError.InvalidArgumentException, "Requested retention period (%d hours) for "
            + "stream %s can not be %s than existing retention period (%d hours). Use %sRetentionPeriod API.", hours,
            s.id().name(), increase ? "shorter" : "longer", s.retentionHours(), increase ? "Decrease" : "Increase");
      }
      return s.withRetention(hours);
    });
  }
}
