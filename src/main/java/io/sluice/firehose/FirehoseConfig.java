package io.sluice.firehose;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;
import io.sluice.firehose.destination.S3Settings;
import java.util.Map;

/**
 * Firehose's settings (section {@code sluice.firehose}, defaults in {@code conf/firehose.conf}).
 *
 * @param createDelayMs     how long a new delivery stream stays CREATING before it is ACTIVE
 * @param deleteDelayMs     how long a deleted delivery stream stays DELETING before it is gone
 * @param encryptionDelayMs how long a stream stays ENABLING or DISABLING its server-side encryption
 * @param streamLimit       the most delivery streams an account may have in a region
 * @param directPutQuota    whether PutRecord and PutRecordBatch are held to AWS's Direct PUT quota
 * @param httpTimeoutMs     how long one request to an HTTP endpoint or Splunk destination may take
 *                          before it fails (AWS: 3 minutes)
 * @param httpTrustedCertificates a PEM file of the certificates HTTPS destinations (HTTP endpoint, Splunk,
 *                          OpenSearch) are trusted by, in place of the JVM's trust store; empty: the JVM's
 * @param flush             how buffers are flushed to their destinations
 * @param openSearchEndpoints an OpenSearch or Elasticsearch domain's ARN ({@code DomainARN}) → the URL
 *                          Sluice sends its {@code _bulk} requests to (a domain ARN names no host)
 * @param redshiftHosts     a Redshift cluster's host (or host:port) in {@code ClusterJDBCURL} → the
 *                          host:port Sluice connects to instead (a PostgreSQL-compatible database)
 * @param s3                the S3 endpoint objects are written to ({@code s3-endpoint}, empty: none) and its credentials
 * @param source            how Kinesis sources are read
 */
public record FirehoseConfig(int createDelayMs, int deleteDelayMs, int encryptionDelayMs, int streamLimit,
                             boolean directPutQuota, int httpTimeoutMs, String httpTrustedCertificates, Flush flush,
                             Map<String, String> openSearchEndpoints, Map<String, String> redshiftHosts, S3Settings s3,
                             Source source) {

  public FirehoseConfig {
    openSearchEndpoints = Map.copyOf(openSearchEndpoints);
    redshiftHosts = Map.copyOf(redshiftHosts);
  }

  /** These settings with another stream limit. */
  public FirehoseConfig withStreamLimit(int limit) {
    return new FirehoseConfig(createDelayMs, deleteDelayMs, encryptionDelayMs, limit, directPutQuota, httpTimeoutMs,
        httpTrustedCertificates, flush, openSearchEndpoints, redshiftHosts, s3, source);
  }

  /**
   * How this node reads the Kinesis sources of KinesisStreamAsSource streams (section
   * {@code sluice.firehose.source}).
   *
   * @param pollMs  how often each shard of a source is read (one GetRecords per shard)
   * @param leaseMs how long a node holds a source without renewing it; another node then takes it over
   */
  public record Source(int pollMs, int leaseMs) {}

  /**
   * How this node flushes buffers (section {@code sluice.firehose.flush}).
   *
   * @param leaseMs        how long a node holds a flush without renewing it; another node takes over
   *                       a flush whose lease ran out (its node died or stalled)
   * @param sweepMs        how often the node claims flushes that fell due
   * @param maxRecords     the most records one flush delivers (besides the buffering size)
   * @param concurrency    the most flushes the node makes at once
   * @param retryBaseMs    the first wait before a failed delivery is retried; doubled per attempt
   * @param retryMaxMs     the longest wait between retries
   * @param parallelObjects how many objects of one S3 destination a flush writes at once when its
   *                       backlog holds more than one buffer's size (each object at most that size)
   */
  public record Flush(int leaseMs, int sweepMs, int maxRecords, int concurrency, int retryBaseMs, int retryMaxMs,
                      int parallelObjects) {

    /** Settings writing one object at a time. */
    public Flush(int leaseMs, int sweepMs, int maxRecords, int concurrency, int retryBaseMs, int retryMaxMs) {
      this(leaseMs, sweepMs, maxRecords, concurrency, retryBaseMs, retryMaxMs, 1);
    }
  }

  public static final ServiceSection<FirehoseConfig> SECTION =
      new ServiceSection<>("firehose", FirehoseConfig.class, FirehoseConfig::read);

  /** The defaults of {@code conf/firehose.conf}. */
  public static final FirehoseConfig DEFAULTS = new FirehoseConfig(500, 500, 500, 5000, true, 180_000, "",
      new Flush(60_000, 250, 50_000, 32, 1_000, 30_000, 4), Map.of(), Map.of(), S3Settings.NONE, new Source(1_000, 10_000));

  static FirehoseConfig read(ConfigSection c) {
    return new FirehoseConfig(c.integer("create-delay-ms", 0, 600_000), c.integer("delete-delay-ms", 0, 600_000),
        c.integer("encryption-delay-ms", 0, 600_000), c.integer("stream-limit", 1, 1_000_000),
        c.bool("direct-put-quota"), c.integer("http-timeout-ms", 100, 600_000),
        c.string("http-trusted-certificates"),
        new Flush(c.integer("flush.lease-ms", 1_000, 3_600_000), c.integer("flush.sweep-ms", 10, 60_000),
            c.integer("flush.max-records", 1, 1_000_000), c.integer("flush.concurrency", 1, 10_000),
            c.integer("flush.retry-base-ms", 1, 600_000), c.integer("flush.retry-max-ms", 1, 3_600_000),
            c.integer("flush.parallel-objects", 1, 64)),
        c.pairs("opensearch-endpoints"), c.pairs("redshift-hosts"),
        new S3Settings(c.string("s3-endpoint", S3Settings::checkEndpoint), c.string("s3-access-key-id"),
            c.string("s3-secret-access-key"), c.string("s3-region")),
        new Source(c.integer("source.poll-ms", 10, 60_000), c.integer("source.lease-ms", 1_000, 3_600_000)));
  }
}
