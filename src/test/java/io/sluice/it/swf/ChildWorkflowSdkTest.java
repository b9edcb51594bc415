package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionCancelRequestedCause;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTerminatedCause;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * Child workflows through the AWS SDK v2 {@code SwfClient} on each engine: a parent's decider starts
 * two children and signals one, a child completes and its parent hears of it, and the parent's child
 * policy reaches the open children when the parent closes: TERMINATE when it is terminated,
 * REQUEST_CANCEL when it completes. Each decision task is there before its poll (a decision's
 * messages are carried out before RespondDecisionTaskCompleted answers), so no poll is held.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class ChildWorkflowSdkTest {
  static final ManualClock CLOCK = new ManualClock(1_780_000_000_000L);
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  static final String PREFIX = RedisTestServer.uniquePrefix("swf-child");
  static final WorkflowType PARENT = WorkflowType.builder().name("parent").version("1").build();
  static final WorkflowType CHILD = WorkflowType.builder().name("child").version("1").build();

  @Parameter
  Engine engine;
  SwfClient swf;
  String domain;

  @BeforeAll
  static void start() {
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, CLOCK, Map.of()));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, CLOCK, Map.of(), PREFIX));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  /** A new domain with the parent type (task list {@code parents}, TERMINATE) and the child type (ABANDON). */
  @BeforeEach
  void domainWithTypes() {
    swf = SwfClients.sync(NODES.get(engine).endpoint());
    domain = TestSluice.uniqueName("child-" + engine.name().toLowerCase());
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(r -> r.domain(domain).name("parent").version("1").defaultTaskList(t -> t.name("parents"))
        .defaultChildPolicy(ChildPolicy.TERMINATE).defaultTaskStartToCloseTimeout("30")
        .defaultExecutionStartToCloseTimeout("600"));
    swf.registerWorkflowType(r -> r.domain(domain).name("child").version("1").defaultTaskList(t -> t.name("children"))
        .defaultChildPolicy(ChildPolicy.ABANDON).defaultTaskStartToCloseTimeout("30")
        .defaultExecutionStartToCloseTimeout("600"));
  }

  @AfterEach
  void closeClient() {
    swf.close();
  }

  private PollForDecisionTaskResponse poll(String taskList) {
    PollForDecisionTaskResponse task = swf.pollForDecisionTask(r -> r.domain(domain).taskList(t -> t.name(taskList)));
    assertTrue(task.taskToken() != null && !task.taskToken().isEmpty(), "a decision task in " + taskList);
    return task;
  }

  private void respond(PollForDecisionTaskResponse task, Decision... decisions) {
    swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decisions));
  }

  private static Decision startChild(String workflowId, String taskList) {
    return Decision.builder().decisionType(DecisionType.START_CHILD_WORKFLOW_EXECUTION)
        .startChildWorkflowExecutionDecisionAttributes(a -> a.workflowId(workflowId).workflowType(CHILD)
            .taskList(t -> t.name(taskList)).input("for " + workflowId))
        .build();
  }

  private List<HistoryEvent> history(String workflowId, String runId) {
    WorkflowExecution execution = WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
    return swf.getWorkflowExecutionHistory(r -> r.domain(domain).execution(execution)).events();
  }

  private List<EventType> types(String workflowId, String runId) {
    return history(workflowId, runId).stream().map(HistoryEvent::eventType).toList();
  }

  private String closeStatus(String workflowId, String runId) {
    return swf.describeWorkflowExecution(r -> r.domain(domain).execution(e -> e.workflowId(workflowId).runId(runId)))
        .executionInfo().closeStatusAsString();
  }

  /** The runIds of the children the parent's history records as started, in order. */
  private List<String> startedChildren(String workflowId, String runId) {
    return history(workflowId, runId).stream()
        .filter(e -> e.eventType() == EventType.CHILD_WORKFLOW_EXECUTION_STARTED)
        .map(e -> e.childWorkflowExecutionStartedEventAttributes().workflowExecution().runId()).toList();
  }

  @Test
  void aParentStartsTwoChildrenSignalsOneHearsTheOtherCompleteAndItsTerminationTerminatesTheOpenOne() {
    // Given a parent whose decider starts two children, each with a task list of its own
    String parent = swf.startWorkflowExecution(r -> r.domain(domain).workflowId("parent-1").workflowType(PARENT))
        .runId();
    respond(poll("parents"), startChild("child-1", "one"), startChild("child-2", "two"));
    List<String> children = startedChildren("parent-1", parent);
    assertEquals(2, children.size());
    assertEquals(2, swf.describeWorkflowExecution(r -> r.domain(domain).execution(e -> e.workflowId("parent-1")
        .runId(parent))).openCounts().openChildWorkflowExecutions());

    // When the parent signals child-1, and child-2 completes
    respond(poll("parents"), Decision.builder().decisionType(DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION)
        .signalExternalWorkflowExecutionDecisionAttributes(a -> a.workflowId("child-1").signalName("go").input("now"))
        .build());
    PollForDecisionTaskResponse one = poll("one");
    respond(poll("two"), Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
        .completeWorkflowExecutionDecisionAttributes(a -> a.result("two done")).build());

    // Then child-1 started with its parent and got the signal in its decision task
    HistoryEvent started = one.events().getFirst();
    assertEquals("parent-1", started.workflowExecutionStartedEventAttributes().parentWorkflowExecution().workflowId());
    assertEquals(parent, started.workflowExecutionStartedEventAttributes().parentWorkflowExecution().runId());
    HistoryEvent signaled = one.events().stream().filter(e -> e.eventType() == EventType.WORKFLOW_EXECUTION_SIGNALED)
        .findFirst().orElseThrow();
    assertEquals("go", signaled.workflowExecutionSignaledEventAttributes().signalName());
    assertEquals(parent, signaled.workflowExecutionSignaledEventAttributes().externalWorkflowExecution().runId());
    // and the parent learned of the signal and of child-2's result
    List<HistoryEvent> parentHistory = history("parent-1", parent);
    assertTrue(parentHistory.stream().anyMatch(e -> e.eventType() == EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED
        && e.externalWorkflowExecutionSignaledEventAttributes().workflowExecution().runId().equals(children.get(0))));
    HistoryEvent completed = parentHistory.stream()
        .filter(e -> e.eventType() == EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED).findFirst().orElseThrow();
    assertEquals("two done", completed.childWorkflowExecutionCompletedEventAttributes().result());
    assertEquals(children.get(1), completed.childWorkflowExecutionCompletedEventAttributes().workflowExecution().runId());

    // When the parent is terminated (its child policy TERMINATE)
    swf.terminateWorkflowExecution(r -> r.domain(domain).workflowId("parent-1").reason("stop"));

    // Then its open child is terminated by the policy; the completed one stays completed
    HistoryEvent terminated = history("child-1", children.get(0)).getLast();
    assertEquals(EventType.WORKFLOW_EXECUTION_TERMINATED, terminated.eventType());
    assertEquals(WorkflowExecutionTerminatedCause.CHILD_POLICY_APPLIED,
        terminated.workflowExecutionTerminatedEventAttributes().cause());
    assertEquals("TERMINATED", closeStatus("child-1", children.get(0)));
    assertEquals("COMPLETED", closeStatus("child-2", children.get(1)));
  }

  @Test
  void aParentThatCompletesUnderRequestCancelAsksItsChildToCancelAndTheChildCancels() {
    // Given a parent started with the child policy REQUEST_CANCEL, and its child
    String parent = swf.startWorkflowExecution(r -> r.domain(domain).workflowId("parent-2").workflowType(PARENT)
        .childPolicy(ChildPolicy.REQUEST_CANCEL)).runId();
    respond(poll("parents"), startChild("child-3", "three"));
    String child = startedChildren("parent-2", parent).getFirst();

    // When the parent completes
    respond(poll("parents"), Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).build());

    // Then the child is asked to cancel by the policy, and its decider cancels it
    PollForDecisionTaskResponse task = poll("three");
    HistoryEvent requested = task.events().stream()
        .filter(e -> e.eventType() == EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED).findFirst().orElseThrow();
    assertEquals(WorkflowExecutionCancelRequestedCause.CHILD_POLICY_APPLIED,
        requested.workflowExecutionCancelRequestedEventAttributes().cause());
    assertTrue(swf.describeWorkflowExecution(r -> r.domain(domain).execution(e -> e.workflowId("child-3").runId(child)))
        .executionInfo().cancelRequested());
    respond(task, Decision.builder().decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION).build());
    assertEquals("CANCELED", closeStatus("child-3", child));
    assertEquals("COMPLETED", closeStatus("parent-2", parent));
    assertEquals(EventType.WORKFLOW_EXECUTION_COMPLETED, types("parent-2", parent).getLast());
  }
}
