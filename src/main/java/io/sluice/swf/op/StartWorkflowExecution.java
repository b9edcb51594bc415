package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.Registrations;
import io.sluice.swf.SwfError;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.TaskList;
import io.sluice.swf.model.TypeDefaults;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * StartWorkflowExecution: a new run of a registered workflow type under {@code workflowId}, each
 * option taken from the request or else from the type's defaults (task list, task priority,
 * execution and decision task start-to-close timeouts, child policy, Lambda role); its history opens
 * with WorkflowExecutionStarted and DecisionTaskScheduled, and the decision task is queued in the
 * execution's task list. Answers the new runId. UnknownResourceFault for an unknown domain or type,
 * TypeDeprecatedFault for a deprecated type, DefaultUndefinedFault when neither gives a task list,
 * a timeout or the child policy, WorkflowExecutionAlreadyStartedFault while the workflowId has an
 * open run in the domain.
 */
public final class StartWorkflowExecution
    extends SwfOperation<StartWorkflowExecution.Request, StartWorkflowExecution.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, String workflowId, TypeRef workflowType, TaskList taskList,
                        String taskPriority, String input, String executionStartToCloseTimeout, List<String> tagList,
                        String taskStartToCloseTimeout, String childPolicy, String lambdaRole) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(String runId) {}

  public StartWorkflowExecution(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    Registrations.checkName(req.workflowId(), "workflowId");
    Registrations.checkName(req.taskList() == null ? null : req.taskList().name(), "taskList.name");
    Registrations.checkDuration(req.executionStartToCloseTimeout(), "executionStartToCloseTimeout");
    Registrations.checkExecutionTimeout(req.executionStartToCloseTimeout());
    Registrations.checkDuration(req.taskStartToCloseTimeout(), "taskStartToCloseTimeout");
    Registrations.checkPriority(req.taskPriority(), "taskPriority");
    DomainId domain = domainId(ctx, req.domain());
    return types.find(domain, TypeKind.WORKFLOW, req.workflowType()).thenCompose(type -> swf.domains().domain(domain)
        .thenCompose(found -> underOpenLimit(found.orElseThrow(() -> unknownDomain(req.domain()))).thenApply(v -> found))
        .thenCompose(found -> {
      Execution ex = execution(req, type);
      ex.retentionDays = found.map(DomainRecord::retentionDays).orElse(null);
      ExecutionKey key = new ExecutionKey(domain, req.workflowId(), Histories.newRunId());
      ex.runId = key.runId();
      ex.started = now();
      return swf.histories().start(key, ex, h -> h.startRun(req.input(), null)).thenApply(started -> {
        if (!started) {
          throw AwsException.of(SwfError.WorkflowExecutionAlreadyStartedFault,
              "Workflow execution already started: %s", req.workflowId());
        }
        return new Response(key.runId());
      });
    }));
  }

  /** LimitExceededFault when the domain has its open-execution quota of runs open ({@link io.sluice.swf.OpenExecutionLimit}). */
  private CompletionStage<Void> underOpenLimit(DomainRecord domain) {
    return swf.openExecutionLimitReached(domain).thenAccept(reached -> {
      if (reached) {
        throw AwsException.of(SwfError.LimitExceededFault, "The domain %s has %d open workflow executions, its limit.",
            domain.id().name(), swf.config().openExecutionLimit());
      }
    });
  }

  private static Execution execution(Request req, TypeRecord type) {
    if (type.status() == RegistrationStatus.DEPRECATED) {
      throw AwsException.of(SwfError.TypeDeprecatedFault, "WorkflowType=[name=%s, version=%s]",
          type.type().name(), type.type().version());
    }
    TypeDefaults d = type.defaults();
    Execution ex = new Execution();
    ex.workflowId = req.workflowId();
    ex.workflowType = type.type();
    TaskList taskList = req.taskList() != null ? req.taskList() : d.taskList();
    ex.taskList = required(taskList == null ? null : taskList.name(), "taskList");
    ex.taskPriority = req.taskPriority() != null ? req.taskPriority() : d.taskPriority();
    ex.executionStartToCloseTimeout = required(
        or(req.executionStartToCloseTimeout(), d.executionStartToCloseTimeout()), "executionStartToCloseTimeout");
    Registrations.checkExecutionTimeout(ex.executionStartToCloseTimeout);
    ex.taskStartToCloseTimeout = required(or(req.taskStartToCloseTimeout(), d.taskStartToCloseTimeout()),
        "taskStartToCloseTimeout");
    ex.childPolicy = required(or(req.childPolicy(), d.childPolicy()), "childPolicy");
    ex.lambdaRole = or(req.lambdaRole(), d.lambdaRole());
    ex.tagList = req.tagList() == null ? List.of() : List.copyOf(req.tagList());
    return ex;
  }

  private static String or(String given, String fallback) {
    return given != null ? given : fallback;
  }

  private static String required(String value, String member) {
    if (value == null) {
      throw AwsException.of(SwfError.DefaultUndefinedFault,
          "No %s was given and the workflow type has no default for it.", member);
    }
    return value;
  }
}
