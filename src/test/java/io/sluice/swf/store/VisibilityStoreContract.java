package io.sluice.swf.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TypeRef;
import io.sluice.swf.model.WorkflowExecution;
import io.sluice.swf.store.VisibilityStore.Field;
import io.sluice.swf.store.VisibilityStore.Filter;
import io.sluice.swf.store.VisibilityStore.Page;
import io.sluice.swf.store.VisibilityStore.Position;
import io.sluice.swf.store.VisibilityStore.Query;
import io.sluice.swf.store.VisibilityStore.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link VisibilityStore}: every engine extends this class and must pass
 * every test. Subclasses give a store without runs before each test. Times are epoch millis passed
 * in; nothing reads a clock.
 */
public abstract class VisibilityStoreContract {
  private static final DomainId DOMAIN = new DomainId("us-east-1", "000000000000", "orders");
  private static final long T0 = 1_700_000_000_000L;
  private static final TypeRef FLOW = new TypeRef("flow", "1");

  protected VisibilityStore store;

  protected abstract VisibilityStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  private static RunSummary open(String workflowId, String runId, long started, String... tags) {
    return new RunSummary(workflowId, runId, FLOW, List.of(tags), started, null, null, false, null);
  }

  private static RunSummary closed(RunSummary run, long closed, String status) {
    return new RunSummary(run.workflowId(), run.runId(), run.workflowType(), run.tagList(), run.started(), closed,
        status, run.cancelRequested(), run.parent());
  }

  private static Query openRuns(Filter filter) {
    return new Query(true, false, 0, Long.MAX_VALUE, filter, 0);
  }

  private static Query closedRuns(boolean byClose, Filter filter, long retainedSince) {
    return new Query(false, byClose, 0, Long.MAX_VALUE, filter, retainedSince);
  }

  /** Every run {@code query} selects, one page of {@code size} after another, and their count. */
  private List<RunSummary> all(Query query, boolean newestFirst, int size) {
    List<RunSummary> runs = new ArrayList<>();
    Position after = null;
    for (int pages = 0; ; pages++) {
      Page page = await(store.page(DOMAIN, query, after, newestFirst, size));
      assertTrue(page.runs().size() <= size, "a page holds at most its size");
      runs.addAll(page.runs());
      if (!page.more()) {
        break;
      }
      assertEquals(size, page.runs().size(), "only the last page is short");
      RunSummary last = page.runs().getLast();
      after = new Position(query.time(last), last.workflowId(), last.runId());
    }
    return runs;
  }

  private static List<String> runIds(List<RunSummary> runs) {
    return runs.stream().map(RunSummary::runId).toList();
  }

  private List<String> listed(Query query) {
    return runIds(all(query, true, VisibilityStore.MAX_PAGE));
  }

  @Test
  void openRunsAreListedWithTheirSummaryNewestFirstOrOldestFirst() {
    RunSummary child = new RunSummary("w2", "r2", new TypeRef("flow", "2"), List.of("a", "b"), T0 + 2, null, null,
        true, new WorkflowExecution("p", "pr"));
    await(store.opened(DOMAIN, open("w1", "r1", T0 + 1)));
    await(store.opened(DOMAIN, child));
    await(store.opened(DOMAIN, open("w3", "r3", T0 + 3)));

    assertEquals(List.of("r3", "r2", "r1"), listed(openRuns(null)));
    assertEquals(List.of("r1", "r2", "r3"), runIds(all(openRuns(null), false, 1000)));
    assertEquals(child, await(store.page(DOMAIN, openRuns(null), new Position(T0 + 3, "w3", "r3"), true, 1))
        .runs().getFirst());
    assertEquals(3L, await(store.count(DOMAIN, openRuns(null))));
    assertEquals(List.of(), listed(closedRuns(false, null, 0)));
  }

