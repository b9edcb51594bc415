package io.sluice.kinesis;

import io.sluice.kinesis.model.NewRecord;
import io.sluice.kinesis.model.StoredRecord;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.storage.RecordChange.MapEdit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Server-side encryption of a stream (StartStreamEncryption, StopStreamEncryption): the type and key
 * are stored and reported; while it is on, record data is sealed at rest ({@link Puts}).
 */
public final class Encryption {
  private Encryption() {}

  /** {@code record} as stored: its data sealed while the stream's encryption is on. */
  public static NewRecord atRest(KinesisServices kinesis, StreamRecord stream, NewRecord record) {
    if (!stream.settings().containsKey(StreamRecord.ENCRYPTION)) {
      return record;
    }
    return new NewRecord(record.partitionKey(), kinesis.sealer().seal(record.data(), keyId(stream)), true);
  }

  /** The data of a stored record as it was put, opened if it was sealed. */
  public static byte[] data(KinesisServices kinesis, StoredRecord record) {
    return record.sealed() ? kinesis.sealer().open(record.data()) : record.data();
  }

  /** The sealer's key id of a stream's records: its ARN and generation. */
  private static String keyId(StreamRecord stream) {
    return "kinesis:" + stream.id().arn() + "/" + stream.createdMillis();
  }

  /**
   * Checks a request's {@code EncryptionType} (must be KMS) and {@code KeyId}, then turns encryption
   * on ({@code on}) or off in one step; the stream is UPDATING for the configured create delay.
   */
  public static CompletionStage<StreamRecord> change(KinesisServices kinesis, CompletionStage<StreamRecord> stream,
                                                     String encryptionType, String keyId, boolean on) {
    if (encryptionType == null) {
      throw KinesisOperation.validation(null, "encryptionType", "Member must not be null");
    }
    if (!encryptionType.equals("KMS") && !encryptionType.equals("NONE")) {
      throw KinesisOperation.validation(encryptionType, "encryptionType",
          "Member must satisfy enum value set: [KMS, NONE]");
    }
    if (keyId == null) {
      throw KinesisOperation.validation(null, "keyId", "Member must not be null");
    }
    if (keyId.isEmpty() || keyId.length() > 2048) {
      throw KinesisOperation.validation(keyId, "keyId", "Member must have length "
          + (keyId.isEmpty() ? "greater than or equal to 1" : "less than or equal to 2048"));
    }
    if (!encryptionType.equals("KMS")) {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "Invalid EncryptionType NONE. Only KMS encryption is supported.");
    }
    MapEdit edit = on
        ? MapEdit.putting(Map.of(StreamRecord.ENCRYPTION, encryptionType, StreamRecord.KEY_ID, keyId))
        : MapEdit.removing(List.of(StreamRecord.ENCRYPTION, StreamRecord.KEY_ID));
    return stream.thenCompose(s -> StreamChanges.settings(kinesis, s, edit, true));
  }
}
