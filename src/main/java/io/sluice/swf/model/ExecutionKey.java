package io.sluice.swf.model;

/**
 * One run of a workflow execution: its domain, workflowId and runId. All runs of one workflowId in a
 * domain share a store hash tag ({@link #tag}), so a run, its history and the workflowId's open run
 * change together.
 */
public record ExecutionKey(DomainId domain, String workflowId, String runId) {

  /** The hash tag of the workflowId: {@code wf:<region>/<account>/<domain>/<workflowId>}. */
  public String tag() {
    return "wf:" + domain.region() + "/" + domain.account() + "/" + domain.name() + "/" + workflowId;
  }
}
