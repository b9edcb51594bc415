package io.sluice.firehose.objects;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link BucketStore}: every engine extends this class and must pass every
 * test. Subclasses give a store without buckets before each test.
 */
public abstract class BucketStoreContract {
  protected static final String ACCOUNT = "000000000000";
  protected static final String OTHER = "111111111111";
  protected static final long NOW = 1_700_000_000_000L;

  protected BucketStore store;

  protected abstract BucketStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  protected Bucket put(String account, String bucket, String key, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return await(store.put(account, bucket, new StoredObject(key, bytes.length, StoredObjectStore.etag(bytes), NOW,
        null), bytes));
  }

  private List<String> keys(String bucket, String after, int limit) {
    return await(store.list(bucket, after, limit)).stream().map(StoredObject::key).toList();
  }

  @Test
  void aPutCreatesTheBucketOwnedByItsAccountAndKeepsTheObjectAsGiven() {
    byte[] body = {0, (byte) 0xFF, 'a', '\n'};
    StoredObject object = new StoredObject("2026/12/06/15/s-1-x.gz", 4, "\"e\"", NOW + 7, "gzip");

    Bucket bucket = await(store.put(ACCOUNT, "out", object, body));
    Optional<ObjectContent> read = await(store.read("out", object.key(), 0, -1));

    assertEquals(new Bucket("out", ACCOUNT, NOW + 7), bucket);
    assertEquals(Optional.of(bucket), await(store.bucket("out")));
    assertEquals(object, read.orElseThrow().object());
    assertArrayEquals(body, read.orElseThrow().bytes());
    assertEquals(Optional.of(object), await(store.head("out", object.key())));
  }

  @Test
  void aBucketKeepsItsFirstOwnerAndListsOnlyUnderIt() {
    put(ACCOUNT, "shared", "a", "1");
    Bucket again = put(OTHER, "shared", "b", "2");
    put(OTHER, "theirs", "c", "3");
    put(ACCOUNT, "another", "d", "4");

    assertEquals(ACCOUNT, again.owner());
    assertEquals(List.of("another", "shared"), await(store.buckets(ACCOUNT)).stream().map(Bucket::name).toList());
    assertEquals(List.of("theirs"), await(store.buckets(OTHER)).stream().map(Bucket::name).toList());
    assertEquals(List.of("a", "b"), keys("shared", null, 10));
  }

  @Test
  void aPutReplacesAnObjectOfTheSameKey() {
    put(ACCOUNT, "b", "k", "first, longer");
    put(ACCOUNT, "b", "k", "second");

    ObjectContent read = await(store.read("b", "k", 0, -1)).orElseThrow();
    assertEquals("second", new String(read.bytes(), StandardCharsets.UTF_8));
    assertEquals(6, read.object().size());
    assertEquals(List.of("k"), keys("b", null, 10));
  }

  @Test
  void missingBucketsAndKeysAreEmpty() {
    put(ACCOUNT, "b", "k", "x");

    assertEquals(Optional.empty(), await(store.bucket("none")));
    assertEquals(Optional.empty(), await(store.head("b", "other")));
    assertEquals(Optional.empty(), await(store.read("b", "other", 0, -1)));
    assertEquals(Optional.empty(), await(store.read("none", "k", 0, -1)));
    assertEquals(List.of(), keys("none", null, 10));
    assertEquals(List.of(), await(store.buckets(OTHER)));
  }

  @Test
  void rangesAreReadAsGetrangeTakesThem() {
    put(ACCOUNT, "b", "k", "0123456789");

    assertEquals("234", range(2, 4));
    assertEquals("789", range(7, 100));
    assertEquals("789", range(-3, -1));
    assertEquals("0123456789", range(-100, -1));
    assertEquals("56789", range(5, -1));
    assertEquals("", range(10, 20));
    assertEquals("", range(6, 2));
  }

  private String range(long first, long last) {
    return new String(await(store.read("b", "k", first, last)).orElseThrow().bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void keysAreListedInTheOrderOfTheirUtf8BytesFromAfterAKey() {
    // "\uFF61" (EF BD A1 in UTF-8) sorts before U+1F600 (F0 9F 98 80), though its UTF-16 unit is higher
    List<String> given = List.of("b", "a/2", "a/10", "a", "\uD83D\uDE00", "\uFF61", "A", "a b");
    given.forEach(k -> put(ACCOUNT, "b", k, k));

    List<String> all = keys("b", null, 100);
    List<String> paged = new ArrayList<>();
    String after = null;
    for (List<String> page = keys("b", null, 3); !page.isEmpty(); page = keys("b", after, 3)) {
      paged.addAll(page);
      after = page.get(page.size() - 1);
    }

    assertEquals(List.of("A", "a", "a b", "a/10", "a/2", "b", "\uFF61", "\uD83D\uDE00"), all);
    assertEquals(all, paged);
    assertEquals(List.of("a/2", "b"), keys("b", "a/10", 2));
    assertEquals(List.of("a/10"), keys("b", "a/", 1));
  }

  @Test
  void aListingCarriesEachObjectsMetadata() {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    StoredObject object = new StoredObject("k", 5, StoredObjectStore.etag(body), NOW, "gzip");
    await(store.put(ACCOUNT, "b", object, body));

    assertEquals(List.of(object), await(store.list("b", null, 10)));
    assertTrue(object.etag().matches("\"[0-9a-f]{32}\""));
  }
}
