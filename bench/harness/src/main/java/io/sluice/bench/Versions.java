package io.sluice.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions the report names, taken from bench/pom.xml at build time (bench.properties). */
final class Versions {
  private static final Properties PROPERTIES = load();
  static final String ELASTICMQ = PROPERTIES.getProperty("elasticmq.version", "unknown");
  /** kinesalite's npm version. */
  static final String KINESALITE = PROPERTIES.getProperty("kinesalite.version", "unknown");
  /** kinesis-mock's npm version (package {@code kinesis-local}). */
  static final String KINESIS_LOCAL = PROPERTIES.getProperty("kinesis-local.version", "unknown");

  /** S3Proxy's version (Maven Central), the S3 endpoint of the Firehose scenarios. */
  static final String S3PROXY = PROPERTIES.getProperty("s3proxy.version", "unknown");

  private Versions() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/bench.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
