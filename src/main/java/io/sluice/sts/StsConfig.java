package io.sluice.sts;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;

/**
 * STS's settings (section {@code sluice.sts}, defaults in {@code conf/sts.conf}).
 *
 * @param cleanupIntervalMs how often each node deletes temporary credentials that expired more than
 *                          {@link TemporaryCredentials#RETENTION} ago
 */
public record StsConfig(long cleanupIntervalMs) {

  public static final ServiceSection<StsConfig> SECTION = new ServiceSection<>("sts", StsConfig.class, StsConfig::read);

  static StsConfig read(ConfigSection c) {
    return new StsConfig(c.integer("cleanup-interval-ms", 1000, 86_400_000));
  }
}
