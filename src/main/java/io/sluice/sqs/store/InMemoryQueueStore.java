package io.sluice.sqs.store;

import io.sluice.ids.RandomIds;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** {@link QueueStore} held in this JVM's memory: fast, and gone when the process ends. */
public final class InMemoryQueueStore implements QueueStore, InMemoryStoreEngine.Wipeable {
  private final ConcurrentHashMap<QueueId, MemoryQueue> queues = new ConcurrentHashMap<>();
  private final Map<QueueId, Long> deletedAt = new ConcurrentHashMap<>();
  private final Map<QueueId, Deque<MoveTask>> moveTasks = new HashMap<>();

  @Override
  public CompletionStage<CreateOutcome> createQueue(QueueRecord queue, long now) {
    return call(() -> {
      synchronized (queues) {
        MemoryQueue existing = queues.get(queue.id());
        if (existing != null) {
          return new CreateOutcome(CreateStatus.EXISTS, existing.record());
        }
        Long deleted = deletedAt.get(queue.id());
        if (deleted != null && now - deleted < QueueRules.DELETED_RECENTLY_MILLIS) {
          return new CreateOutcome(CreateStatus.DELETED_RECENTLY, null);
        }
        deletedAt.remove(queue.id());
        QueueRecord stored = new QueueRecord(queue.id(), queue.attributes(), queue.tags(), now, now, 1);
        queues.put(queue.id(), new MemoryQueue(stored));
        return new CreateOutcome(CreateStatus.CREATED, stored);
      }
    });
  }

  @Override
  public CompletionStage<Optional<QueueRecord>> findQueue(QueueId id) {
    MemoryQueue q = queues.get(id);
    return CompletableFuture.completedFuture(q == null ? Optional.empty() : Optional.of(q.record()));
  }

  @Override
  public CompletionStage<List<QueueId>> listQueues(String region, String account, String prefix) {
    return call(() -> queues.keySet().stream()
        .filter(id -> id.region().equals(region) && id.account().equals(account))
        .filter(id -> prefix == null || id.name().startsWith(prefix))
        .sorted(Comparator.comparing(QueueId::name))
        .toList());
  }

  @Override
  public CompletionStage<List<QueueId>> allQueues() {
    return call(() -> List.copyOf(queues.keySet()));
  }

  @Override
  public CompletionStage<Optional<Outcome<QueueRecord>>> updateQueue(QueueId id, RecordChange change, long now) {
    return call(() -> {
      MemoryQueue q = queues.get(id);
      if (q == null) {
        return Optional.empty();
      }
      synchronized (q) {
        QueueRecord current = q.record();
        RecordChange.Applied applied = change.applyTo(current.attributes(), current.tags());
        if (applied.status() != RecordChange.Status.APPLIED) {
          return Optional.of(new Outcome<>(applied.status(), current));
        }
        QueueRecord stored = new QueueRecord(id, applied.attributes(), applied.tags(), current.createdMillis(),
            change.editsAttributes() ? now : current.modifiedMillis(), current.version() + 1);
        q.setRecord(stored);
        return Optional.of(new Outcome<>(RecordChange.Status.APPLIED, stored));
      }
    });
  }

  @Override
  public CompletionStage<Boolean> deleteQueue(QueueId id, long now) {
    return call(() -> {
      synchronized (queues) {
        MemoryQueue removed = queues.remove(id);
        if (removed == null) {
          return false;
        }
        deletedAt.put(id, now);
        synchronized (moveTasks) {
          moveTasks.remove(id);
        }
        return true;
      }
    });
  }

  @Override
  public CompletionStage<List<SendOutcome>> send(QueueId id, List<NewMessage> messages, SendOptions options, long now) {
    return call(() -> {
      MemoryQueue q = queue(id);
      return q.send(messages, options, retention(q), now);
    });
  }

  @Override
  public CompletionStage<ReceiveOutcome> receive(QueueId id, ReceiveOptions options, long now) {
    return call(() -> {
      List<MemoryQueue.Transfer> deadLetters = new ArrayList<>();
      MemoryQueue q = queue(id);
      ReceiveOutcome outcome = q.receive(options, retention(q), RandomIds.uuid(), now, deadLetters);
      if (!deadLetters.isEmpty()) {
        MemoryQueue dlq = queues.get(options.redrive().deadLetterQueue());
        // The source's lock is released: two queues that dead-letter into each other cannot deadlock.
        for (MemoryQueue.Transfer t : deadLetters) {
          if (dlq != null) {
            dlq.acceptTransfer(t, !options.redrive().fifo(), id.arn(), now);
          } else {
            // The dead-letter queue was deleted meanwhile: the message stays in its queue.
            q.acceptTransfer(t, true, t.deadLetterSourceArn(), now);
          }
        }
      }
      return outcome;
    });
  }

