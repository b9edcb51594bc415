package io.sluice.kinesis;

import io.sluice.kinesis.model.Position;
import io.sluice.kinesis.model.StreamId;
import io.sluice.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shard iterators: opaque text naming a stream (and its generation), a shard and a position, and
 * when it was issued, with an HMAC keyed from the node-shared SSE key, so any node reads what any
 * node issued and nobody can forge one. They expire five minutes after issue (API reference,
 * GetShardIterator: "A shard iterator expires 5 minutes after it is returned to the requester").
 */
public final class ShardIterators {
  /** How long an iterator may be used after it was issued. */
  public static final long LIFETIME_MS = 300_000;
  private static final int MAC_BYTES = 16;
  private final SecretKeySpec key;

  /** What an iterator points at. */
  public record Pointer(StreamId stream, long generation, int shard, Position position, long issuedMillis) {}

  public ShardIterators(byte[] sseKey) {
    this.key = new SecretKeySpec(mac(new SecretKeySpec(sseKey, "HmacSHA256"),
        "sluice kinesis shard iterators".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
  }

  public String issue(Pointer p) {
    String payload = String.join("|", p.stream().region(), p.stream().account(), p.stream().name(),
        Long.toString(p.generation()), Integer.toString(p.shard()), Long.toString(p.position().millis()),
        Long.toString(p.position().seq()), p.position().inclusive() ? "1" : "0", Long.toString(p.issuedMillis()));
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(body, body.length + MAC_BYTES);
    System.arraycopy(mac(key, body), 0, all, body.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  /**
   * The pointer of {@code iterator}; InvalidArgumentException if it is not one of ours,
   * ExpiredIteratorException if it is older than {@link #LIFETIME_MS} at {@code now}.
   */
  public Pointer read(String iterator, long now) {
    Pointer p = decode(iterator);
    if (p == null) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "Invalid ShardIterator.");
    }
    if (now - p.issuedMillis() > LIFETIME_MS) {
      throw AwsException.of(KinesisError.ExpiredIteratorException, "Iterator expired. The iterator was created at "
          + "time %d while right now it is %d which is further in the future than the tolerated delay of %d "
          + "milliseconds.", p.issuedMillis(), now, LIFETIME_MS);
    }
    return p;
  }

  private Pointer decode(String iterator) {
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(iterator);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (all.length <= MAC_BYTES) {
      return null;
    }
    byte[] body = Arrays.copyOf(all, all.length - MAC_BYTES);
    byte[] expected = Arrays.copyOf(mac(key, body), MAC_BYTES);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(all, body.length, all.length))) {
      return null;
    }
    String[] f = new String(body, StandardCharsets.UTF_8).split("\\|", -1);
    if (f.length != 9) {
      return null;
    }
    try {
      return new Pointer(new StreamId(f[0], f[1], f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]),
          new Position(Long.parseLong(f[5]), Long.parseLong(f[6]), f[7].equals("1")), Long.parseLong(f[8]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static byte[] mac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing", e);
    }
  }
}
