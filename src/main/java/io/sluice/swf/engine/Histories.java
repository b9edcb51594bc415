package io.sluice.swf.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.storage.waiters.Signals;
import io.sluice.swf.SwfError;
import io.sluice.swf.Visibility;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.store.ExecutionStore;
import io.sluice.swf.model.QueuedTask;
import io.sluice.swf.model.TaskListId;
import io.sluice.swf.model.TaskRef;
import io.sluice.swf.store.TaskListStore;
import java.util.LinkedHashMap;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs history transactions (DESIGN rule 10): a change reads an execution, moves it in Java through
 * the transition tables and appends its events to a {@link History}; the store then commits state,
 * events and deadlines in one step if no other transaction came between, else the change runs again on
 * what is stored now. What the transaction must do elsewhere (tasks to queue, messages to other runs)
 * is committed with it as {@link Effects} held by this node, carried out right after the commit, and
 * by another node if this one dies first. The same code serves both engines. Task lists that got a task
 * are announced so that polls on every node wake.
 */
public final class Histories {
  /** How often a change is tried again when another transaction on the run came first. */
  private static final int ATTEMPTS = 32;
  /** How long the node that committed has to carry out a transaction's effects before another node may. */
  public static final long EFFECTS_LEASE_MILLIS = 5_000;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = Logger.getLogger(Histories.class.getName());

  private final ExecutionStore store;
  private final TaskListStore taskLists;
  private final Signals<String> tasks;
  private final InstantSource clock;
  private final Map<String, MessageHandler> handlers;
  private final Visibility visibility;
  private final HistoryObserver observer;

  /** Histories whose committed transactions {@code observer} sees (metrics). */
  public Histories(ExecutionStore store, TaskListStore taskLists, Signals<String> tasks, InstantSource clock,
                   List<MessageHandler> handlers, Visibility visibility, HistoryObserver observer) {
    this.observer = observer;
    this.store = store;
    this.taskLists = taskLists;
    this.tasks = tasks;
    this.clock = clock;
    this.handlers = handlers.stream().collect(Collectors.toMap(MessageHandler::kind, h -> h));
    this.visibility = visibility;
  }

  /**
   * Starts run {@code key} as {@code execution} with the events and tasks {@code first} adds; false
   * if the workflowId has an open run.
   */
  public CompletionStage<Boolean> start(ExecutionKey key, Execution execution, Consumer<History> first) {
    History h = new History(key.domain(), execution, clock.millis());
    first.accept(h);
    Pending pending = pending(key, h, 0, List.of(listing(Effects.Change.OPENED, key, h.execution())));
    return store.start(key, json(execution), eventsJson(h), pending.changes(), h.now())
        .thenCompose(started -> {
          if (!started) {
            return CompletableFuture.completedFuture(false);
          }
          observer.committed(key, h);
          return pending.carryOut().thenApply(v -> true);
        });
  }

  /**
   * The run {@code runId} of the workflowId, or its open run when {@code runId} is null;
   * UnknownResourceFault when it has none.
   */
  public CompletionStage<ExecutionKey> run(DomainId domain, String workflowId, String runId) {
    if (runId != null) {
      return CompletableFuture.completedFuture(new ExecutionKey(domain, workflowId, runId));
    }
    ExecutionKey any = new ExecutionKey(domain, workflowId, null);
    return store.openRun(any).thenApply(open -> new ExecutionKey(domain, workflowId,
        open.orElseThrow(() -> AwsException.of(SwfError.UnknownResourceFault,
            "Unknown execution: WorkflowExecution=[workflowId=%s, runId=null]", workflowId))));
  }

  /** A new runId: 32 random bytes in base64, 44 characters like AWS's. */
  public static String newRunId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The run's state; empty if there is no such run. */
  public CompletionStage<Optional<Execution>> read(ExecutionKey key) {
    return store.read(key).thenApply(found -> found.map(v -> parse(v.state())));
  }

