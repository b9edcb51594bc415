package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.SwfConfig;
import io.sluice.swf.TimerDriver;
import io.sluice.swf.engine.ChildMessages;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.engine.ExecutionStatus;
import io.sluice.swf.engine.Message;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.store.ExecutionStore;
import io.sluice.testing.Await;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decisions that reach other executions, on the memory engine with a manual clock:
 * SignalExternalWorkflowExecution, RequestCancelExternalWorkflowExecution, StartChildWorkflowExecution
 * (each event and cause of the API reference), children's outcomes in their parent, child policies
 * when a parent closes, and messages delivered again after a crash.
 */
class ChildWorkflowOperationsTest {
  private static final String D = "orders";
  private MemorySwf swf;

  @BeforeEach
  void domainAndTypes() {
    swf = new MemorySwf();
    types();
  }

  private void types() {
    swf.domain(D);
    swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"flow\",\"version\":\"1\","
        + "\"defaultTaskList\":{\"name\":\"decide\"},\"defaultChildPolicy\":\"TERMINATE\","
        + "\"defaultTaskStartToCloseTimeout\":\"30\",\"defaultExecutionStartToCloseTimeout\":\"3600\"}");
    swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"kid\",\"version\":\"1\","
        + "\"defaultTaskList\":{\"name\":\"kids\"},\"defaultChildPolicy\":\"ABANDON\",\"defaultTaskPriority\":\"3\","
        + "\"defaultTaskStartToCloseTimeout\":\"20\",\"defaultExecutionStartToCloseTimeout\":\"600\"}");
    swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"bare\",\"version\":\"1\"}");
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** Starts {@code workflowId} of type flow with its decision tasks in a task list of its own name. */
  private String start(String workflowId, String childPolicy) {
    return swf.call(StartWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"" + workflowId + "\","
        + "\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"},\"taskList\":{\"name\":\"" + workflowId + "\"}"
        + (childPolicy == null ? "" : ",\"childPolicy\":\"" + childPolicy + "\"") + "}").get("runId").asText();
  }

  private String start(String workflowId) {
    return start(workflowId, null);
  }

  private static String execution(String workflowId, String runId) {
    return "{\"domain\":\"orders\",\"execution\":{\"workflowId\":\"" + workflowId + "\",\"runId\":\"" + runId + "\"}}";
  }

  private String poll(String taskList) {
    return swf.call(PollForDecisionTask::new, "{\"domain\":\"orders\",\"taskList\":{\"name\":\"" + taskList + "\"}}")
        .get("taskToken").asText();
  }

  private void decide(String taskList, String... decisions) {
    swf.call(RespondDecisionTaskCompleted::new, "{\"taskToken\":\"" + poll(taskList) + "\",\"decisions\":["
        + String.join(",", decisions) + "]}");
  }

  private List<JsonNode> events(String workflowId, String runId) {
    JsonNode events = swf.call(GetWorkflowExecutionHistory::new, execution(workflowId, runId)).get("events");
    return StreamSupport.stream(events.spliterator(), false).toList();
  }

  private List<String> types(String workflowId, String runId) {
    return events(workflowId, runId).stream().map(e -> e.get("eventType").asText()).toList();
  }

  /** The attributes of the last event of {@code type}. */
  private JsonNode last(String workflowId, String runId, String type) {
    JsonNode found = null;
    for (JsonNode e : events(workflowId, runId)) {
      if (e.get("eventType").asText().equals(type)) {
        found = e;
      }
    }
    assertTrue(found != null, type + " in " + types(workflowId, runId));
    return found.get(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventAttributes");
  }

  private long eventId(String workflowId, String runId, String type) {
    return events(workflowId, runId).stream().filter(e -> e.get("eventType").asText().equals(type)).findFirst()
        .orElseThrow().get("eventId").asLong();
  }

  private JsonNode describe(String workflowId, String runId) {
    return swf.call(DescribeWorkflowExecution::new, execution(workflowId, runId));
  }

  private static String startChild(String workflowId, String extra) {
    return "{\"decisionType\":\"StartChildWorkflowExecution\",\"startChildWorkflowExecutionDecisionAttributes\":"
        + "{\"workflowType\":{\"name\":\"kid\",\"version\":\"1\"},\"workflowId\":\"" + workflowId + "\","
        + "\"input\":\"in-" + workflowId + "\",\"control\":\"c-" + workflowId + "\"" + extra + "}}";
  }

  private static String startChild(String workflowId) {
    return startChild(workflowId, "");
  }

  private static String signal(String workflowId, String runId) {
    return "{\"decisionType\":\"SignalExternalWorkflowExecution\",\"signalExternalWorkflowExecutionDecisionAttributes\":"
        + "{\"workflowId\":\"" + workflowId + "\"" + (runId == null ? "" : ",\"runId\":\"" + runId + "\"")
        + ",\"signalName\":\"poke\",\"input\":\"hi\",\"control\":\"ctl\"}}";
  }

  private static String cancel(String workflowId, String runId) {
    return "{\"decisionType\":\"RequestCancelExternalWorkflowExecution\","
        + "\"requestCancelExternalWorkflowExecutionDecisionAttributes\":{\"workflowId\":\"" + workflowId + "\""
        + (runId == null ? "" : ",\"runId\":\"" + runId + "\"") + ",\"control\":\"ctl\"}}";
  }

  private static String close(String decisionType, String attributes) {
    return "{\"decisionType\":\"" + decisionType + "\",\"" + Character.toLowerCase(decisionType.charAt(0))
        + decisionType.substring(1) + "DecisionAttributes\":" + attributes + "}";
  }

  /** Starts parent {@code p} (its policy, or the type's TERMINATE) with child {@code c}; the child's runId. */
  private String parentWithChild(String p, String childPolicy, String c) {
    String parentRun = start(p, childPolicy);
    decide(p, startChild(c, ",\"executionStartToCloseTimeout\":\"7200\""));
    return last(p, parentRun, "ChildWorkflowExecutionStarted").get("workflowExecution").get("runId").asText();
  }

  private String openRun(String workflowId) {
    JsonNode open = swf.call(ListOpenWorkflowExecutions::new, "{\"domain\":\"orders\",\"startTimeFilter\":"
        + "{\"oldestDate\":0},\"executionFilter\":{\"workflowId\":\"" + workflowId + "\"}}").get("executionInfos");
    return open.isEmpty() ? null : open.get(0).get("execution").get("runId").asText();
  }

  // ---- SignalExternalWorkflowExecution ------------------------------------------------------------

  @Test
  void aSignalReachesTheOpenRunOfTheWorkflowIdAndTheSenderLearnsItWasSignaled() {
    // Given a sender and a target, the target's first decision task handled
    String target = start("t1");
    decide("t1");
    String sender = start("s1");

    // When the sender's decider signals the target by workflowId only
    decide("s1", signal("t1", null));

    // Then the target records the signal with its sender and gets a decision task
    long initiated = eventId("s1", sender, "SignalExternalWorkflowExecutionInitiated");
    JsonNode initiatedAttributes = last("s1", sender, "SignalExternalWorkflowExecutionInitiated");
    assertEquals("t1", initiatedAttributes.get("workflowId").asText());
    assertFalse(initiatedAttributes.has("runId"));
    assertEquals("poke", initiatedAttributes.get("signalName").asText());
    assertEquals("hi", initiatedAttributes.get("input").asText());
    assertEquals("ctl", initiatedAttributes.get("control").asText());
    assertEquals(initiated - 1, initiatedAttributes.get("decisionTaskCompletedEventId").asLong());
    JsonNode signaled = last("t1", target, "WorkflowExecutionSignaled");
    assertEquals("poke", signaled.get("signalName").asText());
    assertEquals("hi", signaled.get("input").asText());
    assertEquals("s1", signaled.get("externalWorkflowExecution").get("workflowId").asText());
    assertEquals(sender, signaled.get("externalWorkflowExecution").get("runId").asText());
    assertEquals(initiated, signaled.get("externalInitiatedEventId").asLong());
    assertEquals("DecisionTaskScheduled", types("t1", target).getLast());
    // and the sender records ExternalWorkflowExecutionSignaled with the target's run, and a decision task
    JsonNode answered = last("s1", sender, "ExternalWorkflowExecutionSignaled");
    assertEquals("t1", answered.get("workflowExecution").get("workflowId").asText());
    assertEquals(target, answered.get("workflowExecution").get("runId").asText());
    assertEquals(initiated, answered.get("initiatedEventId").asLong());
    assertEquals(List.of("SignalExternalWorkflowExecutionInitiated", "ExternalWorkflowExecutionSignaled",
        "DecisionTaskScheduled"), types("s1", sender).subList(types("s1", sender).size() - 3, types("s1", sender).size()));
  }

  @Test
  void aSignalToAnUnknownOrClosedRunFailsWithUnknownExternalWorkflowExecution() {
    String sender = start("s1");
    String target = start("t1");
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"t1\"}");

    decide("s1", signal("nobody", null), signal("t1", target));

    List<JsonNode> failed = events("s1", sender).stream()
        .filter(e -> e.get("eventType").asText().equals("SignalExternalWorkflowExecutionFailed")).toList();
    assertEquals(2, failed.size());
    JsonNode first = failed.get(0).get("signalExternalWorkflowExecutionFailedEventAttributes");
    assertEquals("nobody", first.get("workflowId").asText());
    assertEquals("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION", first.get("cause").asText());
    assertEquals(eventId("s1", sender, "SignalExternalWorkflowExecutionInitiated"), first.get("initiatedEventId").asLong());
    assertEquals(eventId("s1", sender, "DecisionTaskCompleted"), first.get("decisionTaskCompletedEventId").asLong());
    assertEquals("ctl", first.get("control").asText());
    JsonNode second = failed.get(1).get("signalExternalWorkflowExecutionFailedEventAttributes");
    assertEquals(target, second.get("runId").asText());
    assertEquals("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION", second.get("cause").asText());
    List<String> types = types("s1", sender);
    assertEquals("DecisionTaskScheduled", types.get(types.indexOf("SignalExternalWorkflowExecutionFailed") + 1));
    assertEquals(1, describe("s1", sender).get("openCounts").get("openDecisionTasks").asInt());
    assertEquals("WorkflowExecutionTerminated", types("t1", target).getLast());
  }

  @Test
  void aSignalDeliveredAgainIsRecordedOnce() {
    String sender = start("s1");
    String target = start("t1");
    decide("s1", signal("t1", target));
    long initiated = eventId("s1", sender, "SignalExternalWorkflowExecutionInitiated");
    List<String> before = types("t1", target);
    List<String> senderBefore = types("s1", sender);

    // the message the decision sent, delivered again (as after a crash before it was marked delivered)
    ObjectNode body = last("s1", sender, "SignalExternalWorkflowExecutionInitiated").deepCopy();
    body.put("initiatedEventId", initiated);
    Await.await(swf.services.histories().deliver(new Message(sender + "/" + initiated, "signal-external",
        key("s1", sender), "t1", target, body)));

    assertEquals(before, types("t1", target));
    assertEquals(senderBefore, types("s1", sender));
    assertEquals(1, types("t1", target).stream().filter("WorkflowExecutionSignaled"::equals).count());
  }

  // ---- RequestCancelExternalWorkflowExecution ------------------------------------------------------

  @Test
  void aCancelRequestReachesTheTargetWhichShowsCancelRequestedAndTheSenderLearnsIt() {
    String sender = start("s1");
    String target = start("t1");

    decide("s1", cancel("t1", target));

    long initiated = eventId("s1", sender, "RequestCancelExternalWorkflowExecutionInitiated");
    JsonNode initiatedAttributes = last("s1", sender, "RequestCancelExternalWorkflowExecutionInitiated");
    assertEquals("t1", initiatedAttributes.get("workflowId").asText());
    assertEquals(target, initiatedAttributes.get("runId").asText());
    assertEquals("ctl", initiatedAttributes.get("control").asText());
    JsonNode requested = last("t1", target, "WorkflowExecutionCancelRequested");
    assertEquals("s1", requested.get("externalWorkflowExecution").get("workflowId").asText());
    assertEquals(sender, requested.get("externalWorkflowExecution").get("runId").asText());
    assertEquals(initiated, requested.get("externalInitiatedEventId").asLong());
    assertFalse(requested.has("cause"));
    assertTrue(describe("t1", target).get("executionInfo").get("cancelRequested").asBoolean());
    JsonNode answered = last("s1", sender, "ExternalWorkflowExecutionCancelRequested");
    assertEquals(target, answered.get("workflowExecution").get("runId").asText());
    assertEquals(initiated, answered.get("initiatedEventId").asLong());
    assertEquals("DecisionTaskScheduled", types("s1", sender).getLast());
  }

  @Test
  void aCancelRequestToAnUnknownRunFailsWithUnknownExternalWorkflowExecution() {
    String sender = start("s1");

    decide("s1", cancel("nobody", null));

    JsonNode failed = last("s1", sender, "RequestCancelExternalWorkflowExecutionFailed");
    assertEquals("nobody", failed.get("workflowId").asText());
    assertEquals("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION", failed.get("cause").asText());
    assertEquals(eventId("s1", sender, "RequestCancelExternalWorkflowExecutionInitiated"),
        failed.get("initiatedEventId").asLong());
    assertEquals("ctl", failed.get("control").asText());
    assertEquals("DecisionTaskScheduled", types("s1", sender).getLast());
  }

  // ---- StartChildWorkflowExecution ----------------------------------------------------------------

  @Test
  void aChildStartsWithItsTypesDefaultsAndItsCompletionReachesTheParent() {
    String parent = start("p1");

    decide("p1", startChild("c1", ",\"tagList\":[\"t\"]"));

    // the parent initiated it with every option, the defaults from the child's type
    JsonNode initiated = last("p1", parent, "StartChildWorkflowExecutionInitiated");
    long initiatedId = eventId("p1", parent, "StartChildWorkflowExecutionInitiated");
    assertEquals("c1", initiated.get("workflowId").asText());
    assertEquals("kid", initiated.get("workflowType").get("name").asText());
    assertEquals("kids", initiated.get("taskList").get("name").asText());
    assertEquals("3", initiated.get("taskPriority").asText());
    assertEquals("600", initiated.get("executionStartToCloseTimeout").asText());
    assertEquals("20", initiated.get("taskStartToCloseTimeout").asText());
    assertEquals("ABANDON", initiated.get("childPolicy").asText());
    assertEquals("in-c1", initiated.get("input").asText());
    assertEquals("c-c1", initiated.get("control").asText());
    assertEquals("t", initiated.get("tagList").get(0).asText());
    assertEquals(initiatedId - 1, initiated.get("decisionTaskCompletedEventId").asLong());
    // the child started with its parent
    JsonNode childStarted = last("p1", parent, "ChildWorkflowExecutionStarted");
    String child = childStarted.get("workflowExecution").get("runId").asText();
    assertEquals(initiatedId, childStarted.get("initiatedEventId").asLong());
    assertEquals("kid", childStarted.get("workflowType").get("name").asText());
    JsonNode started = last("c1", child, "WorkflowExecutionStarted");
    assertEquals("p1", started.get("parentWorkflowExecution").get("workflowId").asText());
    assertEquals(parent, started.get("parentWorkflowExecution").get("runId").asText());
    assertEquals(initiatedId, started.get("parentInitiatedEventId").asLong());
    assertEquals("in-c1", started.get("input").asText());
    assertEquals("kids", started.get("taskList").get("name").asText());
    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled"), types("c1", child));
    assertEquals(1, describe("p1", parent).get("openCounts").get("openChildWorkflowExecutions").asInt());
    assertEquals(parent, describe("c1", child).get("executionInfo").get("parent").get("runId").asText());

    // When the parent has decided and the child completes
    decide("p1");
    decide("kids", close("CompleteWorkflowExecution", "{\"result\":\"done\"}"));

    // Then the parent records it, with a decision task
    JsonNode completed = last("p1", parent, "ChildWorkflowExecutionCompleted");
    assertEquals("done", completed.get("result").asText());
    assertEquals(child, completed.get("workflowExecution").get("runId").asText());
    assertEquals(initiatedId, completed.get("initiatedEventId").asLong());
    assertEquals(eventId("p1", parent, "ChildWorkflowExecutionStarted"), completed.get("startedEventId").asLong());
    assertEquals("DecisionTaskScheduled", types("p1", parent).getLast());
    assertEquals(0, describe("p1", parent).get("openCounts").get("openChildWorkflowExecutions").asInt());
  }

  @Test
  void eachWayAChildClosesReachesItsParentAsItsEvent() {
    String parent = start("p1");
    decide("p1", startChild("failing"), startChild("canceling"), startChild("late"), startChild("killed"));
    decide("p1");
    assertEquals(4, describe("p1", parent).get("openCounts").get("openChildWorkflowExecutions").asInt());

    decide("kids", close("FailWorkflowExecution", "{\"reason\":\"r\",\"details\":\"d\"}"));
    decide("kids", close("CancelWorkflowExecution", "{\"details\":\"cd\"}"));
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"killed\",\"reason\":\"x\"}");
    swf.clock.advanceSeconds(600);
    Await.await(new TimerDriver(swf.services, "node").tick());

    JsonNode failed = last("p1", parent, "ChildWorkflowExecutionFailed");
    assertEquals("failing", failed.get("workflowExecution").get("workflowId").asText());
    assertEquals("r", failed.get("reason").asText());
    assertEquals("d", failed.get("details").asText());
    assertEquals("cd", last("p1", parent, "ChildWorkflowExecutionCanceled").get("details").asText());
    JsonNode terminated = last("p1", parent, "ChildWorkflowExecutionTerminated");
    assertEquals("killed", terminated.get("workflowExecution").get("workflowId").asText());
    assertFalse(terminated.has("reason"));
    JsonNode timedOut = last("p1", parent, "ChildWorkflowExecutionTimedOut");
    assertEquals("late", timedOut.get("workflowExecution").get("workflowId").asText());
    assertEquals("START_TO_CLOSE", timedOut.get("timeoutType").asText());
    assertTrue(timedOut.get("startedEventId").asLong() > timedOut.get("initiatedEventId").asLong());
    assertEquals(0, describe("p1", parent).get("openCounts").get("openChildWorkflowExecutions").asInt());
  }

  @Test
  void aChildThatContinuesAsNewKeepsItsParentInItsNewRun() {
    String parent = start("p1");
    decide("p1", startChild("c1"));
    long initiatedId = eventId("p1", parent, "StartChildWorkflowExecutionInitiated");
    String child = last("p1", parent, "ChildWorkflowExecutionStarted").get("workflowExecution").get("runId").asText();

    decide("kids", close("ContinueAsNewWorkflowExecution", "{\"input\":\"again\"}"));
    String next = openRun("c1");
    JsonNode started = last("c1", next, "WorkflowExecutionStarted");
    assertEquals(parent, started.get("parentWorkflowExecution").get("runId").asText());
    assertEquals(initiatedId, started.get("parentInitiatedEventId").asLong());
    assertEquals(child, started.get("continuedExecutionRunId").asText());
    assertFalse(types("p1", parent).contains("ChildWorkflowExecutionCompleted"));
    decide("kids", close("CompleteWorkflowExecution", "{\"result\":\"second\"}"));

    JsonNode completed = last("p1", parent, "ChildWorkflowExecutionCompleted");
    assertNotEquals(child, next);
    assertEquals(next, completed.get("workflowExecution").get("runId").asText());
    assertEquals("second", completed.get("result").asText());
    assertEquals(initiatedId, completed.get("initiatedEventId").asLong());
  }

  @Test
  void aChildThatCannotStartFailsAtOnceWithAwsCauseAndNoInitiatedEvent() {
    String parent = start("p1");
    swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"old\",\"version\":\"1\"}");
    swf.call(DeprecateWorkflowType::new, MemorySwf.typeIn(D, "workflow", "old", "1"));
    String typed = "{\"decisionType\":\"StartChildWorkflowExecution\",\"startChildWorkflowExecutionDecisionAttributes\":"
        + "{\"workflowType\":{\"name\":\"%s\",\"version\":\"1\"},\"workflowId\":\"%s\"%s}}";

    decide("p1", typed.formatted("none", "a", ""), typed.formatted("old", "b", ""),
        typed.formatted("bare", "c", ""),
        typed.formatted("bare", "d", ",\"executionStartToCloseTimeout\":\"60\""),
        typed.formatted("bare", "e", ",\"executionStartToCloseTimeout\":\"60\",\"taskList\":{\"name\":\"x\"}"),
        typed.formatted("bare", "f", ",\"executionStartToCloseTimeout\":\"60\",\"taskList\":{\"name\":\"x\"},"
            + "\"taskStartToCloseTimeout\":\"5\""));

    List<JsonNode> failed = events("p1", parent).stream()
        .filter(e -> e.get("eventType").asText().equals("StartChildWorkflowExecutionFailed"))
        .map(e -> e.get("startChildWorkflowExecutionFailedEventAttributes")).toList();
    assertEquals(List.of("WORKFLOW_TYPE_DOES_NOT_EXIST", "WORKFLOW_TYPE_DEPRECATED",
        "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED", "DEFAULT_TASK_LIST_UNDEFINED",
        "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED", "DEFAULT_CHILD_POLICY_UNDEFINED"),
        failed.stream().map(f -> f.get("cause").asText()).toList());
    assertEquals(0, failed.get(0).get("initiatedEventId").asLong());
    assertEquals("a", failed.get(0).get("workflowId").asText());
    assertEquals("none", failed.get(0).get("workflowType").get("name").asText());
    assertFalse(types("p1", parent).contains("StartChildWorkflowExecutionInitiated"));
    assertEquals("DecisionTaskScheduled", types("p1", parent).getLast());
  }

  @Test
  void aChildWhoseWorkflowIdHasAnotherOpenRunFailsAsAlreadyRunning() {
    String parent = start("p1");
    String other = start("c1");

    decide("p1", startChild("c1"));

    JsonNode failed = last("p1", parent, "StartChildWorkflowExecutionFailed");
    assertEquals("WORKFLOW_ALREADY_RUNNING", failed.get("cause").asText());
    assertEquals(eventId("p1", parent, "StartChildWorkflowExecutionInitiated"), failed.get("initiatedEventId").asLong());
    assertEquals(eventId("p1", parent, "DecisionTaskCompleted"), failed.get("decisionTaskCompletedEventId").asLong());
    assertEquals("c-c1", failed.get("control").asText());
    assertEquals(other, openRun("c1"));
    assertEquals(0, describe("p1", parent).get("openCounts").get("openChildWorkflowExecutions").asInt());
    assertEquals("DecisionTaskScheduled", types("p1", parent).getLast());
  }

  @Test
  void aChildPastTheOpenChildrenLimitFailsAndOneFitsAgainOnceAChildClosed() {
    assertEquals(1000, MemorySwf.CONFIGURED.openChildrenLimit());
    swf = new MemorySwf(new SwfConfig(100, 10_000, 2));
    types();
    String parent = start("p1");

    decide("p1", startChild("c0"), startChild("c1"), startChild("c2"));

    assertEquals(2, describe("p1", parent).get("openCounts").get("openChildWorkflowExecutions").asInt());
    JsonNode failed = last("p1", parent, "StartChildWorkflowExecutionFailed");
    assertEquals("OPEN_CHILDREN_LIMIT_EXCEEDED", failed.get("cause").asText());
    assertEquals("c2", failed.get("workflowId").asText());
    assertEquals(0, failed.get("initiatedEventId").asLong());
    decide("kids", close("CompleteWorkflowExecution", "{}"));
    decide("p1", startChild("c2"));
    assertEquals(2, describe("p1", parent).get("openCounts").get("openChildWorkflowExecutions").asInt());
    assertEquals(1, types("p1", parent).stream().filter("StartChildWorkflowExecutionFailed"::equals).count());
  }

  @Test
  void aChildPastTheDomainsOpenExecutionLimitFailsAfterItsInitiatedEvent() {
    swf = new MemorySwf(new SwfConfig(100, 10_000, 1_000, 3));
    types();
    String parent = start("p1");
    start("p2");

    decide("p1", startChild("c1"), startChild("c2"));

    assertTrue(openRun("c1") != null);
    assertEquals(null, openRun("c2"));
    JsonNode failed = last("p1", parent, "StartChildWorkflowExecutionFailed");
    assertEquals("OPEN_WORKFLOWS_LIMIT_EXCEEDED", failed.get("cause").asText());
    assertEquals("c2", failed.get("workflowId").asText());
    assertEquals("c-c2", failed.get("control").asText());
    assertTrue(failed.get("initiatedEventId").asLong() > 0);
    assertEquals(1, describe("p1", parent).get("openCounts").get("openChildWorkflowExecutions").asInt());
    assertEquals(1, describe("p1", parent).get("openCounts").get("openDecisionTasks").asInt());

    // once a run closed, a child fits again
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"p2\"}");
    decide("p1", startChild("c2"));
    assertTrue(openRun("c2") != null);
  }

  @Test
  void aStartCarriedOutAgainAfterACrashStartsNoSecondChild() {
    // Given a store that fails the parent's first ChildWorkflowExecutionStarted commit (the node died
    // after the child started)
    AtomicBoolean crashed = new AtomicBoolean();
    swf = new MemorySwf(MemorySwf.CONFIGURED, memory -> (ExecutionStore) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ExecutionStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("commit") && args[3].toString().contains("\"ChildWorkflowExecutionStarted\"")
              && crashed.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new IllegalStateException("node died"));
          }
          try {
            return method.invoke(memory, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
    types();
    String parent = start("p1");
    decide("p1", startChild("c1"));
    String child = openRun("c1");
    assertTrue(child != null);
    assertFalse(types("p1", parent).contains("ChildWorkflowExecutionStarted"));

    // When the decision's effects are carried out again once their lease ended, and the start delivered once more
    swf.clock.advanceSeconds(6);
    Await.await(new TimerDriver(swf.services, "other-node").tick());
    long initiated = eventId("p1", parent, "StartChildWorkflowExecutionInitiated");
    ObjectNode body = last("p1", parent, "StartChildWorkflowExecutionInitiated").deepCopy();
    body.put("initiatedEventId", initiated);
    Await.await(swf.services.histories().deliver(
        new Message(parent + "/" + initiated, "start-child", key("p1", parent), "c1", null, body)));

    // Then the child that started is the parent's child, and no other run was started
    assertEquals(child, last("p1", parent, "ChildWorkflowExecutionStarted").get("workflowExecution").get("runId").asText());
    assertEquals(1, types("p1", parent).stream().filter("ChildWorkflowExecutionStarted"::equals).count());
    assertEquals(child, openRun("c1"));
    assertEquals(1, swf.call(CountOpenWorkflowExecutions::new, "{\"domain\":\"orders\",\"startTimeFilter\":"
        + "{\"oldestDate\":0},\"executionFilter\":{\"workflowId\":\"c1\"}}").get("count").asInt());
  }

  // ---- child policies -----------------------------------------------------------------------------

  @Test
  void terminatingAParentTerminatesItsChildrenUnderTerminateAndTheRequestOverridesThePolicy() {
    String child = parentWithChild("p1", null, "c1");
    String abandoned = parentWithChild("p2", null, "c2");

    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"p1\"}");
    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"p2\",\"childPolicy\":\"ABANDON\"}");

    JsonNode terminated = last("c1", child, "WorkflowExecutionTerminated");
    assertEquals("CHILD_POLICY_APPLIED", terminated.get("cause").asText());
    assertEquals("ABANDON", terminated.get("childPolicy").asText());
    assertEquals("TERMINATED", describe("c1", child).get("executionInfo").get("closeStatus").asText());
    assertEquals("OPEN", describe("c2", abandoned).get("executionInfo").get("executionStatus").asText());
    assertEquals(List.of("WorkflowExecutionStarted", "DecisionTaskScheduled"), types("c2", abandoned));
  }

  @Test
  void aChildIsListedWithItsParentAndAsClosedOnceItsParentsPolicyTerminatedIt() {
    String child = parentWithChild("p1", null, "c1");
    String listing = "{\"domain\":\"orders\",\"startTimeFilter\":{\"oldestDate\":0},"
        + "\"executionFilter\":{\"workflowId\":\"c1\"}}";
    JsonNode open = swf.call(ListOpenWorkflowExecutions::new, listing).get("executionInfos").get(0);
    assertEquals(child, open.get("execution").get("runId").asText());
    assertEquals("p1", open.get("parent").get("workflowId").asText());

    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"p1\"}");

    assertEquals(0, swf.call(ListOpenWorkflowExecutions::new, listing).get("executionInfos").size());
    JsonNode closed = swf.call(ListClosedWorkflowExecutions::new, listing).get("executionInfos").get(0);
    assertEquals("TERMINATED", closed.get("closeStatus").asText());
    assertEquals("p1", closed.get("parent").get("workflowId").asText());
  }

  @Test
  void completingAParentUnderRequestCancelAsksItsChildrenToCancel() {
    String child = parentWithChild("p1", "REQUEST_CANCEL", "c1");

    decide("p1", close("CompleteWorkflowExecution", "{}"));

    JsonNode requested = last("c1", child, "WorkflowExecutionCancelRequested");
    assertEquals("CHILD_POLICY_APPLIED", requested.get("cause").asText());
    assertFalse(requested.has("externalWorkflowExecution"));
    assertTrue(describe("c1", child).get("executionInfo").get("cancelRequested").asBoolean());
    assertEquals("OPEN", describe("c1", child).get("executionInfo").get("executionStatus").asText());
  }

  @Test
  void aParentThatTimesOutOrContinuesAsNewAppliesItsPolicy() {
    String timedOutChild = parentWithChild("p1", null, "c1");
    String continuedChild = parentWithChild("p2", null, "c2");

    decide("p2", close("ContinueAsNewWorkflowExecution", "{}"));
    swf.clock.advanceSeconds(3600);
    Await.await(new TimerDriver(swf.services, "node").tick());

    assertEquals("CHILD_POLICY_APPLIED", last("c1", timedOutChild, "WorkflowExecutionTerminated").get("cause").asText());
    assertEquals("CHILD_POLICY_APPLIED", last("c2", continuedChild, "WorkflowExecutionTerminated").get("cause").asText());
  }

  @Test
  void aChildInitiatedByDecisionsThatAlsoClosedTheParentGetsThePolicyAsItStarts() {
    String parent = start("p1");

    decide("p1", startChild("c1"), close("CompleteWorkflowExecution", "{}"));

    assertEquals("WorkflowExecutionCompleted", types("p1", parent).getLast());
    String child = eventsOfClosed("c1");
    assertEquals("CHILD_POLICY_APPLIED", last("c1", child, "WorkflowExecutionTerminated").get("cause").asText());
  }

  @Test
  void aChildTerminatedByItsParentsPolicyAppliesItsOwnPolicyToItsChildren() {
    String child = parentWithChild("p1", null, "c1");
    decide("kids", startChild("g1", ",\"taskList\":{\"name\":\"grand\"},\"childPolicy\":\"TERMINATE\""));
    // c1's own policy (its type's default) is ABANDON: a grandchild started with TERMINATE is its child's
    String grandchild = last("c1", child, "ChildWorkflowExecutionStarted").get("workflowExecution").get("runId").asText();

    swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"p1\"}");

    assertEquals("TERMINATED", describe("c1", child).get("executionInfo").get("closeStatus").asText());
    assertEquals("OPEN", describe("g1", grandchild).get("executionInfo").get("executionStatus").asText());
  }

  @Test
  void aChildsCloseAndAChildPolicyDeliveredAgainAreRecordedOnce() {
    String child = parentWithChild("p1", "REQUEST_CANCEL", "c1");
    String parent = openRun("p1");
    long initiated = eventId("p1", parent, "StartChildWorkflowExecutionInitiated");
    Message policy = ChildMessages.policy(key("p1", parent), "c1", initiated, "REQUEST_CANCEL");
    Await.await(swf.services.histories().deliver(policy));
    Await.await(swf.services.histories().deliver(policy));
    assertEquals(1, types("c1", child).stream().filter("WorkflowExecutionCancelRequested"::equals).count());

    decide("kids", close("CompleteWorkflowExecution", "{\"result\":\"r\"}"));
    Execution closed = Await.await(swf.services.histories().read(key("c1", child))).orElseThrow();
    Await.await(swf.services.histories().deliver(ChildMessages.closed(key("c1", child), closed,
        ExecutionStatus.COMPLETED, (ObjectNode) last("c1", child, "WorkflowExecutionCompleted"))));

    assertEquals(1, types("p1", parent).stream().filter("ChildWorkflowExecutionCompleted"::equals).count());
    assertEquals("r", last("p1", parent, "ChildWorkflowExecutionCompleted").get("result").asText());
  }

  /** The runId of the workflowId's only run, closed. */
  private String eventsOfClosed(String workflowId) {
    JsonNode closed = swf.call(ListClosedWorkflowExecutions::new, "{\"domain\":\"orders\",\"startTimeFilter\":"
        + "{\"oldestDate\":0},\"executionFilter\":{\"workflowId\":\"" + workflowId + "\"}}").get("executionInfos");
    assertEquals(1, closed.size());
    return closed.get(0).get("execution").get("runId").asText();
  }

  private static ExecutionKey key(String workflowId, String runId) {
    return new ExecutionKey(new DomainId(MemorySwf.REGION, MemorySwf.ACCOUNT, D), workflowId, runId);
  }
}
