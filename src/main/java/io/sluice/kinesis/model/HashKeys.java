package io.sluice.kinesis.model;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 128-bit hash key space of a stream: a partition key's hash key is the MD5 of its UTF-8 bytes
 * read as an unsigned integer; {@code ExplicitHashKey} names one directly (API reference, PutRecord).
 */
public final class HashKeys {
  /** 2^128 - 1, the greatest hash key. */
  public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private HashKeys() {}

  /** The hash key of a partition key. */
  public static BigInteger ofPartitionKey(String partitionKey) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
      return new BigInteger(1, digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing", e);
    }
  }

  /** An explicit hash key in decimal, or null if it is not an integer from 0 to 2^128 - 1. */
  public static BigInteger parse(String decimal) {
    if (decimal == null || !decimal.matches("0|[1-9]\\d{0,38}")) {
      return null;
    }
    BigInteger key = new BigInteger(decimal);
    return key.compareTo(MAX) > 0 ? null : key;
  }

  /** The first hash key of shard {@code index} of {@code count} shards splitting the space evenly. */
  public static BigInteger start(int index, int count) {
    return width(count).multiply(BigInteger.valueOf(index));
  }

  /** The last hash key of shard {@code index} of {@code count}: the last shard ends at {@link #MAX}. */
  public static BigInteger end(int index, int count) {
    return index == count - 1 ? MAX : start(index + 1, count).subtract(BigInteger.ONE);
  }

  private static BigInteger width(int count) {
    return BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
  }
}