  @Test
  void runsOfOneTimeAreOrderedByWorkflowIdThenRunId() {
    await(store.opened(DOMAIN, open("w1", "b", T0)));
    await(store.opened(DOMAIN, open("w", "z", T0)));
    await(store.opened(DOMAIN, open("w1", "a", T0)));
    await(store.opened(DOMAIN, open("v", "c", T0 + 1)));

    assertEquals(List.of("z", "a", "b", "c"), runIds(all(openRuns(null), false, 2)));
    assertEquals(List.of("c", "b", "a", "z"), runIds(all(openRuns(null), true, 3)));
  }

  @Test
  void aClosedRunLeavesTheOpenListingsForTheClosedOnesByStartAndCloseTime() {
    RunSummary first = open("w1", "r1", T0);
    RunSummary second = open("w2", "r2", T0 + 10);
    await(store.opened(DOMAIN, first));
    await(store.opened(DOMAIN, second));

    await(store.closed(DOMAIN, closed(first, T0 + 30, "COMPLETED")));
    await(store.closed(DOMAIN, closed(second, T0 + 20, "TERMINATED")));

    assertEquals(List.of(), listed(openRuns(null)));
    assertEquals(List.of("r2", "r1"), listed(closedRuns(false, null, 0)));
    assertEquals(List.of("r1", "r2"), listed(closedRuns(true, null, 0)));
    assertEquals(closed(first, T0 + 30, "COMPLETED"),
        await(store.page(DOMAIN, closedRuns(true, null, 0), null, true, 1)).runs().getFirst());
    assertEquals(0L, await(store.count(DOMAIN, openRuns(null))));
    assertEquals(2L, await(store.count(DOMAIN, closedRuns(true, null, 0))));
  }

  @Test
  void everyChangeIsIdempotentAndAReplayedOpenedNeverReopensARun() {
    RunSummary run = open("w", "r", T0, "t");
    RunSummary done = closed(run, T0 + 5, "COMPLETED");

    await(store.closed(DOMAIN, done));
    await(store.opened(DOMAIN, run));
    await(store.closed(DOMAIN, done));
    await(store.changed(DOMAIN, new RunSummary("w", "r", FLOW, List.of("t"), T0, null, null, true, null)));

    assertEquals(List.of(), listed(openRuns(null)));
    assertEquals(List.of(done), all(closedRuns(false, null, 0), true, 10));
    assertEquals(1L, await(store.count(DOMAIN, closedRuns(false, new Filter(Field.TAG, "t", null), 0))));

    await(store.opened(DOMAIN, open("w2", "r2", T0)));
    await(store.opened(DOMAIN, open("w2", "r2", T0)));
    assertEquals(List.of("r2"), listed(openRuns(null)));
    await(store.removed(new ExecutionKey(DOMAIN, "w", "r")));
    await(store.removed(new ExecutionKey(DOMAIN, "w", "r")));
    assertEquals(0L, await(store.count(DOMAIN, closedRuns(false, null, 0))));
    assertEquals(0L, await(store.count(DOMAIN, closedRuns(true, new Filter(Field.CLOSE_STATUS, "COMPLETED", null), 0))));
  }

  @Test
  void changedReplacesAnOpenRunsSummaryAndASecondOpenedKeepsIt() {
    RunSummary run = open("w", "r", T0);
    RunSummary cancelling = new RunSummary("w", "r", FLOW, List.of(), T0, null, null, true, null);
    await(store.changed(DOMAIN, cancelling));
    assertEquals(List.of(), listed(openRuns(null)), "changed adds no run");

    await(store.opened(DOMAIN, run));
    await(store.changed(DOMAIN, cancelling));
    await(store.opened(DOMAIN, run));

    assertEquals(List.of(cancelling), all(openRuns(null), true, 10));
  }

