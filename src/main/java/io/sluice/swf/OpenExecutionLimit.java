package io.sluice.swf;

import io.sluice.swf.model.DomainId;
import java.util.concurrent.CompletionStage;

/**
 * Whether a domain has its open-execution limit of runs open (SWF Developer Guide, "Amazon SWF
 * Quotas": 100,000 per domain; {@link SwfConfig#openExecutionLimit}), as StartWorkflowExecution and
 * a child's start check it before starting a run. Counted on the visibility index, so starts racing
 * on several nodes may pass it by a few.
 */
@FunctionalInterface
public interface OpenExecutionLimit {
  /** True when {@code domain} may open no further run now. */
  CompletionStage<Boolean> reached(DomainId domain);
}
