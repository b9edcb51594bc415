package io.sluice.firehose;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;
import io.sluice.firehose.destination.S3Settings;

/**
 * Firehose's settings (section {@code sluice.firehose}, defaults in {@code conf/firehose.conf}).
 *
 * @param createDelayMs     how long a new delivery stream stays CREATING before it is ACTIVE
 * @param deleteDelayMs     how long a deleted delivery stream stays DELETING before it is gone
 * @param encryptionDelayMs how long a stream stays ENABLING or DISABLING its server-side encryption
 * @param streamLimit       the most delivery streams an account may have in a region
 * @param s3                the S3 endpoint objects are written to ({@code s3-endpoint}, empty: none) and its credentials
 */
public record FirehoseConfig(int createDelayMs, int deleteDelayMs, int encryptionDelayMs, int streamLimit,
                             S3Settings s3) {

  public static final ServiceSection<FirehoseConfig> SECTION =
      new ServiceSection<>("firehose", FirehoseConfig.class, FirehoseConfig::read);

  /** The defaults of {@code conf/firehose.conf}. */
  public static final FirehoseConfig DEFAULTS = new FirehoseConfig(500, 500, 500, 5000, S3Settings.NONE);

  static FirehoseConfig read(ConfigSection c) {
    return new FirehoseConfig(c.integer("create-delay-ms", 0, 600_000), c.integer("delete-delay-ms", 0, 600_000),
        c.integer("encryption-delay-ms", 0, 600_000), c.integer("stream-limit", 1, 1_000_000),
        new S3Settings(c.string("s3-endpoint", S3Settings::checkEndpoint), c.string("s3-access-key-id"),
            c.string("s3-secret-access-key"), c.string("s3-region")));
  }
}
