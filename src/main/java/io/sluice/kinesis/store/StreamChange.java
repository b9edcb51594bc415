package io.sluice.kinesis.store;

import io.sluice.kinesis.model.StreamMode;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.sluice.storage.RecordChange;
import io.sluice.storage.RecordChange.MapEdit;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * A change of a stream's metadata expressed as data, so that every engine applies it with its
 * rules in one atomic step: the in-memory store calls {@link #applyTo} under its lock, the Redis
 * store hands {@link #toJson} to {@code lua/kinesis/stream.lua}, which applies the same rules.
 * Nothing is read and written back across round trips.
 *
 * <p>A change applies only to an ACTIVE stream (not CREATING, UPDATING or DELETING) of the
 * generation it names. Its retention part, if any, sets the retention to {@code retentionHours},
 * refused when that is shorter than the stored one for an increase or longer for a decrease; its
 * tags part is a {@link MapEdit} whose limit (50 tags) the step checks; {@code mode}, if any,
 * replaces the capacity mode; the settings part edits {@link StreamRecord#settings}. When a part is
 * refused nothing is stored.
 *
 * @param retentionHours the new retention, or null to keep it
 * @param increase       whether the retention may only grow (IncreaseStreamRetentionPeriod) or only
 *                       shrink (Decrease…); unused without {@code retentionHours}
 * @param mode           the new capacity mode, or null to keep it
 */
public record StreamChange(Integer retentionHours, boolean increase, MapEdit tags, StreamMode mode,
                           MapEdit settings) {

  /** Whether a change was stored, or why not. */
  public enum Status {
    APPLIED,
    /** No stream of that name and generation (or its deletion completed). */
    NOT_FOUND,
    /** The stream is CREATING or DELETING. */
    NOT_ACTIVE,
    /** The stream would have more tags than the edit allows. */
    TOO_MANY_TAGS,
    /** An increase to less than the stored retention. */
    RETENTION_SHORTER,
    /** A decrease to more than the stored retention. */
    RETENTION_LONGER,
    /** A reshard of a shard already closed ({@link Reshard}). */
    SHARD_CLOSED,
    /** A reshard whose new shards do not continue the stream's numbering: another reshard came first. */
    RESHARDED,
    /** UpdateShardCount past its scalings per day ({@link Reshard}). */
    TOO_MANY_SCALINGS
  }

  /** What a store answers: the status, and the stream as stored afterwards (null when NOT_FOUND). */
  public record Outcome(Status status, StreamRecord stream) {
    public boolean applied() {
      return status == Status.APPLIED;
    }
  }

  public StreamChange {
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(settings, "settings");
  }

  public static StreamChange retention(int hours, boolean increase) {
    return new StreamChange(hours, increase, MapEdit.NONE, null, MapEdit.NONE);
  }

  public static StreamChange ofTags(MapEdit tags) {
    return new StreamChange(null, false, tags, null, MapEdit.NONE);
  }

  public static StreamChange ofSettings(MapEdit settings) {
    return new StreamChange(null, false, MapEdit.NONE, null, settings);
  }

  /** This change, also setting the capacity mode. */
  public StreamChange withMode(StreamMode newMode) {
    return new StreamChange(retentionHours, increase, tags, newMode, settings);
  }

  /** Applies the change to {@code stream} as stored at {@code now}: the memory engine's side of the rules. */
  public Outcome applyTo(StreamRecord stream, long now) {
    if (stream.status(now) != StreamStatus.ACTIVE) {
      return new Outcome(Status.NOT_ACTIVE, stream);
    }
    StreamRecord changed = stream;
    if (retentionHours != null) {
      if (increase ? retentionHours < stream.retentionHours() : retentionHours > stream.retentionHours()) {
        return new Outcome(increase ? Status.RETENTION_SHORTER : Status.RETENTION_LONGER, stream);
      }
      changed = changed.withRetention(retentionHours);
    }
    if (!tags.isEmpty()) {
      RecordChange.Applied applied = RecordChange.ofTags(tags).applyTo(Map.of(), stream.tags());
      if (applied.status() != RecordChange.Status.APPLIED) {
        return new Outcome(Status.TOO_MANY_TAGS, stream);
      }
      changed = changed.withTags(applied.tags());
    }
    if (mode != null) {
      changed = changed.withMode(mode);
    }
    if (!settings.isEmpty()) {
      changed = changed.withSettings(RecordChange.ofAttributes(settings).applyTo(stream.settings(), Map.of())
          .attributes());
    }
    return new Outcome(Status.APPLIED, changed);
  }

  /** The change as the JSON argument that {@code lua/kinesis/stream.lua} reads. */
  public String toJson() {
    JsonObject json = new JsonObject().put("increase", increase)
        .put("tags", new JsonObject(RecordChange.ofTags(tags).toJson()).getJsonObject("tags"))
        .put("settings", new JsonObject(RecordChange.ofTags(settings).toJson()).getJsonObject("tags"));
    if (mode != null) {
      json.put("mode", mode.name());
    }
    // Absent, not null: Lua reads a JSON null as a value.
    if (retentionHours != null) {
      json.put("retention", retentionHours);
    }
    return json.encode();
  }
}
