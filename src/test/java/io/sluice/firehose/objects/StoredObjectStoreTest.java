package io.sluice.firehose.objects;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.storage.StoreUnavailableException;
import io.sluice.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The ObjectStore Firehose writes to without an S3 endpoint: metadata as S3 gives it, owners, outages. */
class StoredObjectStoreTest {
  private final ManualClock clock = new ManualClock(1_765_033_200_000L);
  private final InMemoryBucketStore buckets = new InMemoryBucketStore();
  private final StoredObjectStore objects = new StoredObjectStore(buckets, clock, "000000000000");

  @Test
  void aPutKeepsTheBodyWithItsMd5EtagTheClocksTimeAndItsEncoding() {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    clock.advanceSeconds(3);

    await(objects.put("out", "k.gz", body, "gzip"));

    ObjectContent read = await(buckets.read("out", "k.gz", 0, -1)).orElseThrow();
    assertEquals(new StoredObject("k.gz", 5, "\"5d41402abc4b2a76b9719d911017c592\"", 1_765_033_203_000L, "gzip"),
        read.object());
    assertArrayEquals(body, read.bytes());
  }

  @Test
  void theBucketIsOwnedByTheStreamsAccountOrTheNodesWhenNoneIsNamed() {
    await(objects.put("111111111111", "theirs", "k", new byte[0], null));
    await(objects.put("ours", "k", new byte[0], null));

    assertEquals("111111111111", await(buckets.bucket("theirs")).orElseThrow().owner());
    assertEquals("000000000000", await(buckets.bucket("ours")).orElseThrow().owner());
  }

  @Test
  void aStoreOutageIsARetryableS3ServiceUnavailable() {
    StoredObjectStore down = new StoredObjectStore(new Unreachable(), clock, "000000000000");

    DeliveryFailure failure = assertThrows(DeliveryFailure.class, () -> await(down.put("b", "k", new byte[1], null)));

    assertEquals("S3.ServiceUnavailable", failure.errorCode());
    assertTrue(failure.retryable());
  }

  /** A store whose every call fails as an unreachable Redis does. */
  private static final class Unreachable implements BucketStore {
    private static <T> CompletionStage<T> down() {
      return CompletableFuture.failedFuture(new StoreUnavailableException("redis at 127.0.0.1:1 is unreachable", null));
    }

    @Override
    public CompletionStage<Bucket> put(String account, String bucket, StoredObject object, byte[] body) {
      return down();
    }

    @Override
    public CompletionStage<Optional<Bucket>> bucket(String name) {
      return down();
    }

    @Override
    public CompletionStage<List<Bucket>> buckets(String account) {
      return down();
    }

    @Override
    public CompletionStage<List<StoredObject>> list(String bucket, String after, int limit) {
      return down();
    }

    @Override
    public CompletionStage<Optional<ObjectContent>> read(String bucket, String key, long first, long last) {
      return down();
    }

    @Override
    public CompletionStage<Optional<StoredObject>> head(String bucket, String key) {
      return down();
    }
  }
}
