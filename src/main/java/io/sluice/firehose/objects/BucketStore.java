package io.sluice.firehose.objects;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sluice's own object store, where Firehose keeps what it delivers when no S3 endpoint is configured
 * ({@code InMemory…}, {@code Redis…}, kit {@code BucketStoreContract}). Buckets are global by name, as
 * on S3; each records the account that owns it. Keys are listed in the order of their UTF-8 bytes, as
 * S3 lists them.
 */
public interface BucketStore {

  /**
   * Stores {@code body} as {@code object.key()} in {@code bucket}, replacing an object of that key.
   * A bucket that does not exist is created, owned by {@code account}; an existing one keeps its
   * owner. Answers the bucket.
   */
  CompletionStage<Bucket> put(String account, String bucket, StoredObject object, byte[] body);

  /** The bucket named {@code name}, if it exists. */
  CompletionStage<Optional<Bucket>> bucket(String name);

  /** The buckets {@code account} owns, by name. */
  CompletionStage<List<Bucket>> buckets(String account);

  /**
   * Up to {@code limit} objects of {@code bucket} (without their bytes) whose keys come after
   * {@code after} ({@code null}: from the first), in key order. Empty for a bucket that does not exist.
   */
  CompletionStage<List<StoredObject>> list(String bucket, String after, int limit);

  /**
   * The object's metadata and its bytes {@code first} to {@code last} inclusive, as Redis's
   * {@code GETRANGE} counts them: a negative offset counts from the end ({@code -1} is the last byte),
   * offsets are clamped to the object, and a range outside it reads nothing. Empty when there is no
   * such object.
   */
  CompletionStage<Optional<ObjectContent>> read(String bucket, String key, long first, long last);

  /** The object's metadata, if it exists. */
  CompletionStage<Optional<StoredObject>> head(String bucket, String key);
}
