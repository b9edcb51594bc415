package io.sluice.storage.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds every Redis key Sluice writes: {@code <prefix>:<namespace>:{<tag>}:<suffix>}. The prefix
 * lets several deployments share one Redis (and lets a wipe find exactly Sluice's keys); the hash
 * tag puts all keys of one resource (a queue, a topic, a scheduler partition) in one Redis Cluster
 * slot, so one script can touch them all.
 */
public final class RedisKeys {
  private final String base;

  private RedisKeys(String base) {
    this.base = base;
  }

  /** The root of a deployment's keys: {@code <prefix>:}. */
  public static RedisKeys root(String prefix) {
    return new RedisKeys(prefix + ":");
  }

  /** The keys of one namespace (a service, or a shared store): {@code <base><name>:}. */
  public RedisKeys namespace(String name) {
    return new RedisKeys(base + name + ":");
  }

  /** {@code <base>{<tag>}:<suffix>}. */
  public String tagged(String tag, String suffix) {
    return base + "{" + tag + "}:" + suffix;
  }

  /** The keys of one resource, in the order of {@code suffixes}, all under the hash tag {@code tag}. */
  public List<String> tagged(String tag, List<String> suffixes) {
    String stem = base + "{" + tag + "}:";
    List<String> keys = new ArrayList<>(suffixes.size());
    for (String suffix : suffixes) {
      keys.add(stem + suffix);
    }
    return keys;
  }

  /** What every key built here starts with. */
  public String base() {
    return base;
  }
}
