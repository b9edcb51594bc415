package io.sluice.sns.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signatures of recently signed texts. A message fanned out to many subscriptions is signed once:
 * the string to sign does not name the subscription (see "Verifying the signatures of Amazon SNS
 * messages"), and an RSA-2048 signature costs about a millisecond of CPU. Keyed by a SHA-256
 * digest of the text, so large messages are not kept.
 */
final class RecentSignatures {
  private static final int CAPACITY = 4096;
  private final SigningKeys keys;
  private final Map<String, byte[]> recent = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
      return size() > CAPACITY;
    }
  };

  RecentSignatures(SigningKeys keys) {
    this.keys = keys;
  }

  byte[] sign(byte[] text, SignatureVersion version) {
    String key = version.wireValue() + ":" + digest(text);
    synchronized (recent) {
      byte[] known = recent.get(key);
      if (known != null) {
        return known;
      }
    }
    byte[] signature = keys.sign(text, version);
    synchronized (recent) {
      recent.put(key, signature);
    }
    return signature;
  }

  private static String digest(byte[] text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