  /**
   * Applies {@code change} to the run and commits what it appended, in one step; a change that
   * changed nothing ({@link History#changed}) commits nothing. A run whose history reaches
   * {@link History#MAX_EVENTS} is terminated in the same step. Fails with UnknownResourceFault without the run, and with
   * whatever {@code change} throws (then nothing is stored).
   */
  public <T> CompletionStage<T> update(ExecutionKey key, Function<History, T> change) {
    return update(key, change, ATTEMPTS);
  }

  private <T> CompletionStage<T> update(ExecutionKey key, Function<History, T> change, int attempts) {
    return store.read(key).thenCompose(found -> {
      ExecutionStore.Versioned stored = found.orElseThrow(() -> unknownExecution(key));
      Execution before = parse(stored.state());
      boolean cancelRequested = before.cancelRequested;
      History h = new History(key.domain(), before, clock.millis());
      T result = change.apply(h);
      h.terminateIfFull();
      if (!h.changed()) {
        return CompletableFuture.completedFuture(result);
      }
      History next = h.successor();
      Pending pending = pending(key, h, stored.version(), listings(key, h, cancelRequested));
      CompletionStage<Boolean> commit;
      if (next == null) {
        commit = store.commit(key, stored.version(), json(h.execution()), eventsJson(h),
            !h.execution().status.open(), pending.changes(), h.now());
      } else {
        commit = store.continueAsNew(key, stored.version(), json(h.execution()), eventsJson(h),
            new ExecutionKey(key.domain(), key.workflowId(), next.execution().runId), json(next.execution()),
            eventsJson(next), pending.changes(), h.now());
      }
      return commit.thenCompose(committed -> {
        if (committed) {
          observer.committed(key, h);
          return pending.carryOut().thenApply(v -> result);
        }
        if (attempts <= 1) {
          throw AwsException.of(SwfError.LimitExceededFault,
              "Too many concurrent changes to workflow execution %s; try again.", key.workflowId());
        }
        return update(key, change, attempts - 1);
      });
    });
  }

  /**
   * What a transaction (and the run it continues as) commits to its workflowId's deadlines: the
   * deadlines set and dropped, and its effects as an item held by this node, carried out once the
   * transaction committed.
   */
  private Pending pending(ExecutionKey key, History h, long version, List<Effects.Listing> listings) {
    List<Scheduler.Item> add = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    List<QueuedTask> queued = new ArrayList<>();
    List<Message> sent = new ArrayList<>();
    for (History part = h; part != null; part = part.successor()) {
      ExecutionKey run = new ExecutionKey(key.domain(), key.workflowId(), part.execution().runId);
      part.deadlinesSet().forEach(d -> add.add(Deadlines.item(run, d)));
      part.deadlinesDropped().forEach(id -> remove.add(run.runId() + "/" + id));
      queued.addAll(part.tasks());
      sent.addAll(part.messages());
    }
    Effects effects = new Effects(queued, sent, listings);
    Scheduler.ItemRef held = null;
    if (!effects.isEmpty()) {
      Scheduler.Item item = Deadlines.effects(key, version, effects, Scheduler.newHolder("swf"),
          h.now() + EFFECTS_LEASE_MILLIS);
      add.add(item);
      held = item.ref();
    }
    return new Pending(new ExecutionStore.DeadlineChanges(add, remove), effects, held);
  }

  /** A transaction's deadline changes, and the effects to carry out (then complete {@code held}) once it committed. */
  private final class Pending {
    private final ExecutionStore.DeadlineChanges changes;
    private final Effects effects;
    private final Scheduler.ItemRef held;

    Pending(ExecutionStore.DeadlineChanges changes, Effects effects, Scheduler.ItemRef held) {
      this.changes = changes;
      this.effects = effects;
      this.held = held;
    }

    ExecutionStore.DeadlineChanges changes() {
      return changes;
    }