  @Test
  void aRemovedRunIsListedNowhere() {
    RunSummary kept = open("w1", "r1", T0, "t");
    await(store.opened(DOMAIN, kept));
    await(store.opened(DOMAIN, open("w2", "r2", T0, "t")));
    await(store.closed(DOMAIN, closed(open("w3", "r3", T0, "t"), T0 + 1, "FAILED")));

    await(store.removed(new ExecutionKey(DOMAIN, "w2", "r2")));
    await(store.removed(new ExecutionKey(DOMAIN, "w3", "r3")));
    await(store.removed(new ExecutionKey(DOMAIN, "nobody", "r9")));

    assertEquals(List.of("r1"), listed(openRuns(new Filter(Field.TAG, "t", null))));
    assertEquals(List.of(), listed(closedRuns(true, new Filter(Field.TAG, "t", null), 0)));
    assertEquals(List.of(), listed(closedRuns(false, new Filter(Field.WORKFLOW_ID, "w3", null), 0)));
  }

  @Test
  void aDomainsRunsAreItsOwn() {
    DomainId other = new DomainId("us-east-1", "000000000000", "billing");
    DomainId elsewhere = new DomainId("eu-west-1", "000000000000", "orders");
    await(store.opened(DOMAIN, open("w", "r1", T0)));
    await(store.opened(other, open("w", "r2", T0)));
    await(store.opened(elsewhere, open("w", "r3", T0)));

    await(store.removed(new ExecutionKey(other, "w", "r1")));

    assertEquals(List.of("r1"), listed(openRuns(null)));
    assertEquals(1L, await(store.count(other, openRuns(null))));
    assertEquals(List.of("r3"), runIds(await(store.page(elsewhere, openRuns(null), null, true, 10)).runs()));
  }

  @Test
  void filtersMatchWholeValuesOnly() {
    await(store.opened(DOMAIN, new RunSummary("w", "r1", new TypeRef("flow", "12"), List.of("ab"), T0, null, null,
        false, null)));
    await(store.opened(DOMAIN, new RunSummary("w1", "r2", new TypeRef("flow1", "2"), List.of("a"), T0, null, null,
        false, null)));

    assertEquals(List.of("r1"), listed(openRuns(new Filter(Field.WORKFLOW_ID, "w", null))));
    assertEquals(List.of("r1"), listed(openRuns(new Filter(Field.TYPE_NAME, "flow", null))));
    assertEquals(List.of("r1"), listed(openRuns(new Filter(Field.TYPE, "flow", "12"))));
    assertEquals(List.of(), listed(openRuns(new Filter(Field.TYPE, "flow", "1"))));
    assertEquals(List.of(), listed(openRuns(new Filter(Field.TYPE, "flow1", "12"))));
    assertEquals(List.of("r2"), listed(openRuns(new Filter(Field.TAG, "a", null))));
    assertEquals(List.of(), listed(openRuns(new Filter(Field.TAG, "", null))));
  }

  @Test
  void timeFiltersIncludeBothEnds() {
    for (int i = 0; i < 5; i++) {
      await(store.opened(DOMAIN, open("w" + i, "r" + i, T0 + i * 1000)));
    }

    assertEquals(List.of("r3", "r2", "r1"), listed(new Query(true, false, T0 + 1000, T0 + 3000, null, 0)));
    assertEquals(3L, await(store.count(DOMAIN, new Query(true, false, T0 + 1000, T0 + 3000, null, 0))));
    assertEquals(List.of(), listed(new Query(true, false, T0 + 3001, T0 + 3999, null, 0)));
    assertEquals(0L, await(store.count(DOMAIN, new Query(true, false, T0 + 3000, T0 + 2000, null, 0))));
  }

  @Test
  void closedRunsPastRetentionAreNeitherListedNorCountedAndAreForgotten() {
    for (int i = 0; i < 300; i++) {
      await(store.closed(DOMAIN, closed(open("old" + i, "o" + i, T0, "t"), T0 + i, "COMPLETED")));
    }
    await(store.closed(DOMAIN, closed(open("new", "n", T0, "t"), T0 + 1000, "COMPLETED")));
    await(store.closed(DOMAIN, closed(open("edge", "e", T0, "t"), T0 + 300, "COMPLETED")));

    Query byStart = closedRuns(false, new Filter(Field.TAG, "t", null), T0 + 300);
    assertEquals(2L, await(store.count(DOMAIN, byStart)));
    assertEquals(List.of("n", "e"), listed(closedRuns(true, null, T0 + 300)));
    assertEquals(List.of("n", "e"), runIds(all(byStart, true, 1)));

    assertEquals(2L, await(store.count(DOMAIN, closedRuns(false, null, 0))), "forgotten once seen past retention");
  }

