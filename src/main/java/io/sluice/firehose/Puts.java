package io.sluice.firehose;

import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.store.FlushPlan;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What PutRecord and PutRecordBatch share: the stream must be ACTIVE (ResourceNotFoundException
 * while it is CREATING or DELETING) and take direct puts (InvalidArgumentException for a
 * KinesisStreamAsSource stream, as on AWS) and its Direct PUT quota ({@link DirectPutQuota}) admits
 * the call and each record; the records admitted are stored in its buffer (sealed while its
 * encryption is on, {@link StoredRecords}), in order, in one
 * step before the answer, with the destination's flush scheduled in that step; a flush due at once
 * (buffering interval 0, or the buffer reached its size) is started here by this node.
 */
public final class Puts {
  private Puts() {}

  /** The stored records' RecordIds, in order, after the checks above. */
  public static CompletionStage<Stored> append(FirehoseServices firehose, RequestContext ctx, String action,
                                               String name, List<byte[]> records) {
    DeliveryStreamId id = new DeliveryStreamId(ctx.region(), ctx.account(), name);
    long now = firehose.clock().millis();
    return firehose.store().find(id, now).thenCompose(found -> {
      DeliveryStreamRecord s = found.orElseThrow(() -> FirehoseOperation.notFound(id));
      if (!s.status(now).equals("ACTIVE")) {
        throw FirehoseOperation.notFound(id);
      }
      if (!s.type().equals("DirectPut")) {
        throw AwsException.of(FirehoseError.InvalidArgumentException,
            "This operation is not permitted on %s delivery stream type.", s.type());
      }
      boolean encrypted = s.encryption() != null
          && s.encryption().status(now, firehose.config().encryptionDelayMs()).equals("ENABLED");
      return firehose.quota().admit(id, records, now).thenCompose(admitted -> {
        List<byte[]> fitting = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
          if (admitted.get(i)) {
            fitting.add(records.get(i));
          }
        }
        if (fitting.isEmpty()) {
          throw DirectPutQuota.slowDown();
        }
        String keyId = s.encryption() != null && s.encryption().enabled()
            ? StoredRecords.keyId(s.encryption().keyArn()) : null;
        List<byte[]> kept = fitting.stream().map(r -> firehose.records().store(r, keyId)).toList();
        FlushPlan plan = firehose.flusher().planForPut(s);
        return firehose.store().append(s, kept, plan, now).thenApply(appended -> {
          if (appended.recordIds().isEmpty()) {
            // Deleted between the read and the append: nothing was stored.
            throw FirehoseOperation.notFound(id);
          }
          if (appended.flushTaken()) {
            firehose.flusher().start(s, plan);
          }
          List<String> ids = new ArrayList<>(records.size());
          Iterator<String> stored = appended.recordIds().iterator();
          for (Boolean fits : admitted) {
            ids.add(fits ? stored.next() : null);
          }
          long bytes = 0;
          for (byte[] r : fitting) {
            bytes += r.length;
          }
          firehose.metrics().put(s, action, fitting.size(), bytes, records.size() - fitting.size(),
              firehose.clock().millis() - now);
          return new Stored(ids, encrypted);
        });
      });
    });
  }

  /**
   * The RecordIds of the records, in the order given, null for a record the Direct PUT quota refused
   * (nothing of it stored), and whether server-side encryption was on.
   */
  public record Stored(List<String> recordIds, boolean encrypted) {}
}