    CompletionStage<Void> carryOut() {
      if (held == null) {
        return CompletableFuture.completedFuture(null);
      }
      // The transaction is committed whatever happens here: effects not carried out stay held until
      // the lease ends, then another node's TimerDriver carries them out.
      return Histories.this.carryOut(effects).thenCompose(v -> store.deadlines().complete(List.of(held)))
          .exceptionally(failure -> {
            LOG.log(Level.WARNING, "SWF effects of a committed transaction left to another attempt", failure);
            return null;
          });
    }
  }

  /**
   * What a transaction changes in what listings show: the run closed (and its successor opened), or
   * its cancelRequested set; told to the visibility index as its effects.
   */
  private static List<Effects.Listing> listings(ExecutionKey key, History h, boolean cancelRequested) {
    Execution ex = h.execution();
    if (ex.status.open()) {
      return ex.cancelRequested != cancelRequested ? List.of(listing(Effects.Change.CHANGED, key, ex)) : List.of();
    }
    History next = h.successor();
    if (next == null) {
      return List.of(listing(Effects.Change.CLOSED, key, ex));
    }
    ExecutionKey successor = new ExecutionKey(key.domain(), key.workflowId(), next.execution().runId);
    return List.of(listing(Effects.Change.CLOSED, key, ex), listing(Effects.Change.OPENED, successor, next.execution()));
  }

  private static Effects.Listing listing(Effects.Change change, ExecutionKey key, Execution ex) {
    return new Effects.Listing(change, key.domain(), Visibility.summary(ex));
  }


  /**
   * Carries out a committed transaction's effects: queues its tasks (in order, per list) and wakes the
   * polls of their lists, then delivers its messages. Done again after a crash: a task queued twice is
   * dropped by the poller as stale, a message delivered twice applies once.
   */
  public CompletionStage<Void> carryOut(Effects effects) {
    Map<TaskListId, List<TaskRef>> byList = new LinkedHashMap<>();
    effects.tasks().forEach(t -> byList.computeIfAbsent(t.list(), l -> new ArrayList<>()).add(t.task()));
    CompletionStage<Void> done = CompletableFuture.completedFuture(null);
    for (Map.Entry<TaskListId, List<TaskRef>> list : byList.entrySet()) {
      done = done.thenCompose(v -> taskLists.queue(list.getKey(), list.getValue()))
          .thenRun(() -> tasks.announce(list.getKey().key()));
    }
    for (Message m : effects.messages()) {
      done = done.thenCompose(v -> deliver(m));
    }
    for (Effects.Listing listing : effects.listings()) {
      done = done.thenCompose(v -> visibility.apply(listing));
    }
    return done;
  }

  /** Delivers {@code message} through its kind's handler. */
  public CompletionStage<Void> deliver(Message message) {
    MessageHandler handler = handlers.get(message.kind());
    if (handler == null) {
      throw new IllegalStateException("no handler for SWF message kind " + message.kind());
    }
    return handler.deliver(this, message);
  }

  /**
   * Deletes a closed run whose retention ended: its state, history and retention deadline; false if
   * it is not there (or is open).
   */
  public CompletionStage<Boolean> delete(ExecutionKey key) {
    return store.delete(key, Deadlines.retentionItemId(key)).thenCompose(deleted -> visibility.removed(key).thenApply(v -> deleted));
  }

  /** The run's history from eventId {@code from}, as the wire's {@code HistoryEvent}s. */
  public CompletionStage<List<ObjectNode>> events(ExecutionKey key, long from) {
    return store.events(key, from).thenApply(events -> events.stream().map(Histories::event).toList());
  }

  public static AwsException unknownExecution(ExecutionKey key) {
    return AwsException.of(SwfError.UnknownResourceFault, "Unknown execution: WorkflowExecution=[workflowId=%s, runId=%s]",
        key.workflowId(), key.runId());
  }

  private static List<String> eventsJson(History h) {
    return h.events().stream().map(Histories::json).toList();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Execution parse(String state) {
    try {
      return JSON.readValue(state, Execution.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored SWF execution", e);
    }
  }

  private static ObjectNode event(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored SWF event", e);
    }
  }
}
