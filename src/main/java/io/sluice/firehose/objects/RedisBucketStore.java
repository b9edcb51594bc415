package io.sluice.firehose.objects;

import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link BucketStore} in Redis, standalone or Cluster. A bucket's keys share the tag
 * {@code {bucket:<name>}}: {@code bucket} (hash: owner, created), {@code keys} (sorted set of the
 * object keys, every score 0, so {@code ZRANGEBYLEX} lists them in byte order), {@code meta} (hash:
 * key → size, last modified, ETag, encoding) and one string {@code body:<key>} per object, read with
 * {@code GETRANGE} for ranged reads; {@code lua/firehose/objects.lua} changes them in one step. The
 * buckets an account owns are indexed in a sorted set under {@code {buckets:<account>}}, written after
 * each put (idempotent), so no step spans two tags.
 */
public final class RedisBucketStore implements BucketStore {
  private static final RedisScript OBJECTS = RedisScript.load("firehose/objects");

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this store's keys live (the engine's keys, namespace {@code firehose}) */
  public RedisBucketStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<Bucket> put(String account, String bucket, StoredObject object, byte[] body) {
    return OBJECTS.run(redis, List.of(bucketKey(bucket), keysKey(bucket), metaKey(bucket), bodyKey(bucket, object.key())),
        List.of("put", account, object.lastModifiedMillis(), object.key(), object.encode(), body)).compose(r -> {
          Bucket stored = new Bucket(bucket, r.get(0).toString(), r.get(1).toLong());
          return redis.send(Request.cmd(Command.ZADD).arg(namesKey(stored.owner())).arg(0).arg(bucket))
              .map(added -> stored);
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<Bucket>> bucket(String name) {
    return find(name).toCompletionStage();
  }

  private Future<Optional<Bucket>> find(String name) {
    return redis.send(Request.cmd(Command.HMGET).arg(bucketKey(name)).arg("owner").arg("created"))
        .map(r -> r.get(0) == null ? Optional.<Bucket>empty()
            : Optional.of(new Bucket(name, r.get(0).toString(), r.get(1).toLong())));
  }

  @Override
  public CompletionStage<List<Bucket>> buckets(String account) {
    return redis.send(Request.cmd(Command.ZRANGEBYLEX).arg(namesKey(account)).arg("-").arg("+")).compose(names -> {
      List<Future<Optional<Bucket>>> reads = new ArrayList<>();
      for (Response name : names) {
        reads.add(find(name.toString()));
      }
      return Future.all(reads).map(done -> reads.stream().map(Future::result).flatMap(Optional::stream)
          .filter(b -> b.owner().equals(account)).toList());
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<List<StoredObject>> list(String bucket, String after, int limit) {
    return OBJECTS.run(redis, List.of(bucketKey(bucket), keysKey(bucket), metaKey(bucket)),
        List.of("list", after == null ? "" : after, limit)).map(r -> {
          List<StoredObject> page = new ArrayList<>(r.size() / 2);
          for (int i = 0; i + 1 < r.size(); i += 2) {
            page.add(StoredObject.decode(r.get(i).toString(), r.get(i + 1).toString()));
          }
          return page;
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<ObjectContent>> read(String bucket, String key, long first, long last) {
    return OBJECTS.run(redis, List.of(bucketKey(bucket), keysKey(bucket), metaKey(bucket), bodyKey(bucket, key)),
        List.of("read", key, first, last)).map(r -> r == null ? Optional.<ObjectContent>empty()
            : Optional.of(new ObjectContent(StoredObject.decode(key, r.get(0).toString()), r.get(1).toBytes())))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<StoredObject>> head(String bucket, String key) {
    return redis.send(Request.cmd(Command.HGET).arg(metaKey(bucket)).arg(key))
        .map(r -> r == null ? Optional.<StoredObject>empty() : Optional.of(StoredObject.decode(key, r.toString())))
        .toCompletionStage();
  }

  private String bucketKey(String bucket) {
    return keys.tagged("bucket:" + bucket, "bucket");
  }

  private String keysKey(String bucket) {
    return keys.tagged("bucket:" + bucket, "keys");
  }

  private String metaKey(String bucket) {
    return keys.tagged("bucket:" + bucket, "meta");
  }

  private String bodyKey(String bucket, String key) {
    return keys.tagged("bucket:" + bucket, "body:" + key);
  }

  private String namesKey(String account) {
    return keys.tagged("buckets:" + account, "names");
  }
}
