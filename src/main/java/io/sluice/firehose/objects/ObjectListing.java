package io.sluice.firehose.objects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One page of {@code ListObjectsV2} (and {@code ListObjects}) over a {@link BucketStore}: the keys
 * under {@code prefix} after a position, those holding {@code delimiter} after the prefix rolled up
 * into common prefixes, at most {@code maxKeys} entries (keys and common prefixes together, as S3
 * counts them), in key order ("ListObjectsV2" in the Amazon S3 API Reference). The store is read in
 * batches; the keys under a common prefix already given are skipped without reading them.
 */
final class ObjectListing {
  private static final int BATCH = 1000;
  /** The last code point: a key with this after a common prefix sorts after every other key under it. */
  private static final String LAST = new String(Character.toChars(Character.MAX_CODE_POINT));
  private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

  /** Where a listing resumes: after a key, or after every key under a common prefix. */
  record Position(String after, boolean prefix) {
    /** The opaque continuation token of this position. */
    String token() {
      return TOKEN.encodeToString(((prefix ? "P" : "K") + after).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token names; null when it is not one of ours. */
    static Position ofToken(String token) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (text.length() < 2 || (text.charAt(0) != 'P' && text.charAt(0) != 'K')) {
          return null;
        }
        return new Position(text.substring(1), text.charAt(0) == 'P');
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  /** A page: objects and common prefixes, each in key order; {@code next} set when truncated. */
  record Page(List<StoredObject> objects, List<String> commonPrefixes, Position next) {
    int count() {
      return objects.size() + commonPrefixes.size();
    }
  }

  private final BucketStore store;
  private final String bucket;
  private final String prefix;
  private final String delimiter;
  private final int maxKeys;
  private final List<StoredObject> objects = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();
  private Position last;
  private String rolledUp;

  private ObjectListing(BucketStore store, String bucket, String prefix, String delimiter, int maxKeys) {
    this.store = store;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
    this.delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    this.maxKeys = maxKeys;
  }

  /**
   * The page of {@code bucket} after {@code from} (null: from the first key).
   *
   * @param delimiter null or empty for none
   */
  static CompletionStage<Page> page(BucketStore store, String bucket, String prefix, String delimiter,
                                    Position from, int maxKeys) {
    ObjectListing listing = new ObjectListing(store, bucket, prefix, delimiter, maxKeys);
    String after = from == null ? null : from.after();
    if (from != null && from.prefix()) {
      listing.rolledUp = from.after();
      after = from.after() + LAST;
    }
    // Keys under the prefix start at the prefix itself: a key just before it is where to read after.
    if (!listing.prefix.isEmpty() && (after == null || KeyOrder.compare(after, listing.prefix) < 0)) {
      after = before(listing.prefix);
    }
    return listing.read(after);
  }

  /** A string that sorts just before {@code s} with nothing between them but {@code s}'s own prefixes. */
  private static String before(String s) {
    int lastCp = s.codePointBefore(s.length());
    String head = s.substring(0, s.length() - Character.charCount(lastCp));
    return lastCp == 0 ? head : head + new String(Character.toChars(lastCp - 1)) + LAST;
  }

  private CompletionStage<Page> read(String after) {
    if (maxKeys == 0) {
      return CompletableFuture.completedFuture(new Page(objects, prefixes, null));
    }
    return store.list(bucket, after, BATCH).thenCompose(batch -> {
      String next = null;
      for (StoredObject object : batch) {
        String key = object.key();
        if (!key.startsWith(prefix)) {
          if (KeyOrder.compare(key, prefix) > 0) {
            return done(null);
          }
          continue;
        }
        if (rolledUp != null && key.startsWith(rolledUp)) {
          continue;
        }
        int at = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
        if (objects.size() + prefixes.size() == maxKeys) {
          return done(last);
        }
        if (at >= 0) {
          rolledUp = key.substring(0, at + delimiter.length());
          prefixes.add(rolledUp);
          last = new Position(rolledUp, true);
          next = rolledUp + LAST;
        } else {
          objects.add(object);
          last = new Position(key, false);
          next = key;
        }
      }
      if (batch.size() < BATCH) {
        return done(null);
      }
      String lastRead = batch.get(batch.size() - 1).key();
      return read(next != null && KeyOrder.compare(next, lastRead) > 0 ? next : lastRead);
    });
  }

  private CompletionStage<Page> done(Position next) {
    return CompletableFuture.completedFuture(new Page(objects, prefixes, next));
  }
}
