package io.sluice.swf;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;

/**
 * SWF's settings (section {@code sluice.swf}, defaults in {@code conf/swf.conf}).
 *
 * @param domainLimit the most domains (registered and deprecated) an account may have in a region
 *                    (AWS: 100); RegisterDomain past it is LimitExceededFault
 * @param typeLimit   the most workflow types, and the most activity types, (registered and
 *                    deprecated) one domain may have (AWS: 10,000 each); past it, LimitExceededFault
 * @param openChildrenLimit the most open child executions one execution may have (AWS: 1,000); a
 *                    StartChildWorkflowExecution past it fails with {@code OPEN_CHILDREN_LIMIT_EXCEEDED}
 * @param openExecutionLimit the most open executions one domain may have (AWS: 100,000); a
 *                    StartWorkflowExecution past it is LimitExceededFault
 *     (the quotas: SWF Developer Guide, "Amazon SWF Quotas", swf-dg-limits)
 */
public record SwfConfig(int domainLimit, int typeLimit, int openChildrenLimit, int openExecutionLimit) {

  public static final ServiceSection<SwfConfig> SECTION = new ServiceSection<>("swf", SwfConfig.class, SwfConfig::read);

  /** The defaults of {@code conf/swf.conf}. */
  public static final SwfConfig DEFAULTS = new SwfConfig(100, 10_000);

  /** With AWS's 1,000 open children and 100,000 open executions per domain. */
  public SwfConfig(int domainLimit, int typeLimit) {
    this(domainLimit, typeLimit, 1_000);
  }

  /** With AWS's 100,000 open executions per domain. */
  public SwfConfig(int domainLimit, int typeLimit, int openChildrenLimit) {
    this(domainLimit, typeLimit, openChildrenLimit, 100_000);
  }

  static SwfConfig read(ConfigSection c) {
    return new SwfConfig(c.integer("domain-limit", 1, 1_000_000), c.integer("type-limit", 1, 1_000_000),
        c.integer("open-children-limit", 1, 1_000_000), c.integer("open-execution-limit", 1, 100_000_000));
  }
}
