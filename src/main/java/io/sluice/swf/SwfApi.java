package io.sluice.swf;

import io.sluice.swf.op.DeleteActivityType;
import io.sluice.swf.op.DeleteWorkflowType;
import io.sluice.swf.op.DeprecateActivityType;
import io.sluice.swf.op.DeprecateDomain;
import io.sluice.swf.op.DeprecateWorkflowType;
import io.sluice.swf.op.DescribeActivityType;
import io.sluice.swf.op.DescribeDomain;
import io.sluice.swf.op.DescribeWorkflowType;
import io.sluice.swf.op.DescribeWorkflowExecution;
import io.sluice.swf.op.ListOpenWorkflowExecutions;
import io.sluice.swf.op.ListClosedWorkflowExecutions;
import io.sluice.swf.op.CountPendingDecisionTasks;
import io.sluice.swf.op.CountPendingActivityTasks;
import io.sluice.swf.op.CountOpenWorkflowExecutions;
import io.sluice.swf.op.CountClosedWorkflowExecutions;
import io.sluice.swf.op.GetWorkflowExecutionHistory;
import io.sluice.swf.op.PollForActivityTask;
import io.sluice.swf.op.PollForDecisionTask;
import io.sluice.swf.op.RecordActivityTaskHeartbeat;
import io.sluice.swf.op.RespondActivityTaskCanceled;
import io.sluice.swf.op.RespondActivityTaskCompleted;
import io.sluice.swf.op.RespondActivityTaskFailed;
import io.sluice.swf.op.RespondDecisionTaskCompleted;
import io.sluice.swf.op.StartWorkflowExecution;
import io.sluice.swf.op.ListActivityTypes;
import io.sluice.swf.op.ListDomains;
import io.sluice.swf.op.ListTagsForResource;
import io.sluice.swf.op.ListWorkflowTypes;
import io.sluice.swf.op.RegisterActivityType;
import io.sluice.swf.op.RegisterDomain;
import io.sluice.swf.op.RegisterWorkflowType;
import io.sluice.swf.op.TerminateWorkflowExecution;
import io.sluice.swf.op.SignalWorkflowExecution;
import io.sluice.swf.op.RequestCancelWorkflowExecution;
import io.sluice.swf.op.TagResource;
import io.sluice.swf.op.UndeprecateActivityType;
import io.sluice.swf.op.UndeprecateDomain;
import io.sluice.swf.op.UndeprecateWorkflowType;
import io.sluice.swf.op.UntagResource;
import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import java.util.List;
import java.util.Set;

/**
 * Amazon SWF on the wire: JSON 1.0, {@code X-Amz-Target: SimpleWorkflowService.<Action>}, signed as
 * {@code swf}, faults typed {@code com.amazonaws.swf.base.model#<Fault>} (botocore's
 * {@code swf/2012-01-25}). The control plane (domains, their tags, workflow and activity types)
 * and the first steps of executions.
 */
public final class SwfApi {
  private SwfApi() {}

  /** SWF operations, local request/reply with {@link io.sluice.bus.OperationCall}. */
  public static final String ADDRESS = "swf.api";

  /** Published with a task list's key when a task was put in it: task polls on every node look again. */
  public static final String TASKS_SCHEDULED = "swf.tasks-scheduled";

  /**
   * The largest request SWF takes: 1 MB (developer guide, "Amazon SWF quotas": "the total data size
   * per Amazon SWF API request"); Sluice counts the body only.
   */
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  /** Every SWF action Sluice serves, one class each. */
  public static final List<Class<?>> OPERATIONS = List.of(
      DeleteActivityType.class,
      ListOpenWorkflowExecutions.class,
      ListClosedWorkflowExecutions.class,
      CountPendingDecisionTasks.class,
      CountPendingActivityTasks.class,
      CountOpenWorkflowExecutions.class,
      CountClosedWorkflowExecutions.class,
      DeleteWorkflowType.class,
      DeprecateActivityType.class,
      DeprecateDomain.class,
      DeprecateWorkflowType.class,
      DescribeActivityType.class,
      DescribeDomain.class,
      DescribeWorkflowType.class,
      DescribeWorkflowExecution.class,
      GetWorkflowExecutionHistory.class,
      PollForActivityTask.class,
      PollForDecisionTask.class,
      RecordActivityTaskHeartbeat.class,
      RespondActivityTaskCanceled.class,
      RespondActivityTaskCompleted.class,
      RespondActivityTaskFailed.class,
      RespondDecisionTaskCompleted.class,
      StartWorkflowExecution.class,
      ListActivityTypes.class,
      ListDomains.class,
      ListTagsForResource.class,
      ListWorkflowTypes.class,
      RegisterActivityType.class,
      RegisterDomain.class,
      RegisterWorkflowType.class,
      TerminateWorkflowExecution.class,
      SignalWorkflowExecution.class,
      RequestCancelWorkflowExecution.class,
      TagResource.class,
      UndeprecateActivityType.class,
      UndeprecateDomain.class,
      UndeprecateWorkflowType.class,
      UntagResource.class);

  public static final ServiceDefinition DEFINITION = new ServiceDefinition(
      "swf",
      "swf",
      "2012-01-25",
      "http://swf.amazonaws.com/doc/2012-01-25",
      "SimpleWorkflowService",
      Set.of(WireProtocol.JSON_1_0),
      "com.amazonaws.swf.base.model#",
      false,
      QueryStyle.WRAPPED,
      ADDRESS,
      ServiceDefinition.operationsOf(OPERATIONS))
      .withMaxRequestBytes(MAX_REQUEST_BYTES);
}
