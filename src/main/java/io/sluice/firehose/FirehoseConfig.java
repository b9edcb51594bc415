package io.sluice.firehose;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;

/**
 * Firehose's settings (section {@code sluice.firehose}, defaults in {@code conf/firehose.conf}).
 *
 * @param createDelayMs     how long a new delivery stream stays CREATING before it is ACTIVE
 * @param deleteDelayMs     how long a deleted delivery stream stays DELETING before it is gone
 * @param encryptionDelayMs how long a stream stays ENABLING or DISABLING its server-side encryption
 * @param streamLimit       the most delivery streams an account may have in a region
 * @param httpTimeoutMs     how long one request to an HTTP endpoint or Splunk destination may take
 *                          before it fails (AWS: 3 minutes)
 */
public record FirehoseConfig(int createDelayMs, int deleteDelayMs, int encryptionDelayMs, int streamLimit,
                             int httpTimeoutMs) {

  public static final ServiceSection<FirehoseConfig> SECTION =
      new ServiceSection<>("firehose", FirehoseConfig.class, FirehoseConfig::read);

  /** The defaults of {@code conf/firehose.conf}. */
  public static final FirehoseConfig DEFAULTS = new FirehoseConfig(500, 500, 500, 5000, 180_000);

  static FirehoseConfig read(ConfigSection c) {
    return new FirehoseConfig(c.integer("create-delay-ms", 0, 600_000), c.integer("delete-delay-ms", 0, 600_000),
        c.integer("encryption-delay-ms", 0, 600_000), c.integer("stream-limit", 1, 1_000_000),
        c.integer("http-timeout-ms", 100, 600_000));
  }
}
