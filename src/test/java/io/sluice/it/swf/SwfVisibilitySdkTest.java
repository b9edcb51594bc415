package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.Instant;
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
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * The visibility actions through the AWS SDK v2 {@code SwfClient} on each engine: open and closed runs
 * listed newest first in pages and filtered, counted, and a task list's pending decision tasks counted.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SwfVisibilitySdkTest {
  static final ManualClock CLOCK = new ManualClock(1_780_000_000_000L);
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  static final String PREFIX = RedisTestServer.uniquePrefix("swf-vis");

  @Parameter
  Engine engine;
  SwfClient swf;

  @BeforeAll
  static void start() {
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, CLOCK, Map.of()));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, CLOCK, Map.of(), PREFIX));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  @BeforeEach
  void client() {
    swf = SwfClients.sync(NODES.get(engine).endpoint());
  }

  @AfterEach
  void closeClient() {
    swf.close();
  }

  private String domainWithType() {
    String domain = TestSluice.uniqueName("vis-" + engine.name().toLowerCase());
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(r -> r.domain(domain).name("order").version("1").defaultTaskList(t -> t.name("decide"))
        .defaultChildPolicy("TERMINATE").defaultTaskStartToCloseTimeout("30")
        .defaultExecutionStartToCloseTimeout("600"));
    return domain;
  }

  private void start(String domain, String workflowId, String tag) {
    swf.startWorkflowExecution(r -> r.domain(domain).workflowId(workflowId).tagList(tag)
        .workflowType(WorkflowType.builder().name("order").version("1").build()));
    CLOCK.advanceSeconds(1);
  }

  private static List<String> ids(ListOpenWorkflowExecutionsResponse infos) {
    return infos.executionInfos().stream().map(i -> i.execution().workflowId()).toList();
  }

  @Test
  void openAndClosedRunsAreListedCountedAndFiltered() {
    String domain = domainWithType();
    ExecutionTimeFilter since = ExecutionTimeFilter.builder().oldestDate(CLOCK.instant().minusSeconds(1)).build();
    start(domain, "w1", "a");
    start(domain, "w2", "b");
    start(domain, "w3", "a");
    swf.terminateWorkflowExecution(r -> r.domain(domain).workflowId("w2").reason("enough"));

    assertEquals(List.of("w3", "w1"), ids(swf.listOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since))));
    ListOpenWorkflowExecutionsResponse first = swf.listOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since)
        .reverseOrder(true).maximumPageSize(1));
    assertEquals(List.of("w1"), ids(first));
    assertEquals(List.of("w3"), ids(swf.listOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since)
        .reverseOrder(true).maximumPageSize(1).nextPageToken(first.nextPageToken()))));
    assertEquals(List.of("w3", "w1"), ids(swf.listOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since)
        .tagFilter(t -> t.tag("a")))));

    WorkflowExecutionInfo closed = swf.listClosedWorkflowExecutions(r -> r.domain(domain)
        .closeTimeFilter(since).closeStatusFilter(c -> c.status(CloseStatus.TERMINATED))).executionInfos().getFirst();
    assertEquals("w2", closed.execution().workflowId());
    assertEquals(CloseStatus.TERMINATED, closed.closeStatus());
    assertEquals(Instant.ofEpochMilli(CLOCK.millis()), closed.closeTimestamp());

    assertEquals(2, swf.countOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since)).count());
    assertFalse(swf.countOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since)).truncated());
    assertEquals(1, swf.countClosedWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since)
        .executionFilter(e -> e.workflowId("w2"))).count());
    assertEquals(3, swf.countPendingDecisionTasks(r -> r.domain(domain).taskList(t -> t.name("decide"))).count());
    assertEquals(0, swf.countPendingActivityTasks(r -> r.domain(domain).taskList(t -> t.name("decide"))).count());

    SwfException refused = assertThrows(SwfException.class, () -> swf.listClosedWorkflowExecutions(r -> r
        .domain(domain).startTimeFilter(since).closeTimeFilter(since)));
    assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
  }

  @Test
  void runsArePagedNewestFirstWithTiesByWorkflowIdAndClosedOnesByCloseTime() {
    String domain = domainWithType();
    ExecutionTimeFilter since = ExecutionTimeFilter.builder().oldestDate(CLOCK.instant().minusSeconds(1)).build();
    for (int i = 0; i < 7; i++) {
      start(domain, "p" + i, "t");
    }
    for (String workflowId : List.of("q2", "q1")) {
      swf.startWorkflowExecution(r -> r.domain(domain).workflowId(workflowId)
          .workflowType(WorkflowType.builder().name("order").version("1").build()));
    }

    List<List<String>> pages = swf.listOpenWorkflowExecutionsPaginator(r -> r.domain(domain).startTimeFilter(since)
        .maximumPageSize(4)).stream().map(SwfVisibilitySdkTest::ids).toList();
    assertEquals(List.of(List.of("q2", "q1", "p6", "p5"), List.of("p4", "p3", "p2", "p1"), List.of("p0")), pages);
    assertEquals(List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "q1", "q2"), swf.listOpenWorkflowExecutionsPaginator(
        r -> r.domain(domain).startTimeFilter(since).reverseOrder(true).maximumPageSize(2)).stream()
        .flatMap(page -> ids(page).stream()).toList());

    for (String workflowId : List.of("p3", "p1", "p5")) {
      CLOCK.advanceSeconds(1);
      swf.terminateWorkflowExecution(r -> r.domain(domain).workflowId(workflowId));
    }
    swf.requestCancelWorkflowExecution(r -> r.domain(domain).workflowId("p0"));

    assertEquals(List.of("p5", "p1", "p3"), swf.listClosedWorkflowExecutionsPaginator(r -> r.domain(domain)
        .closeTimeFilter(since).maximumPageSize(1)).stream()
        .flatMap(page -> page.executionInfos().stream().map(i -> i.execution().workflowId())).toList());
    assertEquals(6, swf.countOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since)).count());
    assertEquals(3, swf.countClosedWorkflowExecutions(r -> r.domain(domain).closeTimeFilter(since)
        .tagFilter(t -> t.tag("t"))).count());
    WorkflowExecutionInfo cancelling = swf.listOpenWorkflowExecutions(r -> r.domain(domain).startTimeFilter(since)
        .executionFilter(e -> e.workflowId("p0"))).executionInfos().getFirst();
    assertTrue(cancelling.cancelRequested());
  }
}
