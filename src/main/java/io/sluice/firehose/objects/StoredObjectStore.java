package io.sluice.firehose.objects;

import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.storage.StoreUnavailableException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The {@link ObjectStore} Firehose writes to when no S3 endpoint is configured: objects kept in a
 * {@link BucketStore}, with the metadata S3 would give them (size, {@code Last-Modified} from the
 * clock, ETag = the quoted MD5 hex of the body, {@code Content-Encoding}) and served read-only by
 * {@link S3ReadApi}. A store that cannot be reached fails the put with a retryable
 * {@link DeliveryFailure} {@code S3.ServiceUnavailable}.
 */
public final class StoredObjectStore implements ObjectStore {
  private static final HexFormat HEX = HexFormat.of();
  private final BucketStore buckets;
  private final InstantSource clock;
  private final String defaultAccount;

  /**
   * @param defaultAccount the owner of a bucket created by a put that names no account (the node's
   *                       account, {@code SLUICE_ACCOUNT})
   */
  public StoredObjectStore(BucketStore buckets, InstantSource clock, String defaultAccount) {
    this.buckets = buckets;
    this.clock = clock;
    this.defaultAccount = defaultAccount;
  }

  @Override
  public CompletionStage<Void> put(String bucket, String key, byte[] body, String contentEncoding) {
    return put(defaultAccount, bucket, key, body, contentEncoding);
  }

  @Override
  public CompletionStage<Void> put(String account, String bucket, String key, byte[] body, String contentEncoding) {
    StoredObject object = new StoredObject(key, body.length, etag(body), clock.millis(), contentEncoding);
    return buckets.put(account, bucket, object, body).<Void>thenApply(b -> null).exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      StoreUnavailableException outage = StoreUnavailableException.in(cause);
      throw new DeliveryFailure(true, "S3.ServiceUnavailable", outage != null ? outage.getMessage()
          : "The object could not be stored: " + cause.getMessage());
    });
  }

  /** S3's ETag of an object uploaded in one part: its MD5 in hex, quoted. */
  static String etag(byte[] body) {
    try {
      return '"' + HEX.formatHex(MessageDigest.getInstance("MD5").digest(body)) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
