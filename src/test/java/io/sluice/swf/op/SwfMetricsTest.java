package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SWF's CloudWatch metrics as Micrometer meters {@code swf.<metric>}, tagged with AWS's dimensions,
 * after workflows run on the memory engine with a manual clock.
 */
class SwfMetricsTest {
  private final Runs runs = new Runs("NONE");

  private static final String[] WORKFLOW = {"Domain", "orders", "WorkflowTypeName", "flow", "WorkflowTypeVersion", "1"};
  private static final String[] ACTIVITY = {"Domain", "orders", "ActivityTypeName", "work", "ActivityTypeVersion", "1"};

  private Counter counter(String name, String... tags) {
    return runs.swf.meters.find("swf." + name).tags(tags).counter();
  }

  private Timer timer(String name, String... tags) {
    return runs.swf.meters.get("swf." + name).tags(tags).timer();
  }

  @Test
  void aCompletedWorkflowIsMeasuredPerDomainAndType() {
    // Given a run: decision task started 2 s after it was scheduled and completed 1 s later; its
    // activity started 2 s after scheduled, completed 4 s later; the workflow completed at 11 s
    runs.start("w1");
    runs.swf.clock.advanceSeconds(2);
    String decision = runs.pollDecision();
    runs.swf.clock.advanceSeconds(1);
    runs.decide(decision, Runs.schedule("a1", ""));
    runs.swf.clock.advanceSeconds(2);
    String work = runs.pollActivity();
    runs.swf.clock.advanceSeconds(4);
    runs.swf.call(RespondActivityTaskCompleted::new, "{\"taskToken\":\"" + work + "\"}");
    runs.swf.clock.advanceSeconds(1);
    decision = runs.pollDecision();
    runs.swf.clock.advanceSeconds(1);
    runs.decide(decision, "{\"decisionType\":\"CompleteWorkflowExecution\"}");

    assertEquals(2, counter("DecisionTasksCompleted", WORKFLOW).count());
    Timer scheduleToStart = timer("DecisionTaskScheduleToStartTime", WORKFLOW);
    assertEquals(2, scheduleToStart.count());
    assertEquals(2_000 + 1_000, scheduleToStart.totalTime(TimeUnit.MILLISECONDS));
    assertEquals(2_000, timer("DecisionTaskStartToCloseTime", WORKFLOW).totalTime(TimeUnit.MILLISECONDS));
    assertEquals(2_000, timer("ActivityTaskScheduleToStartTime", ACTIVITY).totalTime(TimeUnit.MILLISECONDS));
    assertEquals(4_000, timer("ActivityTaskStartToCloseTime", ACTIVITY).totalTime(TimeUnit.MILLISECONDS));
    assertEquals(6_000, timer("ActivityTaskScheduleToCloseTime", ACTIVITY).totalTime(TimeUnit.MILLISECONDS));
    assertEquals(1, counter("ActivityTasksCompleted", ACTIVITY).count());
    assertEquals(1, counter("WorkflowsCompleted", WORKFLOW).count());
    assertEquals(11_000, timer("WorkflowStartToCloseTime", WORKFLOW).totalTime(TimeUnit.MILLISECONDS));
    assertNull(counter("WorkflowsFailed", WORKFLOW));
  }

  @Test
  void failuresTimeoutsAndTerminationsAreCountedByKind() {
    // Given three activities: one fails, one times out before it starts, one started and canceled
    runs.start("w1");
    runs.decide(Runs.schedule("a1", "") + "," + Runs.schedule("a2", ",\"taskList\":{\"name\":\"nobody\"}") + ","
        + Runs.schedule("a3", ""));
    String a1 = runs.pollActivity();
    String a3 = runs.pollActivity();
    runs.swf.call(RespondActivityTaskFailed::new, "{\"taskToken\":\"" + a1 + "\"}");
    runs.advance(60);
    runs.decide("{\"decisionType\":\"RequestCancelActivityTask\",\"requestCancelActivityTaskDecisionAttributes\":"
        + "{\"activityId\":\"a3\"}}");
    runs.swf.call(RespondActivityTaskCanceled::new, "{\"taskToken\":\"" + a3 + "\"}");
    // and a decision task that times out, then the run terminated by its operator
    runs.pollDecision();
    runs.advance(30);
    runs.swf.call(TerminateWorkflowExecution::new, "{\"domain\":\"orders\",\"workflowId\":\"w1\"}");

    assertEquals(1, counter("ActivityTasksFailed", ACTIVITY).count());
    assertEquals(1, counter("ScheduledActivityTasksTimedOutOnStart", ACTIVITY).count());
    assertEquals(1, counter("ActivityTasksCanceled", ACTIVITY).count());
    assertEquals(3, timer("ActivityTaskScheduleToCloseTime", ACTIVITY).count());
    assertEquals(2, timer("ActivityTaskStartToCloseTime", ACTIVITY).count());
    assertEquals(1, counter("StartedDecisionTasksTimedOutOnClose", WORKFLOW).count());
    assertEquals(1, runs.swf.meters.get("swf.WorkflowsTerminated").tags(WORKFLOW).tag("Cause", "OPERATOR_INITIATED")
        .counter().count());
    assertEquals(90_000, timer("WorkflowStartToCloseTime", WORKFLOW).totalTime(TimeUnit.MILLISECONDS));
  }

  @Test
  void startedTasksTimingOutAreCountedOnCloseAndOnHeartbeat() {
    Runs beating = new Runs("10");
    beating.start("w1");
    beating.decide(Runs.schedule("a1", "") + "," + Runs.schedule("a2", ",\"heartbeatTimeout\":\"NONE\""));
    beating.pollActivity();
    beating.pollActivity();

    beating.advance(120);

    assertEquals(1, beating.swf.meters.get("swf.StartedActivityTasksTimedOutOnHeartbeat").tags(ACTIVITY).counter()
        .count());
    assertEquals(1, beating.swf.meters.get("swf.StartedActivityTasksTimedOutOnClose").tags(ACTIVITY).counter()
        .count());
  }
}
