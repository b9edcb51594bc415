package io.sluice.swf.store;

import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.TypeRef;
import io.sluice.swf.model.WorkflowExecution;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * SWF's visibility index: per domain, its open runs sorted by start time and its closed runs sorted
 * by close time and by start time, each also by workflowId, workflow type (name, or name and
 * version), tag and (closed runs) close status, every entry holding the {@link RunSummary} a listing
 * shows, so a page or a count is answered from the index alone: a page in time proportional to its
 * size, a count on Redis to the logarithm of the domain's runs (in memory, to the runs it counts).
 * Runs of one time are ordered by workflowId, then
 * runId. Every change is idempotent, as it may be applied again after a crash: {@link #opened} only
 * adds a run it does not hold, {@link #closed} moves a run to the closed indexes (or adds it there),
 * {@link #changed} replaces an open run's summary, {@link #removed} forgets a run. Queries never show
 * a closed run whose close time is before their {@link Query#retainedSince} (the domain's retention)
 * and forget such runs as they find them.
 */
public interface VisibilityStore {

  /** The most runs a page holds. */
  int MAX_PAGE = 1000;

  /**
   * A run as the listings show it ({@code WorkflowExecutionInfo}): times are epoch millis, {@code closed}
   * and {@code closeStatus} (AWS's {@code CloseStatus}) null while it is open; {@code parent} the
   * execution that started it as a child, if any.
   */
  record RunSummary(String workflowId, String runId, TypeRef workflowType, List<String> tagList, long started,
                    Long closed, String closeStatus, boolean cancelRequested, WorkflowExecution parent) {

    public RunSummary {
      tagList = List.copyOf(tagList);
      if ((closed == null) != (closeStatus == null)) {
        throw new IllegalArgumentException("a closed run has a close time and a close status, an open one neither");
      }
    }

    public boolean open() {
      return closeStatus == null;
    }
  }

  /** What a query selects runs by besides their time: at most one of these (AWS's filters). */
  enum Field { WORKFLOW_ID, TYPE_NAME, TYPE, TAG, CLOSE_STATUS }

  /** A filter: {@code field} equals {@code value}; for {@link Field#TYPE} the type's name and {@code version}. */
  record Filter(Field field, String value, String version) {
    public Filter {
      if ((field == Field.TYPE) != (version != null)) {
        throw new IllegalArgumentException("only a TYPE filter has a version");
      }
    }
  }

  /**
   * Which runs: open ones by start time, or closed ones by start or (byClose) close time, that time
   * within {@code from}..{@code to} (epoch millis, inclusive), matching {@code filter} (null: all);
   * closed runs that closed before {@code retainedSince} are never selected.
   */
  record Query(boolean open, boolean byClose, long from, long to, Filter filter, long retainedSince) {
    public Query {
      if (open && (byClose || filter != null && filter.field() == Field.CLOSE_STATUS)) {
        throw new IllegalArgumentException("open runs have no close time or close status");
      }
    }

    /** The time {@code run} is selected and ordered by in this query. */
    public long time(RunSummary run) {
      return byClose ? run.closed() : run.started();
    }
  }

  /** A run's place in a listing: its time there, workflowId and runId. */
  record Position(long time, String workflowId, String runId) {}

  /** The runs of a page, and whether more follow. */
  record Page(List<RunSummary> runs, boolean more) {}

  /** Adds the open run {@code run} of {@code domain}, unless the domain's index holds it already. */
  CompletionStage<Void> opened(DomainId domain, RunSummary run);

  /** Holds {@code run} (closed) as closed from now on, whether it held it as open, as closed or not at all. */
  CompletionStage<Void> closed(DomainId domain, RunSummary run);

  /** Replaces the summary of the open run {@code run} (its cancelRequested); nothing if it is not held as open. */
  CompletionStage<Void> changed(DomainId domain, RunSummary run);

  /** Forgets the run, if held. */
  CompletionStage<Void> removed(ExecutionKey run);

  /**
   * Up to {@code size} ({@code 1..}{@link #MAX_PAGE}) runs {@code query} selects in {@code domain},
   * oldest first or {@code newestFirst}, after {@code after} in that order (null: from the first).
   */
  CompletionStage<Page> page(DomainId domain, Query query, Position after, boolean newestFirst, int size);

  /** How many runs {@code query} selects in {@code domain}. */
  CompletionStage<Long> count(DomainId domain, Query query);
}
