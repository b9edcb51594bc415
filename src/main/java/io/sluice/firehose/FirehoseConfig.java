package io.sluice.firehose;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;
import java.util.Map;

/**
 * Firehose's settings (section {@code sluice.firehose}, defaults in {@code conf/firehose.conf}).
 *
 * @param createDelayMs     how long a new delivery stream stays CREATING before it is ACTIVE
 * @param deleteDelayMs     how long a deleted delivery stream stays DELETING before it is gone
 * @param encryptionDelayMs how long a stream stays ENABLING or DISABLING its server-side encryption
 * @param streamLimit       the most delivery streams an account may have in a region
 * @param openSearchEndpoints an OpenSearch or Elasticsearch domain's ARN ({@code DomainARN}) → the URL
 *                          Sluice sends its {@code _bulk} requests to (a domain ARN names no host)
 */
public record FirehoseConfig(int createDelayMs, int deleteDelayMs, int encryptionDelayMs, int streamLimit,
                             Map<String, String> openSearchEndpoints) {

  public FirehoseConfig {
    openSearchEndpoints = Map.copyOf(openSearchEndpoints);
  }

  public FirehoseConfig(int createDelayMs, int deleteDelayMs, int encryptionDelayMs, int streamLimit) {
    this(createDelayMs, deleteDelayMs, encryptionDelayMs, streamLimit, Map.of());
  }

  public static final ServiceSection<FirehoseConfig> SECTION =
      new ServiceSection<>("firehose", FirehoseConfig.class, FirehoseConfig::read);

  /** The defaults of {@code conf/firehose.conf}. */
  public static final FirehoseConfig DEFAULTS = new FirehoseConfig(500, 500, 500, 5000);

  static FirehoseConfig read(ConfigSection c) {
    return new FirehoseConfig(c.integer("create-delay-ms", 0, 600_000), c.integer("delete-delay-ms", 0, 600_000),
        c.integer("encryption-delay-ms", 0, 600_000), c.integer("stream-limit", 1, 1_000_000),
        c.pairs("opensearch-endpoints"));
  }
}
