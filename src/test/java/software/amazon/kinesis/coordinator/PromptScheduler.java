package software.amazon.kinesis.coordinator;

import software.amazon.kinesis.checkpoint.CheckpointConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.exceptions.DependencyException;
import software.amazon.kinesis.leases.exceptions.InvalidStateException;
import software.amazon.kinesis.leases.exceptions.ProvisionedThroughputException;
import software.amazon.kinesis.lifecycle.LifecycleConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * KCL's {@link Scheduler} for tests that run one worker per application: a fresh application syncs
 * its shards into the lease table at once. KCL's own waits a random 1–30 s first while the lease
 * table is empty, so that many workers starting together do not all list the stream, and offers
 * no setting for it; the override sits in KCL's package because the method is package-private.
 */
public class PromptScheduler extends Scheduler {
  public PromptScheduler(CheckpointConfig checkpointConfig, CoordinatorConfig coordinatorConfig,
                         LeaseManagementConfig leaseManagementConfig, LifecycleConfig lifecycleConfig,
                         MetricsConfig metricsConfig, ProcessorConfig processorConfig,
                         RetrievalConfig retrievalConfig) {
    super(checkpointConfig, coordinatorConfig, leaseManagementConfig, lifecycleConfig, metricsConfig,
        processorConfig, retrievalConfig);
  }

  @Override
  boolean shouldInitiateLeaseSync()
      throws DependencyException, ProvisionedThroughputException, InvalidStateException {
    return leaseRefresher().isLeaseTableEmpty();
  }
}
