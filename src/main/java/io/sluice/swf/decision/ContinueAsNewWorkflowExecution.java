package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.Registrations;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.ExecutionStatus;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.TypeDefaults;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ContinueAsNewWorkflowExecution: closes the run as CONTINUED_AS_NEW and starts the next run of the
 * same workflowId in the same step, each option from the decision or else the workflow type's default
 * (of the version the decision names, else the run's); the causes of
 * ContinueAsNewWorkflowExecutionFailed as the API reference lists them.
 */
final class ContinueAsNewWorkflowExecution implements DecisionHandler {
  @Override
  public String type() {
    return "ContinueAsNewWorkflowExecution";
  }

  @Override
  public boolean needsAttributes() {
    return false;
  }

  @Override
  public void validate(ObjectNode a) {
    if (a != null) {
      String timeout = Decisions.text(a, "executionStartToCloseTimeout", null);
      Registrations.checkDuration(timeout, "executionStartToCloseTimeout");
      Registrations.checkExecutionTimeout(timeout);
    }
  }

  @Override
  public CompletionStage<Void> prepare(DecisionContext context, ObjectNode d) {
    return context.swf().histories().read(context.execution()).thenCompose(found -> found
        .map(ex -> context.readType(TypeKind.WORKFLOW, typeRef(ex, d)))
        .orElseGet(() -> CompletableFuture.completedFuture(null)));
  }

  private static TypeRef typeRef(Execution ex, ObjectNode d) {
    return new TypeRef(ex.workflowType.name(), Decisions.text(d, "workflowTypeVersion", ex.workflowType.version()));
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode given) {
    Execution ex = h.execution();
    ObjectNode d = given == null ? History.attributes() : given;
    TypeRef typeRef = typeRef(ex, d);
    Optional<TypeRecord> type = context.type(TypeKind.WORKFLOW, typeRef);
    TypeDefaults defaults = type.map(TypeRecord::defaults).orElse(null);
    Execution next = new Execution();
    next.workflowId = ex.workflowId;
    next.runId = Histories.newRunId();
    next.workflowType = typeRef;
    next.started = h.now();
    next.retentionDays = ex.retentionDays;
    next.executionStartToCloseTimeout = Decisions.text(d, "executionStartToCloseTimeout",
        defaults == null ? null : defaults.executionStartToCloseTimeout());
    next.taskStartToCloseTimeout = Decisions.text(d, "taskStartToCloseTimeout",
        defaults == null ? null : defaults.taskStartToCloseTimeout());
    next.taskList = Decisions.text(d.path("taskList"), "name",
        defaults == null || defaults.taskList() == null ? null : defaults.taskList().name());
    next.taskPriority = Decisions.text(d, "taskPriority", defaults == null ? null : defaults.taskPriority());
    next.childPolicy = Decisions.text(d, "childPolicy", defaults == null ? null : defaults.childPolicy());
    next.lambdaRole = Decisions.text(d, "lambdaRole", defaults == null ? null : defaults.lambdaRole());
    List<String> tags = new ArrayList<>();
    d.path("tagList").forEach(t -> tags.add(t.asText()));
    next.tagList = tags;
    String cause = context.unhandled() ? "UNHANDLED_DECISION"
        : type.isEmpty() ? "WORKFLOW_TYPE_DOES_NOT_EXIST"
        : type.get().status() == RegistrationStatus.DEPRECATED ? "WORKFLOW_TYPE_DEPRECATED"
        : next.executionStartToCloseTimeout == null ? "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED"
        : next.taskStartToCloseTimeout == null ? "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED"
        : next.taskList == null ? "DEFAULT_TASK_LIST_UNDEFINED"
        : next.childPolicy == null ? "DEFAULT_CHILD_POLICY_UNDEFINED" : null;
    if (cause != null) {
      return Decisions.failed(context, h, "ContinueAsNewWorkflowExecutionFailed", History.attributes(), cause);
    }
    String input = Decisions.text(d, "input", null);
    ObjectNode a = History.attributes();
    History.putIfSet(a, "input", input);
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    a.put("newExecutionRunId", next.runId);
    a.put("executionStartToCloseTimeout", next.executionStartToCloseTimeout);
    a.putObject("taskList").put("name", next.taskList);
    History.putIfSet(a, "taskPriority", next.taskPriority);
    a.put("taskStartToCloseTimeout", next.taskStartToCloseTimeout);
    a.put("childPolicy", next.childPolicy);
    if (!next.tagList.isEmpty()) {
      next.tagList.forEach(a.putArray("tagList")::add);
    }
    a.putObject("workflowType").put("name", typeRef.name()).put("version", typeRef.version());
    History.putIfSet(a, "lambdaRole", next.lambdaRole);
    next.parent = ex.parent;
    h.closeRun(ExecutionStatus.CONTINUED_AS_NEW, "WorkflowExecutionContinuedAsNew", a, ex.childPolicy);
    h.continueAs(next).startRun(input, ex.runId);
    return true;
  }
}
