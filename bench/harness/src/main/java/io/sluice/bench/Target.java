package io.sluice.bench;

import java.util.Locale;

/**
 * A server the harness measures: Sluice on one of its engines, ElasticMQ for comparison, or the
 * ceiling for reference.
 */
public enum Target {
  /** Sluice with {@code SLUICE_STORE=memory}. */
  SLUICE_MEMORY("memory", "Sluice (memory)"),
  /** Sluice with {@code SLUICE_STORE=redis} on a redis-server the harness starts. */
  SLUICE_REDIS("redis", "Sluice (Redis)"),
  /** ElasticMQ from Maven Central, run as its own JVM. */
  ELASTICMQ("elasticmq", "ElasticMQ " + Versions.ELASTICMQ),
  /** {@link Ceiling}: a bare Vert.x HTTP server with fixed replies, the reference of what the HTTP stack alone does. */
  CEILING("ceiling", "bare Vert.x (ceiling)");

  private final String key;
  private final String label;

  Target(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The name used in {@code --servers}. */
  public String key() {
    return key;
  }

  /** The column heading in the report. */
  public String label() {
    return label;
  }

  /** True for the two Sluice engines. */
  public boolean isSluice() {
    return this == SLUICE_MEMORY || this == SLUICE_REDIS;
  }

  static Target byName(String name) {
    for (Target t : values()) {
      if (t.key.equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown server '" + name + "': use memory, redis, elasticmq or ceiling");
  }
}
