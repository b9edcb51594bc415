package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.OpenExecutionLimit;
import io.sluice.swf.Registrations;
import io.sluice.swf.engine.ChildMessages;
import io.sluice.swf.engine.ChildWorkflowState;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.Histories;
import io.sluice.swf.engine.History;
import io.sluice.swf.engine.Message;
import io.sluice.swf.engine.MessageHandler;
import io.sluice.swf.model.ExecutionKey;
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
 * StartChildWorkflowExecution: StartChildWorkflowExecutionInitiated with every option, each from the
 * decision or else the child's workflow type's default (read in {@link #prepare}); once committed, the
 * child run starts (WorkflowExecutionStarted with {@code parentWorkflowExecution} and
 * {@code parentInitiatedEventId}) and the parent records ChildWorkflowExecutionStarted and gets a
 * decision task. Causes of StartChildWorkflowExecutionFailed, in the API reference's order:
 * {@code WORKFLOW_TYPE_DOES_NOT_EXIST}, {@code WORKFLOW_TYPE_DEPRECATED},
 * {@code OPEN_CHILDREN_LIMIT_EXCEEDED} (the open children limit, AWS's 1,000), {@code DEFAULT_…_UNDEFINED}, recorded at
 * once with initiatedEventId 0; after the initiated event, {@code OPEN_WORKFLOWS_LIMIT_EXCEEDED} when the
 * domain has its open-execution limit of runs open (AWS's 100,000) and {@code WORKFLOW_ALREADY_RUNNING} when the
 * workflowId has an open run that is not this child. A start delivered again starts no second child:
 * the workflowId's open run whose parent and initiated eventId are these is the child.
 */
final class StartChildWorkflowExecution implements DecisionHandler {
  static final String KIND = "start-child";

  @Override
  public String type() {
    return "StartChildWorkflowExecution";
  }

  @Override
  public void validate(ObjectNode a) {
    Registrations.checkName(a.path("workflowId").asText(), "workflowId");
    Registrations.checkDuration(Decisions.text(a, "executionStartToCloseTimeout", null), "executionStartToCloseTimeout");
    Registrations.checkExecutionTimeout(Decisions.text(a, "executionStartToCloseTimeout", null));
    Registrations.checkDuration(Decisions.text(a, "taskStartToCloseTimeout", null), "taskStartToCloseTimeout");
    Registrations.checkPriority(Decisions.text(a, "taskPriority", null), "taskPriority");
  }

  @Override
  public CompletionStage<Void> prepare(DecisionContext context, ObjectNode d) {
    return context.readType(TypeKind.WORKFLOW, Decisions.typeRef(d.path("workflowType")));
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    Execution ex = h.execution();
    TypeRef typeRef = Decisions.typeRef(d.path("workflowType"));
    String workflowId = d.path("workflowId").asText();
    Optional<TypeRecord> type = context.type(TypeKind.WORKFLOW, typeRef);
    TypeDefaults defaults = type.map(TypeRecord::defaults).orElse(null);
    String executionTimeout = Decisions.text(d, "executionStartToCloseTimeout",
        defaults == null ? null : defaults.executionStartToCloseTimeout());
    String taskList = Decisions.text(d.path("taskList"), "name",
        defaults == null || defaults.taskList() == null ? null : defaults.taskList().name());
    String taskTimeout = Decisions.text(d, "taskStartToCloseTimeout",
        defaults == null ? null : defaults.taskStartToCloseTimeout());
    String childPolicy = Decisions.text(d, "childPolicy", defaults == null ? null : defaults.childPolicy());
    String cause = type.isEmpty() ? "WORKFLOW_TYPE_DOES_NOT_EXIST"
        : type.get().status() == RegistrationStatus.DEPRECATED ? "WORKFLOW_TYPE_DEPRECATED"
        : ex.children.size() >= context.swf().config().openChildrenLimit() ? "OPEN_CHILDREN_LIMIT_EXCEEDED"
        : executionTimeout == null ? "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED"
        : taskList == null ? "DEFAULT_TASK_LIST_UNDEFINED"
        : taskTimeout == null ? "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED"
        : childPolicy == null ? "DEFAULT_CHILD_POLICY_UNDEFINED" : null;
    String control = Decisions.text(d, "control", null);
    if (cause != null) {
      ObjectNode a = History.attributes();
      a.putObject("workflowType").put("name", typeRef.name()).put("version", typeRef.version());
      a.put("workflowId", workflowId);
      // no StartChildWorkflowExecutionInitiated exists for this decision: initiatedEventId is 0
      // (API reference, StartChildWorkflowExecutionFailedEventAttributes)
      a.put("initiatedEventId", 0);
      History.putIfSet(a, "control", control);
      return Decisions.failed(context, h, "StartChildWorkflowExecutionFailed", a, cause);
    }
    ObjectNode a = History.attributes();
    a.put("workflowId", workflowId);
    a.putObject("workflowType").put("name", typeRef.name()).put("version", typeRef.version());
    History.putIfSet(a, "control", control);
    History.putIfSet(a, "input", Decisions.text(d, "input", null));
    a.put("executionStartToCloseTimeout", executionTimeout);
    a.putObject("taskList").put("name", taskList);
    History.putIfSet(a, "taskPriority", Decisions.text(d, "taskPriority", defaults.taskPriority()));
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    a.put("childPolicy", childPolicy);
    a.put("taskStartToCloseTimeout", taskTimeout);
    if (d.path("tagList").size() > 0) {
      a.set("tagList", d.get("tagList").deepCopy());
    }
    History.putIfSet(a, "lambdaRole", Decisions.text(d, "lambdaRole", defaults.lambdaRole()));
    long initiated = h.append("StartChildWorkflowExecutionInitiated", a);
    Execution.Child child = new Execution.Child();
    child.workflowId = workflowId;
    child.workflowType = typeRef;
    child.initiatedEventId = initiated;
    ex.children.put(initiated, child);
    h.send(new Message(ex.runId + "/" + initiated, KIND, context.execution(), workflowId, null,
        a.deepCopy().put("initiatedEventId", initiated)));
    return true;
  }

  /** Records in the parent that its initiated {@code child} started as run {@code runId}. */
  static void started(History h, Execution.Child child, String runId) {
    child.state = ChildWorkflowState.TABLE.move(child.state, ChildWorkflowState.STARTED);
    child.runId = runId;
    ObjectNode a = History.attributes();
    a.putObject("workflowExecution").put("workflowId", child.workflowId).put("runId", runId);
    a.putObject("workflowType").put("name", child.workflowType.name()).put("version", child.workflowType.version());
    a.put("initiatedEventId", child.initiatedEventId);
    child.startedEventId = h.append("ChildWorkflowExecutionStarted", a);
    h.decisionNeeded();
  }

  /**
   * Starts the child unless the parent has moved it on already, then records the outcome in the
   * parent; a parent closed meanwhile gets no event, and its child policy is applied to the child.
   */
  static final class Delivery implements MessageHandler {
    /** How often a start is tried again when the workflowId's open run closed between two looks. */
    private static final int ATTEMPTS = 3;

    private final OpenExecutionLimit limit;

    Delivery(OpenExecutionLimit limit) {
      this.limit = limit;
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public CompletionStage<Void> deliver(Histories histories, Message m) {
      long initiated = m.body().path("initiatedEventId").asLong();
      return histories.read(m.sender()).thenCompose(parent -> {
        Execution.Child child = parent.map(p -> p.children.get(initiated)).orElse(null);
        if (child == null || child.state != ChildWorkflowState.INITIATED) {
          return CompletableFuture.completedFuture(null);
        }
        return limit.reached(m.sender().domain()).thenCompose(full -> full
            ? record(histories, m, initiated, null, "OPEN_WORKFLOWS_LIMIT_EXCEEDED")
            : start(histories, m, initiated, ATTEMPTS)
                .thenCompose(runId -> record(histories, m, initiated, runId, "WORKFLOW_ALREADY_RUNNING")));
      });
    }

    /** Starts the child run; its runId, or null when the workflowId has an open run that is not this child. */
    private CompletionStage<String> start(Histories histories, Message m, long initiated, int attempts) {
      ExecutionKey key = new ExecutionKey(m.sender().domain(), m.workflowId(), Histories.newRunId());
      Execution child = execution(m, key.runId(), initiated);
      return histories.start(key, child, h -> {
        h.execution().started = h.now();
        h.startRun(Decisions.text(m.body(), "input", null), null);
      }).thenCompose(started -> {
        if (started) {
          return CompletableFuture.completedFuture(key.runId());
        }
        return Deliveries.unknownAsNull(histories.run(key.domain(), m.workflowId(), null)
            .thenCompose(open -> histories.read(open))).thenCompose(open -> {
              if (open == null || open.isEmpty()) {
                // the open run closed since: try again
                return attempts > 1 ? start(histories, m, initiated, attempts - 1)
                    : CompletableFuture.completedFuture(null);
              }
              Execution.Parent p = open.get().parent;
              boolean same = p != null && p.is(m.sender().workflowId(), m.sender().runId(), initiated);
              return CompletableFuture.completedFuture(same ? open.get().runId : null);
            });
      });
    }

    private static Execution execution(Message m, String runId, long initiated) {
      JsonNode b = m.body();
      Execution ex = new Execution();
      ex.workflowId = m.workflowId();
      ex.runId = runId;
      ex.workflowType = Decisions.typeRef(b.path("workflowType"));
      ex.taskList = b.path("taskList").path("name").asText();
      ex.taskPriority = Decisions.text(b, "taskPriority", null);
      ex.executionStartToCloseTimeout = b.path("executionStartToCloseTimeout").asText();
      ex.taskStartToCloseTimeout = b.path("taskStartToCloseTimeout").asText();
      ex.childPolicy = b.path("childPolicy").asText();
      ex.lambdaRole = Decisions.text(b, "lambdaRole", null);
      List<String> tags = new ArrayList<>();
      b.path("tagList").forEach(t -> tags.add(t.asText()));
      ex.tagList = tags;
      ex.parent = new Execution.Parent();
      ex.parent.workflowId = m.sender().workflowId();
      ex.parent.runId = m.sender().runId();
      ex.parent.initiatedEventId = initiated;
      return ex;
    }

    /**
     * Records the start, or without {@code runId} its failure for {@code cause}, in the parent; applies
     * the parent's child policy if it closed.
     */
    private CompletionStage<Void> record(Histories histories, Message m, long initiated, String runId,
                                         String cause) {
      return histories.update(m.sender(), h -> {
        Execution parent = h.execution();
        Execution.Child child = parent.children.get(initiated);
        if (child == null || child.state != ChildWorkflowState.INITIATED) {
          return null;
        }
        if (!parent.status.open()) {
          return runId == null ? null : parent.closedChildPolicy;
        }
        if (runId != null) {
          started(h, child, runId);
          return null;
        }
        child.state = ChildWorkflowState.TABLE.move(child.state, ChildWorkflowState.START_FAILED);
        parent.children.remove(initiated);
        ObjectNode a = History.attributes();
        a.putObject("workflowType").put("name", child.workflowType.name()).put("version", child.workflowType.version());
        a.put("cause", cause);
        a.put("workflowId", child.workflowId);
        a.put("initiatedEventId", initiated);
        a.put("decisionTaskCompletedEventId", m.body().path("decisionTaskCompletedEventId").asLong());
        History.putIfSet(a, "control", Decisions.text(m.body(), "control", null));
        h.append("StartChildWorkflowExecutionFailed", a);
        h.decisionNeeded();
        return null;
      }).thenCompose(policy -> policy == null || policy.equals(ChildMessages.ABANDON)
          ? CompletableFuture.completedFuture(null)
          : histories.deliver(ChildMessages.policy(m.sender(), m.workflowId(), initiated, policy)));
    }
  }
}
