package io.sluice.swf;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.AwsException;
import io.sluice.swf.engine.Effects;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.model.WorkflowExecution;
import io.sluice.swf.store.VisibilityStore;
import io.sluice.swf.store.VisibilityStore.Field;
import io.sluice.swf.store.VisibilityStore.Filter;
import io.sluice.swf.store.VisibilityStore.Position;
import io.sluice.swf.store.VisibilityStore.RunSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * The visibility index of executions, on a {@link VisibilityStore}: what keeps it (a committed
 * transaction's listing changes, {@link #apply}, and a deleted run, {@link #removed}), each
 * idempotent, called after the transaction that did it has committed; and what the list and
 * count actions share: their filters, checked as AWS states them (one time filter; at most one of
 * execution, type, tag and close-status filter), and pages and counts answered from the index alone.
 * A closed run is shown for the domain's retention period after it closed (RegisterDomain:
 * {@code NONE} or 0 keeps none), even if nothing removed it from the index since.
 */
public final class Visibility {
  private static final long DAY = 86_400_000L;
  private static final BigDecimal EARLIEST = BigDecimal.ZERO;
  private static final BigDecimal LATEST = BigDecimal.valueOf(Long.MAX_VALUE);

  private final VisibilityStore store;
  private final InstantSource clock;

  public Visibility(VisibilityStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /** {@code ExecutionTimeFilter}: epoch seconds, {@code latestDate} optional. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record TimeFilter(BigDecimal oldestDate, BigDecimal latestDate) {
    long from() {
      return millis(oldestDate, RoundingMode.CEILING);
    }

    long to() {
      return latestDate == null ? Long.MAX_VALUE : millis(latestDate, RoundingMode.FLOOR);
    }

    private static long millis(BigDecimal seconds, RoundingMode rounding) {
      BigDecimal millis = seconds.movePointRight(3).setScale(0, rounding);
      return millis.max(EARLIEST).min(LATEST).longValueExact();
    }
  }

  /** {@code WorkflowExecutionFilter}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record ExecutionFilter(String workflowId) {}

  /** {@code WorkflowTypeFilter}: a name, and a version if given. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record TypeFilter(String name, String version) {}

  /** {@code TagFilter}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record TagFilter(String tag) {}

  /** {@code CloseStatusFilter}. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record CloseStatusFilter(String status) {}

  /**
   * Which runs: open or closed ones, started or (closed runs) closed within a time filter, and at
   * most one of the other filters.
   */
  public record Query(boolean open, TimeFilter startTime, TimeFilter closeTime, ExecutionFilter execution,
                      TypeFilter type, TagFilter tag, CloseStatusFilter closeStatus) {

    /** Checks the filters' combination; ValidationException as AWS answers one it refuses. */
    public Query {
      if ((startTime == null) == (closeTime == null)) {
        throw AwsException.of(SwfError.ValidationException,
            "startTimeFilter and closeTimeFilter are mutually exclusive: exactly one of them is required");
      }
      long given = Stream.of(execution, type, tag, closeStatus).filter(f -> f != null).count();
      if (given > 1) {
        throw AwsException.of(SwfError.ValidationException, open
            ? "executionFilter, typeFilter and tagFilter are mutually exclusive"
            : "closeStatusFilter, executionFilter, typeFilter and tagFilter are mutually exclusive");
      }
    }

    /** This query on the index of {@code domain} at {@code now}. */
    VisibilityStore.Query in(DomainRecord domain, long now) {
      TimeFilter time = closeTime != null ? closeTime : startTime;
      return new VisibilityStore.Query(open, closeTime != null, time.from(), time.to(), filter(),
          now - retentionMillis(domain.retentionDays()));
    }

    private Filter filter() {
      if (execution != null) {
        return new Filter(Field.WORKFLOW_ID, execution.workflowId(), null);
      }
      if (type != null) {
        return type.version() == null ? new Filter(Field.TYPE_NAME, type.name(), null)
            : new Filter(Field.TYPE, type.name(), type.version());
      }
      if (tag != null) {
        return new Filter(Field.TAG, tag.tag(), null);
      }
      return closeStatus == null ? null : new Filter(Field.CLOSE_STATUS, closeStatus.status(), null);
    }
  }

  /** The run as a listing shows it. */
  public static RunSummary summary(Execution ex) {
    boolean open = ex.status.open();
    return new RunSummary(ex.workflowId, ex.runId, ex.workflowType, ex.tagList, ex.started, open ? null : ex.closed,
        open ? null : ex.status.name(), ex.cancelRequested,
        ex.parent == null ? null : new WorkflowExecution(ex.parent.workflowId, ex.parent.runId));
  }

  /** A committed transaction's change to the listings (its effect), applied again harmlessly. */
  public CompletionStage<Void> apply(Effects.Listing listing) {
    return switch (listing.change()) {
      case OPENED -> store.opened(listing.domain(), listing.run());
      case CLOSED -> store.closed(listing.domain(), listing.run());
      case CHANGED -> store.changed(listing.domain(), listing.run());
    };
  }

  /** Run {@code key} is deleted (past its domain's retention): no longer listed. */
  public CompletionStage<Void> removed(ExecutionKey key) {
    return store.removed(key);
  }

  /**
   * The page of runs of {@code domain} that {@code query} selects after {@code token}, newest first by
   * the query's time unless {@code reverseOrder} (then oldest first), ties by workflowId and runId.
   */
  public CompletionStage<Pages.Page<RunSummary>> page(DomainRecord domain, Query query, String token,
                                                      Integer pageSize, boolean reverseOrder) {
    boolean newestFirst = !reverseOrder;
    int size = pageSize == null || pageSize == 0 ? VisibilityStore.MAX_PAGE : pageSize;
    VisibilityStore.Query selected = query.in(domain, clock.millis());
    Position after = token == null ? null : position(Pages.after(token, newestFirst));
    return store.page(domain.id(), selected, after, newestFirst, size).thenApply(page -> {
      String next = null;
      if (page.more()) {
        RunSummary last = page.runs().getLast();
        next = Pages.token(List.of(Long.toString(selected.time(last)), last.workflowId(), last.runId()), newestFirst);
      }
      return new Pages.Page<>(page.runs(), next);
    });
  }

  /** How many runs of {@code domain} are open (started at any time). */
  public CompletionStage<Long> countOpen(DomainRecord domain) {
    return count(domain, new Query(true, new TimeFilter(BigDecimal.ZERO, null), null, null, null, null, null));
  }

  /** How many runs of {@code domain} {@code query} selects. */
  public CompletionStage<Long> count(DomainRecord domain, Query query) {
    return store.count(domain.id(), query.in(domain, clock.millis()));
  }

  private static Position position(List<String> key) {
    try {
      if (key.size() == 3) {
        return new Position(Long.parseLong(key.get(0)), key.get(1), key.get(2));
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw Pages.invalidToken();
  }

  private static long retentionMillis(String days) {
    return days == null || days.equals("NONE") ? 0 : Long.parseLong(days) * DAY;
  }
}
