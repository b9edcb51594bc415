package io.sluice.kinesis;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;

/**
 * Kinesis's settings (section {@code sluice.kinesis}, defaults in {@code conf/kinesis.conf}).
 *
 * @param createDelayMs  how long a new stream stays CREATING before it is ACTIVE
 * @param deleteDelayMs  how long a deleted stream stays DELETING before it is gone
 * @param shardLimit     the most open shards an account may have in a region
 * @param onDemandShards the shards of a stream created ON_DEMAND
 * @param throughputLimits whether per-shard throughput limits and call rates are enforced ({@link ThroughputLimits})
 */
public record KinesisConfig(int createDelayMs, int deleteDelayMs, int shardLimit, int onDemandShards,
                            boolean throughputLimits) {

  public static final ServiceSection<KinesisConfig> SECTION =
      new ServiceSection<>("kinesis", KinesisConfig.class, KinesisConfig::read);

  /** Services whose limits are off: the same settings with {@code throughputLimits} false. */
  public KinesisConfig withoutLimits() {
    return new KinesisConfig(createDelayMs, deleteDelayMs, shardLimit, onDemandShards, false);
  }

  /** The defaults of {@code conf/kinesis.conf}. */
  public static final KinesisConfig DEFAULTS = new KinesisConfig(500, 500, 500, 4, true);

  static KinesisConfig read(ConfigSection c) {
    return new KinesisConfig(c.integer("create-delay-ms", 0, 600_000), c.integer("delete-delay-ms", 0, 600_000),
        c.integer("shard-limit", 1, 1_000_000), c.integer("on-demand-shards", 1, 10_000),
        c.bool("throughput-limits"));
  }
}
