package io.sluice.bench;

import java.util.Locale;

/**
 * A server the harness measures: Sluice on one of its engines, ElasticMQ (SQS), kinesalite and
 * kinesis-mock (Kinesis) or moto_server (Firehose, SWF) for comparison, or the ceiling for reference.
 */
public enum Target {
  /** Sluice with {@code SLUICE_STORE=memory}. */
  SLUICE_MEMORY("memory", "Sluice (memory)"),
  /** Sluice with {@code SLUICE_STORE=redis} on a redis-server the harness starts. */
  SLUICE_REDIS("redis", "Sluice (Redis)"),
  /** ElasticMQ from Maven Central, run as its own JVM. */
  ELASTICMQ("elasticmq", "ElasticMQ " + Versions.ELASTICMQ),
  /** kinesalite from npm, run with node (Kinesis scenarios). */
  KINESALITE("kinesalite", "kinesalite " + Versions.KINESALITE),
  /** kinesis-mock from npm (package {@code kinesis-local}), its Node.js build (Kinesis scenarios). */
  KINESIS_MOCK("kinesis-mock", "kinesis-mock " + Versions.KINESIS_LOCAL),
  /**
   * moto_server, the Python emulator installed on the machine (Firehose scenarios, where it delivers
   * into its own S3; SWF scenarios where it can run them).
   */
  MOTO("moto", "moto_server"),
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
    return this == MOTO ? label + " " + Servers.motoVersion() : label;
  }

  /** True for the two Sluice engines. */
  public boolean isSluice() {
    return this == SLUICE_MEMORY || this == SLUICE_REDIS;
  }

  /** True for the servers of the SQS scenarios (a–f). */
  public boolean speaksSqs() {
    return this != KINESALITE && this != KINESIS_MOCK && this != MOTO;
  }

  /** True for the servers of the Kinesis scenarios (k–p). */
  public boolean speaksKinesis() {
    return isSluice() || this == KINESALITE || this == KINESIS_MOCK;
  }

  /** True for the servers of the Firehose scenarios (q, r). */
  public boolean speaksFirehose() {
    return isSluice() || this == MOTO;
  }

  /** True for the servers of the SWF scenarios (s–v). */
  public boolean speaksSwf() {
    return isSluice() || this == MOTO;
  }

  static Target byName(String name) {
    for (Target t : values()) {
      if (t.key.equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown server '" + name + "': use memory, redis, elasticmq, ceiling,"
        + " kinesalite, kinesis-mock or moto");
  }
}
