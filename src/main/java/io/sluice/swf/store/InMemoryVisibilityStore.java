package io.sluice.swf.store;

import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.store.VisibilityEntries.Range;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link VisibilityStore} of the memory engine: per domain, the {@link VisibilityEntries} of its
 * runs in a map sorted by their UTF-8 bytes (so in Redis's order) and each run's summary; each step
 * under the store's lock. A page walks its range only as far as the page; a count walks its range.
 */
public final class InMemoryVisibilityStore implements VisibilityStore, InMemoryStoreEngine.Wipeable {
  private record Held(RunSummary summary, List<String> entries) {}

  private static final class Index {
    /** Entry (UTF-8) → member. */
    final NavigableMap<byte[], String> entries = new TreeMap<>(Arrays::compareUnsigned);
    final Map<String, Held> runs = new HashMap<>();
  }

  private final Map<DomainId, Index> domains = new HashMap<>();

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  @Override
  public synchronized void wipe() {
    domains.clear();
  }

  private Index index(DomainId domain) {
    return domains.computeIfAbsent(domain, d -> new Index());
  }

  /** The domain's index, for a change of {@code run}, which must be open or closed as {@code open} says. */
  private Index index(DomainId domain, RunSummary run, boolean open) {
    VisibilityEntries.require(run, open);
    return index(domain);
  }

  @Override
  public synchronized CompletionStage<Void> opened(DomainId domain, RunSummary run) {
    Index index = index(domain, run, true);
    if (!index.runs.containsKey(VisibilityEntries.member(run))) {
      hold(index, run);
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> closed(DomainId domain, RunSummary run) {
    Index index = index(domain, run, false);
    forget(index, VisibilityEntries.member(run));
    hold(index, run);
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> changed(DomainId domain, RunSummary run) {
    Held held = index(domain, run, true).runs.get(VisibilityEntries.member(run));
    if (held != null && held.summary().open()) {
      index(domain).runs.put(VisibilityEntries.member(run), new Held(run, held.entries()));
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> removed(ExecutionKey run) {
    Index index = domains.get(run.domain());
    if (index != null) {
      forget(index, VisibilityEntries.member(run.workflowId(), run.runId()));
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Page> page(DomainId domain, Query query, Position after, boolean newestFirst,
                                                 int size) {
    Index index = prunedIndex(domain, query);
    Range range = VisibilityEntries.range(query, after, newestFirst);
    if (range == null) {
      return done(new Page(List.of(), false));
    }
    NavigableMap<byte[], String> selected = select(index, range);
    List<RunSummary> runs = new ArrayList<>();
    for (String member : (newestFirst ? selected.descendingMap() : selected).values()) {
      if (runs.size() == size) {
        return done(new Page(List.copyOf(runs), true));
      }
      runs.add(index.runs.get(member).summary());
    }
    return done(new Page(List.copyOf(runs), false));
  }

  @Override
  public synchronized CompletionStage<Long> count(DomainId domain, Query query) {
    Index index = prunedIndex(domain, query);
    Range range = VisibilityEntries.range(query, null, false);
    return done(range == null ? 0L : select(index, range).size());
  }

  /** The domain's index, without the closed runs {@code query} must not see past retention. */
  private Index prunedIndex(DomainId domain, Query query) {
    Index index = index(domain);
    if (!query.open()) {
      NavigableMap<byte[], String> expired = select(index, VisibilityEntries.expired(query.retainedSince()));
      new ArrayList<>(expired.values()).forEach(member -> forget(index, member));
    }
    return index;
  }

  private static NavigableMap<byte[], String> select(Index index, Range range) {
    return index.entries.subMap(VisibilityEntries.bytes(range.low()), range.lowInclusive(),
        VisibilityEntries.bytes(range.high()), false);
  }

  private static void hold(Index index, RunSummary run) {
    String member = VisibilityEntries.member(run);
    List<String> entries = VisibilityEntries.entries(run);
    entries.forEach(e -> index.entries.put(VisibilityEntries.bytes(e), member));
    index.runs.put(member, new Held(run, entries));
  }

  private static void forget(Index index, String member) {
    Held held = index.runs.remove(member);
    if (held != null) {
      held.entries().forEach(e -> index.entries.remove(VisibilityEntries.bytes(e)));
    }
  }
}
