package io.sluice.firehose.delivery;

import java.util.concurrent.CompletionStage;

/**
 * Where Firehose writes objects: an S3 endpoint ({@code sluice.firehose.s3-endpoint}) or, when none
 * is configured, Sluice's own store, served read-only at an S3-compatible path. A failed stage's
 * cause is a {@link DeliveryFailure} with S3's error code ({@code S3.<Code>}).
 */
public interface ObjectStore {

  /**
   * Stores {@code body} as {@code key} in {@code bucket} (the bucket's name, not its ARN), with a
   * {@code Content-Encoding} header if not null.
   */
  CompletionStage<Void> put(String bucket, String key, byte[] body, String contentEncoding);

  /**
   * As {@link #put(String, String, byte[], String)}, for a delivery stream of {@code account}. Sluice's
   * own store records that account as the owner of a bucket the put creates (only its keys may read it
   * when credentials are configured); an S3 endpoint ignores it (its own credentials decide).
   */
  default CompletionStage<Void> put(String account, String bucket, String key, byte[] body, String contentEncoding) {
    return put(bucket, key, body, contentEncoding);
  }
}
