package io.sluice.firehose.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A delivery stream as stored: CREATING until {@code readyMillis}, then ACTIVE, DELETING from its
 * deletion until {@code goneMillis}, then gone. {@code createdMillis} is also its generation: a
 * stream created again under the same name has another. {@code versionId} counts destination
 * updates (AWS's {@code VersionId}, from 1); {@code revision} counts every change and is what the
 * store compares before it replaces a record.
 *
 * @param type        DirectPut or KinesisStreamAsSource
 * @param source      the {@code KinesisStreamSourceConfiguration} of a KinesisStreamAsSource stream, else null
 * @param directPut   the {@code DirectPutSourceConfiguration} given at create, or null
 * @param encryption  server-side encryption, null if it was never started
 * @param tags        by key, in the order they were added
 */
public record DeliveryStreamRecord(DeliveryStreamId id, String type, long createdMillis, long readyMillis,
                                   long versionId, long lastUpdateMillis, List<Destination> destinations,
                                   ObjectNode source, ObjectNode directPut, Encryption encryption,
                                   Map<String, String> tags, long revision, Long goneMillis) {

  public DeliveryStreamRecord {
    destinations = List.copyOf(destinations);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** CREATING, ACTIVE or DELETING at {@code now}. */
  public String status(long now) {
    if (goneMillis != null) {
      return "DELETING";
    }
    return now < readyMillis ? "CREATING" : "ACTIVE";
  }

  /** Whether the stream still exists at {@code now} (its deletion, if any, has not completed). */
  public boolean exists(long now) {
    return goneMillis == null || now < goneMillis;
  }

  /** This stream with {@code destinations}, the next version and revision, updated at {@code now}. */
  public DeliveryStreamRecord withDestinations(List<Destination> changed, long now) {
    return new DeliveryStreamRecord(id, type, createdMillis, readyMillis, versionId + 1, now, changed, source,
        directPut, encryption, tags, revision + 1, goneMillis);
  }

  /** This stream with {@code changed} encryption, the next revision. */
  public DeliveryStreamRecord withEncryption(Encryption changed) {
    return new DeliveryStreamRecord(id, type, createdMillis, readyMillis, versionId, lastUpdateMillis, destinations,
        source, directPut, changed, tags, revision + 1, goneMillis);
  }

  /** This stream with {@code changed} tags, the next revision. */
  public DeliveryStreamRecord withTags(Map<String, String> changed) {
    return new DeliveryStreamRecord(id, type, createdMillis, readyMillis, versionId, lastUpdateMillis, destinations,
        source, directPut, encryption, changed, revision + 1, goneMillis);
  }

  /** This stream deleting until {@code gone}. */
  public DeliveryStreamRecord deleting(long gone) {
    return new DeliveryStreamRecord(id, type, createdMillis, readyMillis, versionId, lastUpdateMillis, destinations,
        source, directPut, encryption, tags, revision + 1, gone);
  }
}
