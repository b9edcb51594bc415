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
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.swf.store.ExecutionStore;
import io.sluice.swf.store.ExecutionStore.QueuedTask;
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

/**
 * Runs history transactions (DESIGN rule 10): a change reads an execution, moves it in Java through
 * the transition tables and appends its events to a {@link History}; the store then commits state,
 * events and tasks in one step if no other transaction came between, else the change runs again on
 * what is stored now. The same code serves both engines. Task lists that got a task are announced
 * so that polls on every node wake.
 */
public final class Histories {
  /** How often a change is tried again when another transaction on the run came first. */
  private static final int ATTEMPTS = 32;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ExecutionStore store;
  private final Signals<String> tasks;
  private final Scheduler timers;
  private final InstantSource clock;
  private final Map<String, MessageHandler> handlers;

  public Histories(ExecutionStore store, Signals<String> tasks, Scheduler timers, InstantSource clock,
                   List<MessageHandler> handlers) {
    this.store = store;
    this.tasks = tasks;
    this.timers = timers;
    this.clock = clock;
    this.handlers = handlers.stream().collect(Collectors.toMap(MessageHandler::kind, h -> h));
  }

  /**
   * Starts run {@code key} as {@code execution} with the events and tasks {@code first} adds; false
   * if the workflowId has an open run.
   */
  public CompletionStage<Boolean> start(ExecutionKey key, Execution execution, Consumer<History> first) {
    History h = new History(key.domain(), execution, clock.millis());
    first.accept(h);
    return store.start(key, json(execution), eventsJson(h), h.tasks()).thenCompose(started -> {
      if (!started) {
        return CompletableFuture.completedFuture(false);
      }
      announce(h.tasks());
      return schedule(key, h).thenCompose(v -> deliver(h)).thenApply(v -> true);
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
   * appends no event commits nothing. Fails with UnknownResourceFault without the run, and with
   * whatever {@code change} throws (then nothing is stored).
   */
  public <T> CompletionStage<T> update(ExecutionKey key, Function<History, T> change) {
    return update(key, change, ATTEMPTS);
  }

  private <T> CompletionStage<T> update(ExecutionKey key, Function<History, T> change, int attempts) {
    return store.read(key).thenCompose(found -> {
      ExecutionStore.Versioned stored = found.orElseThrow(() -> unknownExecution(key));
      History h = new History(key.domain(), parse(stored.state()), clock.millis());
      T result = change.apply(h);
      if (h.events().isEmpty()) {
        return CompletableFuture.completedFuture(result);
      }
      History next = h.successor();
      List<QueuedTask> tasks = new ArrayList<>(h.tasks());
      CompletionStage<Boolean> commit;
      if (next == null) {
        commit = store.commit(key, stored.version(), json(h.execution()), eventsJson(h),
            !h.execution().status.open(), tasks);
      } else {
        tasks.addAll(next.tasks());
        commit = store.continueAsNew(key, stored.version(), json(h.execution()), eventsJson(h),
            new ExecutionKey(key.domain(), key.workflowId(), next.execution().runId), json(next.execution()),
            eventsJson(next), tasks);
      }
      return commit.thenCompose(committed -> {
            if (committed) {
              announce(tasks);
              return schedule(key, h).thenCompose(v -> deliver(h)).thenApply(v -> result);
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
   * Hands the deadlines (timers, timeouts) a committed transaction set to the scheduler, and drops
   * the timers it ended. After the commit, as the scheduler's keys are not the run's: a node that
   * dies in between leaves a deadline unscheduled, or an ended timer scheduled (harmless: it no
   * longer fires).
   */
  private CompletionStage<Void> schedule(ExecutionKey key, History h) {
    CompletionStage<Void> done = CompletableFuture.completedFuture(null);
    if (!h.deadlinesSet().isEmpty()) {
      done = timers.add(h.deadlinesSet().stream().map(d -> Deadlines.item(key, d)).toList(), h.now());
    }
    if (!h.deadlinesDropped().isEmpty()) {
      List<Scheduler.ItemRef> dropped = h.deadlinesDropped().stream()
          .map(id -> new Scheduler.ItemRef(Deadlines.partition(key), id)).toList();
      done = done.thenCompose(v -> timers.complete(dropped));
    }
    History next = h.successor();
    if (next != null) {
      ExecutionKey successor = new ExecutionKey(key.domain(), key.workflowId(), next.execution().runId);
      done = done.thenCompose(v -> schedule(successor, next));
    }
    return done;
  }

  /**
   * Delivers the messages a committed transaction sent (and its successor's). After the commit, like
   * the deadlines: a node that dies in between leaves them undelivered.
   */
  private CompletionStage<Void> deliver(History h) {
    CompletionStage<Void> done = CompletableFuture.completedFuture(null);
    List<Message> sent = new ArrayList<>(h.messages());
    if (h.successor() != null) {
      sent.addAll(h.successor().messages());
    }
    for (Message m : sent) {
      done = done.thenCompose(v -> deliver(m));
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

  /** The run's history from eventId {@code from}, as the wire's {@code HistoryEvent}s. */
  public CompletionStage<List<ObjectNode>> events(ExecutionKey key, long from) {
    return store.events(key, from).thenApply(events -> events.stream().map(Histories::event).toList());
  }

  private void announce(List<QueuedTask> queued) {
    queued.stream().map(t -> t.list().key()).distinct().forEach(tasks::announce);
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
