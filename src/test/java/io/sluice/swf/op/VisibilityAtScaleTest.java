package io.sluice.swf.op;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TypeRef;
import io.sluice.swf.store.InMemoryTaskListStore;
import io.sluice.swf.store.InMemoryVisibilityStore;
import io.sluice.swf.store.VisibilityStore;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A domain at AWS's limit of 100,000 open executions on the memory engine: a listing reads one page
 * of the index (and no run), a count one count, whatever the domain holds.
 */
class VisibilityAtScaleTest {
  private static final int OPEN_RUNS = 100_000;
  private static final long T0 = 1_700_000_000_000L;
  private static final String SINCE = "\"startTimeFilter\":{\"oldestDate\":" + T0 / 1000 + "}";

  /** The memory store, counting what the visibility actions ask of it and the runs it answers. */
  private static final class CountingStore implements VisibilityStore {
    final VisibilityStore store = new InMemoryVisibilityStore();
    int pages;
    int counts;
    int runsRead;

    @Override
    public CompletionStage<Void> opened(DomainId domain, RunSummary run) {
      return store.opened(domain, run);
    }

    @Override
    public CompletionStage<Void> closed(DomainId domain, RunSummary run) {
      return store.closed(domain, run);
    }

    @Override
    public CompletionStage<Void> changed(DomainId domain, RunSummary run) {
      return store.changed(domain, run);
    }

    @Override
    public CompletionStage<Void> removed(ExecutionKey run) {
      return store.removed(run);
    }

    @Override
    public CompletionStage<Page> page(DomainId domain, Query query, Position after, boolean newestFirst, int size) {
      pages++;
      return store.page(domain, query, after, newestFirst, size).thenApply(page -> {
        runsRead += page.runs().size();
        return page;
      });
    }

    @Override
    public CompletionStage<Long> count(DomainId domain, Query query) {
      counts++;
      return store.count(domain, query);
    }
  }

  private final CountingStore store = new CountingStore();
  private final MemorySwf swf = new MemorySwf(MemorySwf.CONFIGURED, new InMemoryTaskListStore(), store);

  @Test
  void theFirstPagesOf100000OpenRunsAreReadPageByPageFromTheIndexAlone() {
    // Given a domain whose index holds 100,000 open runs (and whose execution store holds none)
    swf.domain("big");
    DomainId domain = new DomainId(MemorySwf.REGION, MemorySwf.ACCOUNT, "big");
    for (int i = 0; i < OPEN_RUNS; i++) {
      await(store.opened(domain, new VisibilityStore.RunSummary(String.format("w%06d", i), "r" + i,
          new TypeRef("flow", "1"), List.of(), T0 + i, null, null, false, null)));
    }

    // When the first two pages are listed and the runs counted
    JsonNode first = swf.call(ListOpenWorkflowExecutions::new, "{\"domain\":\"big\"," + SINCE + "}");
    JsonNode second = swf.call(ListOpenWorkflowExecutions::new, "{\"domain\":\"big\"," + SINCE
        + ",\"nextPageToken\":\"" + first.get("nextPageToken").asText() + "\"}");
    JsonNode count = swf.call(CountOpenWorkflowExecutions::new, "{\"domain\":\"big\"," + SINCE + "}");

    // Then each page is one read of its 1,000 runs, newest first, and the count one count
    assertEquals(1000, first.get("executionInfos").size());
    assertEquals("w099999", first.get("executionInfos").get(0).get("execution").get("workflowId").asText());
    assertEquals("w098999", second.get("executionInfos").get(0).get("execution").get("workflowId").asText());
    assertTrue(second.hasNonNull("nextPageToken"));
    assertEquals(2, store.pages);
    assertEquals(2000, store.runsRead);
    assertEquals(OPEN_RUNS, count.get("count").asInt());
    assertEquals(1, store.counts);
  }
}
