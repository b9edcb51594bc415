package io.sluice.swf;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.AwsException;
import io.sluice.swf.engine.Execution;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.ExecutionKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * What the list and count actions on executions share: their filters, checked as AWS states them
 * (one time filter; at most one of execution, type, tag and close-status filter), and the selection
 * of a domain's runs from its visibility index. Every indexed run is re-read and judged by its stored
 * state, so an index entry that is stale (a run gone, or closed since) never shows a run wrongly. A
 * closed run is shown for the domain's retention period after it closed (RegisterDomain:
 * {@code NONE} or 0 keeps none), then dropped from the index.
 */
public final class Visibility {
  private static final long DAY = 86_400_000L;

  private Visibility() {}

  /** {@code ExecutionTimeFilter}: epoch seconds, {@code latestDate} optional. */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record TimeFilter(BigDecimal oldestDate, BigDecimal latestDate) {
    boolean admits(long millis) {
      BigDecimal at = BigDecimal.valueOf(millis).movePointLeft(3);
      return at.compareTo(oldestDate) >= 0 && (latestDate == null || at.compareTo(latestDate) <= 0);
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

    /** The time a run is filtered and ordered by: its start, or (closeTimeFilter) its close. */
    long time(Execution ex) {
      return closeTime != null ? ex.closed : ex.started;
    }

    boolean admits(Execution ex) {
      if (ex.status.open() != open) {
        return false;
      }
      if (!(closeTime != null ? closeTime.admits(ex.closed) : startTime.admits(ex.started))) {
        return false;
      }
      if (execution != null && !execution.workflowId().equals(ex.workflowId)) {
        return false;
      }
      if (type != null && !(type.name().equals(ex.workflowType.name())
          && (type.version() == null || type.version().equals(ex.workflowType.version())))) {
        return false;
      }
      if (tag != null && !ex.tagList.contains(tag.tag())) {
        return false;
      }
      return closeStatus == null || closeStatus.status().equals(ex.status.name());
    }
  }

  /**
   * The runs of {@code domain} that {@code query} admits, oldest first by the query's time (then
   * workflowId and runId); closed runs past the domain's retention are left out and unindexed.
   */
  public static CompletionStage<List<Execution>> select(SwfServices swf, DomainRecord domain, Query query) {
    long retained = swf.clock().millis() - retentionMillis(domain.retentionDays());
    return swf.executions().indexed(domain.id()).thenCompose(keys -> {
      List<CompletableFuture<Optional<Execution>>> reads = new ArrayList<>(keys.size());
      for (ExecutionKey key : keys) {
        reads.add(swf.histories().read(key).toCompletableFuture());
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
        List<Execution> runs = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          Optional<Execution> read = reads.get(i).join();
          if (read.isEmpty()) {
            continue;
          }
          Execution ex = read.get();
          if (!ex.status.open() && ex.closed != null && ex.closed < retained) {
            swf.executions().unindex(keys.get(i));
            continue;
          }
          if (query.admits(ex)) {
            runs.add(ex);
          }
        }
        runs.sort(Comparator.<Execution>comparingLong(query::time).thenComparing(ex -> ex.workflowId)
            .thenComparing(ex -> ex.runId));
        return runs;
      });
    });
  }

  /** The paging key of a run in a listing sorted by {@code query}'s time: fixed width, so it sorts as text. */
  public static List<String> pageKey(Query query, Execution ex) {
    return List.of(String.format("%020d", query.time(ex)), ex.workflowId, ex.runId);
  }

  private static long retentionMillis(String days) {
    return days == null || days.equals("NONE") ? 0 : Long.parseLong(days) * DAY;
  }
}