  @Override
  public CompletionStage<List<Boolean>> delete(QueueId id, List<HandleRef> handles, long now) {
    return call(() -> {
      MemoryQueue q = queue(id);
      return q.delete(handles, retention(q), now);
    });
  }

  @Override
  public CompletionStage<List<VisibilityStatus>> changeVisibility(QueueId id, List<VisibilityChange> changes,
                                                                  long maxTotalMillis, long now) {
    return call(() -> {
      MemoryQueue q = queue(id);
      return q.changeVisibility(changes, maxTotalMillis, retention(q), now);
    });
  }

  @Override
  public CompletionStage<Boolean> purge(QueueId id, long now) {
    return call(() -> queue(id).purge(now));
  }

  @Override
  public CompletionStage<QueueCounts> counts(QueueId id, long now) {
    return call(() -> {
      MemoryQueue q = queue(id);
      return q.counts(retention(q), now);
    });
  }

  @Override
  public CompletionStage<Integer> moveMessages(QueueId from, QueueId to, int max, long now) {
    return call(() -> {
      MemoryQueue source = queue(from);
      MemoryQueue fixedTarget = to == null ? null : queue(to);
      List<MemoryQueue.Transfer> taken = source.takeForMove(max, retention(source), now, to == null);
      int moved = 0;
      for (MemoryQueue.Transfer t : taken) {
        MemoryQueue target = fixedTarget;
        if (target == null) {
          QueueId origin = QueueId.fromArn(t.deadLetterSourceArn());
          target = origin == null ? null : queues.get(origin);
        }
        if (target == null) {
          // The original source is gone: keep the message where it was.
          source.acceptTransfer(t, true, t.deadLetterSourceArn(), now);
          continue;
        }
        target.acceptTransfer(t, false, null, now);
        moved++;
      }
      return moved;
    });
  }

  @Override
  public CompletionStage<Boolean> startMoveTask(MoveTask task) {
    return call(() -> {
      synchronized (moveTasks) {
        Deque<MoveTask> tasks = moveTasks.computeIfAbsent(task.source(), k -> new ArrayDeque<>());
        for (MoveTask t : tasks) {
          if (t.status().isActive()) {
            return false;
          }
        }
        tasks.addFirst(task);
        while (tasks.size() > QueueRules.MOVE_TASKS_KEPT) {
          tasks.removeLast();
        }
        return true;
      }
    });
  }

  @Override
  public CompletionStage<List<MoveTask>> listMoveTasks(QueueId source) {
    return call(() -> {
      synchronized (moveTasks) {
        Deque<MoveTask> tasks = moveTasks.get(source);
        return tasks == null ? List.<MoveTask>of() : List.copyOf(tasks);
      }
    });
  }

  @Override
  public CompletionStage<List<MoveTask>> activeMoveTasks() {
    return call(() -> {
      synchronized (moveTasks) {
        return moveTasks.values().stream().flatMap(Deque::stream)
            .filter(t -> t.status().isActive())
            .toList();
      }
    });
  }

  @Override
  public CompletionStage<Optional<MoveTaskUpdate>> updateMoveTask(QueueId source, String taskHandle,
                                                                 MoveTaskChange change) {
    return call(() -> {
      synchronized (moveTasks) {
        Deque<MoveTask> tasks = moveTasks.get(source);
        if (tasks == null) {
          return Optional.<MoveTaskUpdate>empty();
        }
        List<MoveTask> list = new ArrayList<>(tasks);
        for (int i = 0; i < list.size(); i++) {
          MoveTask current = list.get(i);
          if (current.taskHandle().equals(taskHandle)) {
            Optional<MoveTask> changed = change.applyTo(current);
            if (changed.isEmpty()) {
              return Optional.of(new MoveTaskUpdate(false, current));
            }
            list.set(i, changed.get());
            tasks.clear();
            tasks.addAll(list);
            return Optional.of(new MoveTaskUpdate(true, changed.get()));
          }
        }
        return Optional.<MoveTaskUpdate>empty();
      }
    });
  }

  /** Drops every queue and task (admin reset). */
  @Override
  public void wipe() {
    synchronized (queues) {
      queues.clear();
      deletedAt.clear();
    }
    synchronized (moveTasks) {
      moveTasks.clear();
    }
  }

  private MemoryQueue queue(QueueId id) {
    MemoryQueue q = queues.get(id);
    if (q == null) {
      throw new QueueGoneException(id.key());
    }
    return q;
  }

  private static long retention(MemoryQueue q) {
    return QueueRules.retentionMillis(q.record());
  }

  private static <T> CompletionStage<T> call(Supplier<T> body) {
    try {
      return CompletableFuture.completedFuture(body.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
