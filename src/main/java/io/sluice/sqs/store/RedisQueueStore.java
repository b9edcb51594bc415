package io.sluice.sqs.store;

import static io.sluice.storage.redis.RedisReplies.orEmpty;
import static io.sluice.storage.redis.RedisReplies.stringMap;
import static io.sluice.storage.redis.RedisReplies.text;

import io.sluice.ids.RandomIds;
import io.sluice.sqs.model.MoveTaskStatus;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link QueueStore} in Redis, standalone or Cluster, shared by every Sluice node. Each state change
 * of a queue is one Lua script over that queue's keys, which all share the hash tag
 * {@code {region/account/name}} (layout in {@code lua/sqs/queue.lua}); the common send, receive and
 * delete paths are one round trip each.
 *
 * <p>Moves between queues (dead-letter redrive during a receive, {@link #moveMessages}) span two
 * hash slots, so they are three steps, each atomic: the source stages the messages, payload
 * included, as pending transfers; the target inserts them, idempotently by transfer id; the source
 * forgets them. Pending transfers older than 30 s (a node died between steps) are handed back by the
 * next receive or move on the source and finished then, so a crash loses no message.
 *
 * <p>Index keys have their own tags: queue names per region and account ({@code {idx:region/account}},
 * a lexicographic sorted set for prefix listing), all queue keys ({@code {idx}:queues}) and active
 * move tasks ({@code {idx}:movetasks}). A queue's meta is written before it is indexed and removed
 * before it is unindexed; listings skip ids whose meta is gone, and a repeated create re-indexes.
 */
public final class RedisQueueStore implements QueueStore {
  private static final List<String> SUFFIXES = List.of("meta", "msg", "pay", "ready", "delayed", "inflight", "sent",
      "gready", "avail", "gflight", "dedup", "dedupexp", "attempt", "attemptexp", "xfer", "xferat", "xin", "tasks",
      "task", "deleted");
  private static final int META = 0;
  private static final int XFER = 14;
  private static final int TASK = 18;
  private static final int RECEIVED_FIELDS = 10;
  private static final int TRANSFER_FIELDS = 8;

  private static final Logger LOG = Logger.getLogger(RedisQueueStore.class.getName());
  private static final RedisScript CREATE_QUEUE = RedisScript.load("sqs/create_queue");
  private static final RedisScript UPDATE_QUEUE = RedisScript.load("sqs/update_queue");
  private static final RedisScript DELETE_QUEUE = RedisScript.load("sqs/delete_queue");
  private static final RedisScript SEND = RedisScript.load("sqs/send");
  private static final RedisScript RECEIVE = RedisScript.load("sqs/receive");
  private static final RedisScript DELETE_MESSAGES = RedisScript.load("sqs/delete_messages");
  private static final RedisScript CHANGE_VISIBILITY = RedisScript.load("sqs/change_visibility");
  private static final RedisScript PURGE = RedisScript.load("sqs/purge");
  private static final RedisScript COUNTS = RedisScript.load("sqs/counts");
  private static final RedisScript TAKE_FOR_MOVE = RedisScript.load("sqs/take_for_move");
  private static final RedisScript ACCEPT_TRANSFER = RedisScript.load("sqs/accept_transfer");
  private static final RedisScript ACK_TRANSFER = RedisScript.load("sqs/ack_transfer");
  private static final RedisScript RESTORE_TRANSFER = RedisScript.load("sqs/restore_transfer");
  private static final RedisScript START_MOVE_TASK = RedisScript.load("sqs/start_move_task");
  private static final RedisScript UPDATE_MOVE_TASK = RedisScript.load("sqs/update_move_task");
  private static final RedisScript LIST_MOVE_TASKS = RedisScript.load("sqs/list_move_tasks");

  private final Redis redis;
  private final RedisKeys keys;
  private final String allQueuesKey;
  private final String activeTasksKey;

  /** @param keys where this store's keys live (the engine's keys, namespace {@code sqs}) */
  public RedisQueueStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
    this.allQueuesKey = keys.tagged("idx", "queues");
    this.activeTasksKey = keys.tagged("idx", "movetasks");
  }

  /**
   * A message on its way from one queue to another, as a source script staged it: what the target
   * inserts ({@code sent}, {@code sourceArn}) and the ARN of the target.
   */
  record Transfer(String transferId, String messageId, byte[] payload, String groupId, String deduplicationId,
                  String targetArn, long sent, String sourceArn) {}

  // ---- queues ---------------------------------------------------------------------------------

  @Override
  public CompletionStage<CreateOutcome> createQueue(QueueRecord queue, long now) {
    QueueId id = queue.id();
    return run(CREATE_QUEUE, id, now, json(queue.attributes()), json(queue.tags()), QueueRules.retentionMillis(queue),
        queue.isFifo() ? 1 : 0, QueueRules.DELETED_RECENTLY_MILLIS).compose(r -> {
          CreateOutcome outcome = switch (r.get(0).toString()) {
            case "CREATED" -> new CreateOutcome(CreateStatus.CREATED,
                new QueueRecord(id, queue.attributes(), queue.tags(), now, now, 1));
            case "EXISTS" -> new CreateOutcome(CreateStatus.EXISTS, record(id, r.get(1), r.get(2), r.get(3), r.get(4),
                r.get(5)));
            default -> new CreateOutcome(CreateStatus.DELETED_RECENTLY, null);
          };
          if (outcome.status() == CreateStatus.DELETED_RECENTLY) {
            return Future.succeededFuture(outcome);
          }
          return Future.all(
                  send(Request.cmd(Command.ZADD).arg(namesKey(id.region(), id.account())).arg(0).arg(id.name())),
                  send(Request.cmd(Command.SADD).arg(allQueuesKey).arg(id.key())))
              .map(outcome);
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<QueueRecord>> findQueue(QueueId id) {
    return find(id).toCompletionStage();
  }

  private Future<Optional<QueueRecord>> find(QueueId id) {
    return send(Request.cmd(Command.HMGET).arg(key(id, META)).arg("attrs").arg("tags").arg("created")
        .arg("modified").arg("version"))
        .map(r -> r.get(0) == null ? Optional.<QueueRecord>empty()
            : Optional.of(record(id, r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))));
  }

  @Override
  public CompletionStage<List<QueueId>> listQueues(String region, String account, String prefix) {
    boolean all = prefix == null || prefix.isEmpty();
    Request range = Request.cmd(Command.ZRANGEBYLEX).arg(namesKey(region, account))
        .arg(all ? "-" : "[" + prefix).arg(all ? "+" : "(" + prefix + "\u00ff");
    return send(range)
        .compose(names -> existing(names.stream().map(n -> new QueueId(region, account, n.toString())).toList()))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<List<QueueId>> allQueues() {
    return send(Request.cmd(Command.SMEMBERS).arg(allQueuesKey))
        .compose(keys -> existing(keys.stream().map(k -> QueueId.fromKey(k.toString())).toList()))
        .toCompletionStage();
  }

  /** The ids whose meta exists, in the given order (index entries can outlive a crashed delete). */
  private Future<List<QueueId>> existing(List<QueueId> ids) {
    List<Future<Response>> checks = ids.stream()
        .map(id -> send(Request.cmd(Command.EXISTS).arg(key(id, META))))
        .toList();
    return Future.all(checks).map(done -> {
      List<QueueId> out = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        if (checks.get(i).result().toLong() > 0) {
          out.add(ids.get(i));
        }
      }
      return out;
    });
  }

  @Override
  public CompletionStage<Optional<Outcome<QueueRecord>>> updateQueue(QueueId id, RecordChange change, long now) {
    // The stamps follow from the change alone: the script needs no SQS rule of its own.
    String modified = change.editsAttributes() ? Long.toString(now) : "";
    MapEdit attributes = change.attributes();
    String retention = attributes.put().containsKey(QueueRules.RETENTION_ATTRIBUTE)
        || attributes.remove().contains(QueueRules.RETENTION_ATTRIBUTE)
        ? Long.toString(QueueRules.retentionMillis(attributes.put())) : "";
    return runRaw(UPDATE_QUEUE, id, List.of(change.toJson(), modified, retention))
        .map(r -> r == null ? Optional.<Outcome<QueueRecord>>empty()
            : Optional.of(new Outcome<>(RecordChange.Status.valueOf(r.get(0).toString()),
                record(id, r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> deleteQueue(QueueId id, long now) {
    return runRaw(DELETE_QUEUE, id, List.of(now, QueueRules.DELETED_MARKER_MILLIS)).compose(r -> {
      if (r == null) {
        return Future.succeededFuture(false);
      }
      List<Future<Response>> unindex = new ArrayList<>();
      unindex.add(send(Request.cmd(Command.ZREM).arg(namesKey(id.region(), id.account())).arg(id.name())));
      unindex.add(send(Request.cmd(Command.SREM).arg(allQueuesKey).arg(id.key())));
      for (int i = 1; i < r.size(); i++) {
        unindex.add(send(Request.cmd(Command.SREM).arg(activeTasksKey).arg(taskMember(id, r.get(i).toString()))));
      }
      return Future.all(unindex).map(true);
    }).toCompletionStage();
  }

  // ---- messages -------------------------------------------------------------------------------

  @Override
  public CompletionStage<List<SendOutcome>> send(QueueId id, List<NewMessage> messages, SendOptions options, long now) {
    List<Object> args = new ArrayList<>(4 + messages.size() * 5);
    args.add(now);
    args.add(options.fifo() ? 1 : 0);
    args.add(options.deduplicateWithinGroup() ? 1 : 0);
    args.add(QueueRules.DEDUPLICATION_WINDOW_MILLIS);
    for (NewMessage m : messages) {
      args.add(m.messageId());
      args.add(m.payload());
      args.add(orEmpty(m.groupId()));
      args.add(orEmpty(m.deduplicationId()));
      args.add(m.delayMillis());
    }
    return run(SEND, id, args).map(r -> {
      List<SendOutcome> out = new ArrayList<>(messages.size());
      for (int i = 0; i + 2 < r.size(); i += 3) {
        out.add(new SendOutcome(r.get(i).toString(), text(r.get(i + 1)), r.get(i + 2).toLong() == 1));
      }
      return out;
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<ReceiveOutcome> receive(QueueId id, ReceiveOptions options, long now) {
    return receiveStaging(id, options, now).compose(step -> step.transfers().isEmpty()
        ? Future.succeededFuture(step.outcome())
        : finishLater(id, finishTransfers(id, step.transfers(), now)).map(step.outcome())).toCompletionStage();
  }

  /** What the receive script answered: the outcome, and transfers it staged or handed back to finish. */
  record ReceiveStep(ReceiveOutcome outcome, List<Transfer> transfers) {}

  /** The receive script alone: dead-letter moves are staged (step 1) but not finished. */
  Future<ReceiveStep> receiveStaging(QueueId id, ReceiveOptions options, long now) {
    RedriveTarget redrive = options.redrive();
    return run(RECEIVE, id, now, options.maxMessages(), options.visibilityMillis(), options.maxInflight(),
        redrive == null ? 0 : redrive.maxReceiveCount(), redrive == null ? "" : redrive.deadLetterQueue().arn(),
        redrive != null && !redrive.fifo() ? 1 : 0, id.arn(), orEmpty(options.receiveAttemptId()),
        RandomIds.uuid(), QueueRules.RECEIVE_ATTEMPT_WINDOW_MILLIS).map(r -> {
          int count = r.get(2).toInteger();
          List<ReceivedMessage> messages = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            int at = 3 + i * RECEIVED_FIELDS;
            messages.add(new ReceivedMessage(r.get(at).toString(), r.get(at + 1).toString(), r.get(at + 2).toBytes(),
                r.get(at + 3).toLong(), r.get(at + 4).toInteger(), r.get(at + 5).toLong(), text(r.get(at + 6)),
                text(r.get(at + 7)), text(r.get(at + 8)), text(r.get(at + 9))));
          }
          long next = r.get(1).toLong();
          ReceiveOutcome outcome = new ReceiveOutcome(messages, next < 0 ? Long.MAX_VALUE : next,
              r.get(0).toLong() == 1);
          return new ReceiveStep(outcome, transfers(r, 3 + count * RECEIVED_FIELDS));
        });
  }

  @Override
  public CompletionStage<List<Boolean>> delete(QueueId id, List<HandleRef> handles, long now) {
    List<Object> args = new ArrayList<>(1 + handles.size() * 2);
    args.add(now);
    for (HandleRef h : handles) {
      args.add(h.messageId());
      args.add(h.receiptToken());
    }
    return run(DELETE_MESSAGES, id, args)
        .map(r -> r.stream().map(x -> x.toLong() == 1).toList())
        .toCompletionStage();
  }

  @Override
  public CompletionStage<List<VisibilityStatus>> changeVisibility(QueueId id, List<VisibilityChange> changes,
                                                                  long maxTotalMillis, long now) {
    List<Object> args = new ArrayList<>(2 + changes.size() * 3);
    args.add(now);
    args.add(maxTotalMillis);
    for (VisibilityChange c : changes) {
      args.add(c.messageId());
      args.add(c.receiptToken());
      args.add(c.visibilityMillis());
    }
    VisibilityStatus[] statuses = {VisibilityStatus.CHANGED, VisibilityStatus.NOT_IN_FLIGHT,
        VisibilityStatus.INVALID_HANDLE, VisibilityStatus.EXCEEDS_MAXIMUM, VisibilityStatus.CHANGED_EARLIER};
    return run(CHANGE_VISIBILITY, id, args)
        .map(r -> r.stream().map(x -> statuses[x.toInteger()]).toList())
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> purge(QueueId id, long now) {
    return run(PURGE, id, now, QueueRules.PURGE_INTERVAL_MILLIS).map(r -> r.toLong() == 1).toCompletionStage();
  }

  @Override
  public CompletionStage<QueueCounts> counts(QueueId id, long now) {
    return run(COUNTS, id, now).map(r -> {
      long oldest = r.get(3).toLong();
      return new QueueCounts(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong(),
          oldest < 0 ? Long.MAX_VALUE : oldest);
    }).toCompletionStage();
  }

  // ---- cross-queue moves ----------------------------------------------------------------------

  @Override
  public CompletionStage<Integer> moveMessages(QueueId from, QueueId to, int max, long now) {
    return moveStaging(from, to, max, now).compose(step -> Future.all(
            finishTransfers(from, step.staged(), now), finishLater(from, finishTransfers(from, step.stale(), now)))
        .map(done -> done.<Integer>resultAt(0))).toCompletionStage();
  }

  /** What the move script answered: transfers it staged now, and older pending ones to retry. */
  record MoveStep(List<Transfer> staged, List<Transfer> stale) {}

  /** Step 1 of {@link #moveMessages} alone: the messages are staged but not finished. */
  Future<MoveStep> moveStaging(QueueId from, QueueId to, int max, long now) {
    Future<Boolean> targetExists = to == null ? Future.succeededFuture(true)
        : send(Request.cmd(Command.EXISTS).arg(key(to, META))).map(r -> r.toLong() > 0);
    return targetExists.compose(exists -> {
      if (!exists) {
        throw new QueueGoneException(to.key());
      }
      return run(TAKE_FOR_MOVE, from, now, max, to == null ? "" : to.arn(), RandomIds.uuid());
    }).map(r -> {
      int staged = r.get(0).toInteger();
      List<Transfer> all = transfers(r, 1);
      return new MoveStep(all.subList(0, staged), all.subList(staged, all.size()));
    });
  }

  /**
   * Steps 2 and 3 of cross-queue moves staged on {@code source}: each target inserts its messages,
   * then the source forgets them; messages whose target is gone go back into the source. Returns
   * how many reached their target.
   */
  Future<Integer> finishTransfers(QueueId source, List<Transfer> transfers, long now) {
    if (transfers.isEmpty()) {
      return Future.succeededFuture(0);
    }
    Map<String, List<Transfer>> byTarget = new LinkedHashMap<>();
    for (Transfer t : transfers) {
      byTarget.computeIfAbsent(orEmpty(t.targetArn()), k -> new ArrayList<>()).add(t);
    }
    List<Future<Integer>> parts = new ArrayList<>(byTarget.size());
    byTarget.forEach((arn, batch) -> {
      QueueId target = QueueId.fromArn(arn);
      Future<Boolean> accepted = target == null ? Future.succeededFuture(false) : acceptTransfers(target, batch, now);
      parts.add(accepted.compose(ok -> ok
          ? acknowledgeTransfers(source, batch).map(batch.size())
          : restoreTransfers(source, batch, now).map(0)));
    });
    return Future.all(parts).map(done -> {
      int moved = 0;
      for (Future<Integer> p : parts) {
        moved += p.result();
      }
      return moved;
    });
  }

  /**
   * A failure to finish transfers does not fail the operation that staged them: they stay pending
   * and a later operation on the source retries them.
   */
  private static Future<Integer> finishLater(QueueId source, Future<Integer> finishing) {
    return finishing.recover(failure -> {
      LOG.log(Level.WARNING, "transfers out of " + source.key() + " stay pending for a retry", failure);
      return Future.succeededFuture(0);
    });
  }

  /** Step 2: false if the target queue is gone (nothing inserted). */
  Future<Boolean> acceptTransfers(QueueId target, List<Transfer> batch, long now) {
    List<Object> args = new ArrayList<>(1 + batch.size() * 7);
    args.add(now);
    for (Transfer t : batch) {
      args.add(t.transferId());
      args.add(t.messageId());
      args.add(t.payload());
      args.add(orEmpty(t.groupId()));
      args.add(orEmpty(t.deduplicationId()));
      args.add(t.sent());
      args.add(orEmpty(t.sourceArn()));
    }
    return runRaw(ACCEPT_TRANSFER, target, args).map(r -> r != null);
  }

  /** Step 3: the source forgets transfers its targets accepted. */
  Future<Response> acknowledgeTransfers(QueueId source, List<Transfer> batch) {
    return runRaw(ACK_TRANSFER, source, transferRefs(new ArrayList<>(), batch));
  }

  /** Instead of step 3 when the target is gone: the messages go back into the source. */
  Future<Response> restoreTransfers(QueueId source, List<Transfer> batch, long now) {
    List<Object> args = new ArrayList<>();
    args.add(now);
    return runRaw(RESTORE_TRANSFER, source, transferRefs(args, batch));
  }

  private static List<Object> transferRefs(List<Object> args, List<Transfer> batch) {
    for (Transfer t : batch) {
      args.add(t.messageId());
      args.add(t.transferId());
    }
    return args;
  }

  /** How many transfers out of {@code source} are pending (staged, not yet acknowledged). */
  Future<Long> pendingTransfers(QueueId source) {
    return send(Request.cmd(Command.HLEN).arg(key(source, XFER))).map(Response::toLong);
  }

  private static List<Transfer> transfers(Response r, int from) {
    List<Transfer> out = new ArrayList<>();
    for (int i = from; i + TRANSFER_FIELDS <= r.size(); i += TRANSFER_FIELDS) {
      out.add(new Transfer(r.get(i).toString(), r.get(i + 1).toString(), r.get(i + 2).toBytes(), text(r.get(i + 3)),
          text(r.get(i + 4)), text(r.get(i + 5)), r.get(i + 6).toLong(), text(r.get(i + 7))));
    }
    return out;
  }

  // ---- message move tasks -----------------------------------------------------------------------

  @Override
  public CompletionStage<Boolean> startMoveTask(MoveTask task) {
    String member = taskMember(task.source(), task.taskHandle());
    // Indexed first: a crash after the script leaves no running task unindexed.
    return send(Request.cmd(Command.SADD).arg(activeTasksKey).arg(member))
        .compose(v -> {
          List<Object> args = new ArrayList<>(List.of(task.taskHandle(), taskJson(task), QueueRules.MOVE_TASKS_KEPT));
          args.addAll(MoveTaskStatus.activeNames());
          return run(START_MOVE_TASK, task.source(), args);
        })
        .compose(r -> {
          boolean started = r.get(0).toLong() == 1;
          List<Future<Response>> unindex = new ArrayList<>();
          if (!started) {
            unindex.add(send(Request.cmd(Command.SREM).arg(activeTasksKey).arg(member)));
          }
          for (int i = 1; i < r.size(); i++) {
            unindex.add(send(Request.cmd(Command.SREM).arg(activeTasksKey)
                .arg(taskMember(task.source(), r.get(i).toString()))));
          }
          return Future.all(unindex).map(started);
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<List<MoveTask>> listMoveTasks(QueueId source) {
    return run(LIST_MOVE_TASKS, source).map(r -> r.stream().map(j -> task(j.toString())).toList())
        .toCompletionStage();
  }

  @Override
  public CompletionStage<List<MoveTask>> activeMoveTasks() {
    return send(Request.cmd(Command.SMEMBERS).arg(activeTasksKey)).compose(members -> {
      Map<QueueId, List<String>> bySource = new LinkedHashMap<>();
      for (Response m : members) {
        String[] sourceAndHandle = m.toString().split("\n", 2);
        QueueId source = QueueId.fromKey(sourceAndHandle[0]);
        if (source != null && sourceAndHandle.length == 2) {
          bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(sourceAndHandle[1]);
        }
      }
      List<Future<List<MoveTask>>> parts = new ArrayList<>();
      bySource.forEach((source, handles) -> {
        Request get = Request.cmd(Command.HMGET).arg(key(source, TASK));
        handles.forEach(get::arg);
        parts.add(send(get).compose(found -> {
          List<MoveTask> active = new ArrayList<>();
          List<Future<Response>> finished = new ArrayList<>();
          for (int i = 0; i < handles.size(); i++) {
            if (found.get(i) == null) {
              continue;
            }
            MoveTask t = task(found.get(i).toString());
            if (t.status().isActive()) {
              active.add(t);
            } else {
              finished.add(send(Request.cmd(Command.SREM).arg(activeTasksKey).arg(taskMember(source, handles.get(i)))));
            }
          }
          return Future.all(finished).map(active);
        }));
      });
      return Future.all(parts).map(done -> {
        List<MoveTask> out = new ArrayList<>();
        parts.forEach(p -> out.addAll(p.result()));
        return out;
      });
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<MoveTaskUpdate>> updateMoveTask(QueueId source, String taskHandle,
                                                                 MoveTaskChange change) {
    List<Object> args = new ArrayList<>(List.of(taskHandle, changeJson(change), MoveTaskStatus.FAILED.name()));
    args.addAll(MoveTaskStatus.activeNames());
    return run(UPDATE_MOVE_TASK, source, args).compose(r -> {
      if (r.get(0).toInteger() == -1) {
        return Future.succeededFuture(Optional.<MoveTaskUpdate>empty());
      }
      MoveTaskUpdate update = new MoveTaskUpdate(r.get(0).toInteger() == 1, task(r.get(1).toString()));
      return update.task().status().isActive() ? Future.succeededFuture(Optional.of(update))
          : send(Request.cmd(Command.SREM).arg(activeTasksKey).arg(taskMember(source, taskHandle)))
              .map(Optional.of(update));
    }).toCompletionStage();
  }

  private static String changeJson(MoveTaskChange change) {
    JsonObject statuses = new JsonObject();
    change.statuses().forEach((from, to) -> statuses.put(from.name(), to.name()));
    JsonObject json = new JsonObject()
        .put("statuses", statuses)
        .put("leaseUntil", change.leaseUntil())
        .put("now", change.now())
        .put("moved", change.moved());
    // Absent, not null: Lua reads a JSON null as a value.
    if (change.leaseOwner() != null) {
      json.put("leaseOwner", change.leaseOwner());
    }
    if (change.failureReason() != null) {
      json.put("failureReason", change.failureReason());
    }
    return json.encode();
  }

  private static String taskMember(QueueId source, String handle) {
    return source.key() + "\n" + handle;
  }

  private static String taskJson(MoveTask t) {
    return new JsonObject()
        .put("taskHandle", t.taskHandle())
        .put("source", t.source().key())
        .put("destinationArn", t.destinationArn())
        .put("maxPerSecond", t.maxPerSecond())
        .put("status", t.status().name())
        .put("moved", t.moved())
        .put("toMove", t.toMove())
        .put("startedTimestamp", t.startedTimestamp())
        .put("failureReason", t.failureReason())
        .put("leaseOwner", t.leaseOwner())
        .put("leaseUntil", t.leaseUntil())
        .encode();
  }

  private static MoveTask task(String json) {
    JsonObject j = new JsonObject(json);
    return new MoveTask(j.getString("taskHandle"), QueueId.fromKey(j.getString("source")),
        j.getString("destinationArn"), j.getInteger("maxPerSecond"), MoveTaskStatus.valueOf(j.getString("status")),
        j.getLong("moved"),
        j.getLong("toMove"), j.getLong("startedTimestamp"), j.getString("failureReason"), j.getString("leaseOwner"),
        j.getLong("leaseUntil"));
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private String key(QueueId id, int index) {
    return keys.tagged(id.key(), SUFFIXES.get(index));
  }

  private List<String> keys(QueueId id) {
    return keys.tagged(id.key(), SUFFIXES);
  }

  private String namesKey(String region, String account) {
    return keys.tagged("idx:" + region + "/" + account, "names");
  }

  private Future<Response> send(Request request) {
    return redis.send(request);
  }

  /** Runs a script on a queue; a nil answer (the queue is gone) fails with {@link QueueGoneException}. */
  private Future<Response> run(RedisScript script, QueueId id, Object... args) {
    return run(script, id, List.of(args));
  }

  private Future<Response> run(RedisScript script, QueueId id, List<Object> args) {
    return runRaw(script, id, args).map(r -> {
      if (r == null) {
        throw new QueueGoneException(id.key());
      }
      return r;
    });
  }

  private Future<Response> runRaw(RedisScript script, QueueId id, List<Object> args) {
    return script.run(redis, keys(id), args);
  }

  private static QueueRecord record(QueueId id, Response attrs, Response tags, Response created, Response modified,
                                    Response version) {
    return new QueueRecord(id, stringMap(new JsonObject(attrs.toString())), stringMap(new JsonObject(tags.toString())),
        Long.parseLong(created.toString()), Long.parseLong(modified.toString()), Long.parseLong(version.toString()));
  }

  private static String json(Map<String, String> map) {
    return new JsonObject(new LinkedHashMap<>(map)).encode();
  }
}
