package io.sluice.swf.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.store.VisibilityEntries.Range;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@link VisibilityStore} in Redis, standalone or Cluster. A domain's index lives under its own tag
 * {@code {vis:<region>/<account>/<domain>}}: the {@link VisibilityEntries} of its runs in one sorted
 * set read by lexicographic range ({@code ZRANGEBYLEX}, {@code ZLEXCOUNT}), a hash of the runs'
 * summaries and a hash of each run's entries (so a run is forgotten without its summary being
 * parsed), each step one call of {@code lua/swf/visibility.lua}. A query first forgets up to
 * 256 runs ({@code common.lua}'s {@code CHUNK}) that closed before its retention, step by step until
 * none is left, so no step takes long and the answer never counts one.
 */
public final class RedisVisibilityStore implements VisibilityStore {
  private static final RedisScript VISIBILITY = RedisScript.load("swf/visibility");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this store's keys live (the engine's keys, namespace {@code swf}) */
  public RedisVisibilityStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  private List<String> domainKeys(DomainId domain) {
    return keys.tagged("vis:" + domain.region() + "/" + domain.account() + "/" + domain.name(),
        List.of("idx", "sum", "ent"));
  }

  @Override
  public CompletionStage<Void> opened(DomainId domain, RunSummary run) {
    return hold("opened", domain, run, true);
  }

  @Override
  public CompletionStage<Void> closed(DomainId domain, RunSummary run) {
    return hold("closed", domain, run, false);
  }

  private CompletionStage<Void> hold(String step, DomainId domain, RunSummary run, boolean open) {
    VisibilityEntries.require(run, open);
    List<String> entries = VisibilityEntries.entries(run);
    List<Object> args = new ArrayList<>(List.of(step, VisibilityEntries.member(run), json(run),
        (open ? "o" : "c") + json(entries)));
    args.addAll(entries);
    return VISIBILITY.run(redis, domainKeys(domain), args).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Void> changed(DomainId domain, RunSummary run) {
    VisibilityEntries.require(run, true);
    return VISIBILITY.run(redis, domainKeys(domain), List.of("changed", VisibilityEntries.member(run), json(run)))
        .<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Void> removed(ExecutionKey run) {
    return VISIBILITY.run(redis, domainKeys(run.domain()), List.of("removed",
        VisibilityEntries.member(run.workflowId(), run.runId()))).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Page> page(DomainId domain, Query query, Position after, boolean newestFirst, int size) {
    Range range = VisibilityEntries.range(query, after, newestFirst);
    if (range == null) {
      return Future.succeededFuture(new Page(List.of(), false)).toCompletionStage();
    }
    List<Object> args = new ArrayList<>(List.of("page"));
    args.addAll(pruning(query));
    args.addAll(List.of(low(range), "(" + range.high(), newestFirst ? "1" : "0", size + 1, range.memberOffset()));
    return untilPruned(domain, args).map(r -> {
      List<RunSummary> runs = new ArrayList<>();
      for (int i = 1; i < r.size() && runs.size() < size; i++) {
        runs.add(parse(r.get(i).toString()));
      }
      return new Page(List.copyOf(runs), r.size() - 1 > size);
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Long> count(DomainId domain, Query query) {
    Range range = VisibilityEntries.range(query, null, false);
    if (range == null) {
      return Future.succeededFuture(0L).toCompletionStage();
    }
    List<Object> args = new ArrayList<>(List.of("count"));
    args.addAll(pruning(query));
    args.addAll(List.of(low(range), "(" + range.high()));
    return untilPruned(domain, args).map(r -> r.get(1).toLong()).toCompletionStage();
  }

  /** Runs a query's step again while it answers that it forgot runs past retention and more may be left. */
  private Future<Response> untilPruned(DomainId domain, List<Object> args) {
    return VISIBILITY.run(redis, domainKeys(domain), args)
        .compose(r -> r.get(0).toString().equals("PRUNING") ? untilPruned(domain, args) : Future.succeededFuture(r));
  }

  /** The range of entries a query on closed runs forgets first (none for open runs). */
  private static List<Object> pruning(Query query) {
    if (query.open()) {
      return List.of("", "", 0);
    }
    Range expired = VisibilityEntries.expired(query.retainedSince());
    return List.of(low(expired), "(" + expired.high(), expired.memberOffset());
  }

  private static String low(Range range) {
    return (range.lowInclusive() ? "[" : "(") + range.low();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RunSummary parse(String json) {
    try {
      return JSON.readValue(json, RunSummary.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored SWF run summary", e);
    }
  }
}
