package io.sluice.sqs;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;

/**
 * SQS's settings (section {@code sluice.sqs}, defaults in {@code conf/sqs.conf}): the quotas AWS
 * documents, and how long a node caches a queue's attributes.
 */
public record SqsConfig(int maxInflightStandard, int maxInflightFifo, long attributeCacheMs) {

  public static final ServiceSection<SqsConfig> SECTION = new ServiceSection<>("sqs", SqsConfig.class, SqsConfig::read);

  static SqsConfig read(ConfigSection c) {
    return new SqsConfig(c.integer("max-inflight-standard", 1, 10_000_000),
        c.integer("max-inflight-fifo", 1, 10_000_000), c.integer("attribute-cache-ms", 0, 60_000));
  }
}