  @Test
  void pagesThrough2500RunsWithEveryFilterInBothOrders() {
    List<RunSummary> runs = new ArrayList<>();
    List<CompletableFuture<Void>> opened = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      String workflowId = "w" + i * 7 % 50;
      List<String> tags = switch (i % 4) {
        case 0 -> List.of("red");
        case 1 -> List.of("red", "blue");
        case 2 -> List.of();
        default -> List.of("blue", "bluer");
      };
      RunSummary run = new RunSummary(workflowId, "r" + i, new TypeRef("flow" + i % 3, "v" + i % 2), tags,
          T0 + i / 3 * 1000, null, null, i % 5 == 0, null);
      runs.add(run);
      opened.add(store.opened(DOMAIN, run).toCompletableFuture());
    }
    opened.forEach(f -> await(f));
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      if (i % 4 == 1 || i % 4 == 2) {
        continue;
      }
      RunSummary run = closed(runs.get(i), runs.get(i).started() + i % 11 * 1000 + 500,
          List.of("COMPLETED", "FAILED", "TERMINATED").get(i % 3));
      runs.set(i, run);
      closing.add(store.closed(DOMAIN, run).toCompletableFuture());
    }
    closing.forEach(f -> await(f));

    List<Filter> filters = new ArrayList<>(List.of(new Filter(Field.WORKFLOW_ID, "w7", null),
        new Filter(Field.TYPE_NAME, "flow1", null), new Filter(Field.TYPE, "flow2", "v0"),
        new Filter(Field.TAG, "red", null), new Filter(Field.TAG, "blue", null)));
    filters.add(null);
    int checked = 0;
    for (boolean open : List.of(true, false)) {
      for (boolean byClose : open ? List.of(false) : List.of(false, true)) {
        List<Filter> these = new ArrayList<>(filters);
        if (!open) {
          these.add(new Filter(Field.CLOSE_STATUS, "FAILED", null));
        }
        for (Filter filter : these) {
          for (long[] window : List.of(new long[] {0, Long.MAX_VALUE}, new long[] {T0 + 100_000, T0 + 400_999})) {
            Query query = new Query(open, byClose, window[0], window[1], filter, 0);
            List<RunSummary> expected = runs.stream().filter(selects(query))
                .sorted(Comparator.comparingLong(query::time).thenComparing(RunSummary::workflowId)
                    .thenComparing(RunSummary::runId))
                .toList();
            assertFalse(expected.isEmpty(), "the data exercises " + query);
            int size = filter == null ? VisibilityStore.MAX_PAGE : 97;
            assertEquals(expected, all(query, false, size), "oldest first: " + query);
            assertEquals(expected.reversed(), all(query, true, size), "newest first: " + query);
            assertEquals(expected.size(), await(store.count(DOMAIN, query)), "count: " + query);
            checked++;
          }
        }
      }
    }
    assertEquals(40, checked);
  }

  private static Predicate<RunSummary> selects(Query query) {
    return run -> {
      if (run.open() != query.open()) {
        return false;
      }
      long time = query.time(run);
      if (time < query.from() || time > query.to()) {
        return false;
      }
      Filter f = query.filter();
      return f == null || switch (f.field()) {
        case WORKFLOW_ID -> run.workflowId().equals(f.value());
        case TYPE_NAME -> run.workflowType().name().equals(f.value());
        case TYPE -> run.workflowType().equals(new TypeRef(f.value(), f.version()));
        case TAG -> run.tagList().contains(f.value());
        case CLOSE_STATUS -> f.value().equals(run.closeStatus());
      };
    };
  }
}
