package io.sluice.firehose.objects;

/**
 * What is known of a stored object besides its bytes, as S3's {@code HeadObject} and
 * {@code ListObjectsV2} show it.
 *
 * @param etag            the quoted MD5 hex of the body, as S3 gives it for a single-part upload
 * @param contentEncoding its {@code Content-Encoding}, or null
 */
public record StoredObject(String key, long size, String etag, long lastModifiedMillis, String contentEncoding) {

  /** The form a store keeps: size, last modified, ETag and encoding, newline-separated. */
  String encode() {
    return size + "\n" + lastModifiedMillis + "\n" + etag + "\n" + (contentEncoding == null ? "" : contentEncoding);
  }

  /** The object {@code key} from its {@link #encode()}d form. */
  static StoredObject decode(String key, String encoded) {
    String[] parts = encoded.split("\n", 4);
    return new StoredObject(key, Long.parseLong(parts[0]), parts[2], Long.parseLong(parts[1]),
        parts[3].isEmpty() ? null : parts[3]);
  }
}
