package io.sluice.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers for request ids, message ids and receipt nonces. Uses a thread-local generator:
 * these ids need uniqueness, not secrecy, and {@link UUID#randomUUID()} serialises on one
 * SecureRandom under load.
 */
public final class RandomIds {
  private RandomIds() {}

  /** A random (version 4) UUID string. */
  public static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
