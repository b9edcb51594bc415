package io.sluice.sqs.store;

import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueStore.HandleRef;
import io.sluice.sqs.store.QueueStore.NewMessage;
import io.sluice.sqs.store.QueueStore.QueueCounts;
import io.sluice.sqs.store.QueueStore.ReceiveOptions;
import io.sluice.sqs.store.QueueStore.ReceiveOutcome;
import io.sluice.sqs.store.QueueStore.ReceivedMessage;
import io.sluice.sqs.store.QueueStore.SendOptions;
import io.sluice.sqs.store.QueueStore.SendOutcome;
import io.sluice.sqs.store.QueueStore.VisibilityChange;
import io.sluice.sqs.store.QueueStore.VisibilityStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One queue of the in-memory engine. Every public method runs under the queue's monitor, which
 * makes each one atomic, as the Redis engine's scripts are.
 */
final class MemoryQueue {

  private enum State { DELAYED, READY, IN_FLIGHT }

  private static final class Msg {
    final String id;
    final byte[] payload;
    final String groupId;
    final String dedupId;
    final long seq;
    final long sentTimestamp;
    final String deadLetterSourceArn;
    State state;
    long visibleAt;
    int receiveCount;
    long firstReceive;
    long lastReceive;
    String token;
    // The receive attempt that delivered it; a visibility change ends that attempt's repeatability.
    String attemptId;

    Msg(String id, byte[] payload, String groupId, String dedupId, long seq, long sentTimestamp,
        String deadLetterSourceArn) {
      this.id = id;
      this.payload = payload;
      this.groupId = groupId;
      this.dedupId = dedupId;
      this.seq = seq;
      this.sentTimestamp = sentTimestamp;
      this.deadLetterSourceArn = deadLetterSourceArn;
    }
  }

  private record Dedup(String messageId, String sequenceNumber, long expiresAt) {}

  private record Attempt(List<HandleRef> handles, long expiresAt) {}

  /** A message removed from this queue on its way to another (dead-letter or redrive). */
  record Transfer(String messageId, byte[] payload, String groupId, String deduplicationId,
                  long sentTimestamp, String deadLetterSourceArn) {}

  private static final Comparator<Msg> BY_VISIBLE_AT =
      Comparator.<Msg>comparingLong(m -> m.visibleAt).thenComparingLong(m -> m.seq);
  private static final Comparator<Msg> BY_SENT =
      Comparator.<Msg>comparingLong(m -> m.sentTimestamp).thenComparingLong(m -> m.seq);

  private final QueueId id;
  private final boolean fifo;
  private QueueRecord record;
  private final Map<String, Msg> messages = new HashMap<>();
  private final TreeMap<Long, Msg> ready = new TreeMap<>();
  private final TreeSet<Msg> inFlight = new TreeSet<>(BY_VISIBLE_AT);
  private final TreeSet<Msg> delayed = new TreeSet<>(BY_VISIBLE_AT);
  private final TreeSet<Msg> bySent = new TreeSet<>(BY_SENT);
  // FIFO: ready messages per group, groups receivable now keyed by their head's seq, in-flight per group.
  private final Map<String, TreeMap<Long, Msg>> groupReady = new HashMap<>();
  private final TreeMap<Long, String> availableGroups = new TreeMap<>();
  private final Map<String, Long> availableKey = new HashMap<>();
  private final Map<String, Integer> groupInFlight = new HashMap<>();
  private final Map<String, Dedup> dedup = new HashMap<>();
  private final ArrayDeque<Map.Entry<String, Long>> dedupExpiry = new ArrayDeque<>();
  private final Map<String, Attempt> attempts = new HashMap<>();
  private long seqCounter;
  private long lastPurge = Long.MIN_VALUE;

  MemoryQueue(QueueRecord record) {
    this.id = record.id();
    this.fifo = record.isFifo();
    this.record = record;
  }

  synchronized QueueRecord record() {
    return record;
  }

  synchronized void setRecord(QueueRecord newRecord) {
    this.record = newRecord;
  }

  // ---- send -----------------------------------------------------------------------------------

  synchronized List<SendOutcome> send(List<NewMessage> batch, SendOptions options, long retentionMillis, long now) {
    promote(retentionMillis, now);
    expireDedup(now);
    List<SendOutcome> out = new ArrayList<>(batch.size());
    for (NewMessage m : batch) {
      String dedupKey = null;
      if (options.fifo()) {
        dedupKey = options.deduplicateWithinGroup() ? m.groupId() + "\u0000" + m.deduplicationId() : m.deduplicationId();
        Dedup seen = dedup.get(dedupKey);
        if (seen != null && seen.expiresAt() > now) {
          out.add(new SendOutcome(seen.messageId(), seen.sequenceNumber(), true));
          continue;
        }
      }
      Msg msg = new Msg(m.messageId(), m.payload(), m.groupId(), options.fifo() ? m.deduplicationId() : null,
          ++seqCounter, now, null);
      insert(msg, now + m.delayMillis(), now);
      String sequenceNumber = options.fifo() ? sequenceNumber(msg.seq) : null;
      if (dedupKey != null) {
        dedup.put(dedupKey, new Dedup(msg.id, sequenceNumber, now + QueueRules.DEDUPLICATION_WINDOW_MILLIS));
        dedupExpiry.addLast(Map.entry(dedupKey, now + QueueRules.DEDUPLICATION_WINDOW_MILLIS));
      }
      out.add(new SendOutcome(msg.id, sequenceNumber, false));
    }
    return out;
  }

  /** Inserts a message moved from another queue, unless one with its id is already here. */
  synchronized void acceptTransfer(Transfer t, boolean keepSentTimestamp, String sourceArn, long now) {
    if (messages.containsKey(t.messageId())) {
      return;
    }
    Msg msg = new Msg(t.messageId(), t.payload(), t.groupId(), t.deduplicationId(), ++seqCounter,
        keepSentTimestamp ? t.sentTimestamp() : now, sourceArn);
    insert(msg, now, now);
  }

  static String sequenceNumber(long seq) {
    return String.format("%020d", seq);
  }

  private void insert(Msg msg, long visibleAt, long now) {
    messages.put(msg.id, msg);
    bySent.add(msg);
    msg.visibleAt = visibleAt;
    if (visibleAt > now) {
      msg.state = State.DELAYED;
      delayed.add(msg);
    } else {
      makeReady(msg);
    }
  }

  private void expireDedup(long now) {
    while (!dedupExpiry.isEmpty() && dedupExpiry.peekFirst().getValue() <= now) {
      Map.Entry<String, Long> e = dedupExpiry.pollFirst();
      Dedup d = dedup.get(e.getKey());
      if (d != null && d.expiresAt() <= now) {
        dedup.remove(e.getKey());
      }
    }
  }

  // ---- receive --------------------------------------------------------------------------------

  /** Receives; messages due for the dead-letter queue are removed and added to {@code deadLetters}. */
  synchronized ReceiveOutcome receive(ReceiveOptions o, long retentionMillis, String nonce, long now,
                                     List<Transfer> deadLetters) {
    promote(retentionMillis, now);
    if (o.receiveAttemptId() != null) {
      List<ReceivedMessage> repeated = repeatAttempt(o, now);
      if (repeated != null) {
        return new ReceiveOutcome(repeated, nextChangeAt(), false);
      }
    }
    int capacity = o.maxInflight() - inFlight.size();
    if (capacity <= 0) {
      return new ReceiveOutcome(List.of(), nextChangeAt(), !ready.isEmpty());
    }
    int want = Math.min(o.maxMessages(), capacity);
    List<ReceivedMessage> out = new ArrayList<>(want);
    if (fifo) {
      receiveFifo(o, nonce, now, want, out, deadLetters);
    } else {
      Iterator<Msg> it = ready.values().iterator();
      while (it.hasNext() && out.size() < want) {
        Msg m = it.next();
        if (dueForDeadLetter(m, o)) {
          it.remove();
          deadLetters.add(removeForTransfer(m));
          continue;
        }
        it.remove();
        out.add(deliver(m, o, nonce, now));
      }
    }
    if (o.receiveAttemptId() != null && !out.isEmpty()) {
      attempts.put(o.receiveAttemptId(), new Attempt(
          out.stream().map(r -> new HandleRef(r.messageId(), r.receiptToken())).toList(),
          now + QueueRules.RECEIVE_ATTEMPT_WINDOW_MILLIS));
    }
    return new ReceiveOutcome(out, nextChangeAt(), false);
  }

  private void receiveFifo(ReceiveOptions o, String nonce, long now, int want, List<ReceivedMessage> out,
                           List<Transfer> deadLetters) {
    while (out.size() < want && !availableGroups.isEmpty()) {
      String group = availableGroups.firstEntry().getValue();
      TreeMap<Long, Msg> queue = groupReady.get(group);
      while (out.size() < want && queue != null && !queue.isEmpty()) {
        Msg m = queue.firstEntry().getValue();
        queue.pollFirstEntry();
        ready.remove(m.seq);
        if (dueForDeadLetter(m, o)) {
          deadLetters.add(removeForTransfer(m));
          continue;
        }
        out.add(deliver(m, o, nonce, now));
        groupInFlight.merge(group, 1, Integer::sum);
      }
      if (queue != null && queue.isEmpty()) {
        groupReady.remove(group);
      }
      refreshGroup(group);
    }
  }

  private List<ReceivedMessage> repeatAttempt(ReceiveOptions o, long now) {
    Attempt a = attempts.get(o.receiveAttemptId());
    if (a == null || a.expiresAt() <= now) {
      attempts.remove(o.receiveAttemptId());
      return null;
    }
    List<Msg> same = new ArrayList<>();
    for (HandleRef h : a.handles()) {
      Msg m = messages.get(h.messageId());
      if (m == null || m.state != State.IN_FLIGHT || !h.receiptToken().equals(m.token)
          || !o.receiveAttemptId().equals(m.attemptId)) {
        attempts.remove(o.receiveAttemptId());
        return null;
      }
      same.add(m);
    }
    List<ReceivedMessage> out = new ArrayList<>(same.size());
    for (Msg m : same) {
      inFlight.remove(m);
      m.visibleAt = now + o.visibilityMillis();
      inFlight.add(m);
      out.add(view(m));
    }
    return out;
  }

  private static boolean dueForDeadLetter(Msg m, ReceiveOptions o) {
    return o.redrive() != null && m.receiveCount >= o.redrive().maxReceiveCount();
  }

  private ReceivedMessage deliver(Msg m, ReceiveOptions o, String nonce, long now) {
    m.state = State.IN_FLIGHT;
    m.receiveCount++;
    if (m.firstReceive == 0) {
      m.firstReceive = now;
    }
    m.lastReceive = now;
    m.token = m.receiveCount + "-" + nonce;
    m.attemptId = o.receiveAttemptId();
    m.visibleAt = now + o.visibilityMillis();
    inFlight.add(m);
    return view(m);
  }

  private ReceivedMessage view(Msg m) {
    return new ReceivedMessage(m.id, m.token, m.payload, m.sentTimestamp, m.receiveCount, m.firstReceive,
        m.groupId, m.dedupId, fifo ? sequenceNumber(m.seq) : null, m.deadLetterSourceArn);
  }

  private Transfer removeForTransfer(Msg m) {
    // Caller has already taken m out of the ready structures.
    messages.remove(m.id);
    bySent.remove(m);
    return new Transfer(m.id, m.payload, m.groupId, m.dedupId, m.sentTimestamp, m.deadLetterSourceArn);
  }

  // ---- delete / visibility --------------------------------------------------------------------

  synchronized List<Boolean> delete(List<HandleRef> handles, long retentionMillis, long now) {
    promote(retentionMillis, now);
    List<Boolean> out = new ArrayList<>(handles.size());
    for (HandleRef h : handles) {
      Msg m = messages.get(h.messageId());
      if (m == null || m.token == null || !m.token.equals(h.receiptToken())) {
        out.add(false);
        continue;
      }
      remove(m);
      out.add(true);
    }
    return out;
  }

  synchronized List<VisibilityStatus> changeVisibility(List<VisibilityChange> changes, long maxTotalMillis,
                                                       long retentionMillis, long now) {
    promote(retentionMillis, now);
    List<VisibilityStatus> out = new ArrayList<>(changes.size());
    for (VisibilityChange c : changes) {
      Msg m = messages.get(c.messageId());
      if (m == null || m.token == null || !m.token.equals(c.receiptToken())) {
        out.add(VisibilityStatus.INVALID_HANDLE);
      } else if (m.state != State.IN_FLIGHT) {
        out.add(VisibilityStatus.NOT_IN_FLIGHT);
      } else if (now + c.visibilityMillis() > m.lastReceive + maxTotalMillis) {
        out.add(VisibilityStatus.EXCEEDS_MAXIMUM);
      } else {
        m.attemptId = null;
        inFlight.remove(m);
        boolean earlier = now + c.visibilityMillis() < m.visibleAt;
        if (c.visibilityMillis() == 0) {
          returnToReady(m);
        } else {
          m.visibleAt = now + c.visibilityMillis();
          inFlight.add(m);
        }
        out.add(earlier ? VisibilityStatus.CHANGED_EARLIER : VisibilityStatus.CHANGED);
      }
    }
    return out;
  }

  // ---- purge / counts / move ------------------------------------------------------------------

  synchronized boolean purge(long now) {
    if (lastPurge != Long.MIN_VALUE && now - lastPurge < QueueRules.PURGE_INTERVAL_MILLIS) {
      return false;
    }
    lastPurge = now;
    messages.clear();
    ready.clear();
    inFlight.clear();
    delayed.clear();
    bySent.clear();
    groupReady.clear();
    availableGroups.clear();
    availableKey.clear();
    groupInFlight.clear();
    attempts.clear();
    return true;
  }

  synchronized QueueCounts counts(long retentionMillis, long now) {
    promote(retentionMillis, now);
    long oldest = bySent.isEmpty() ? Long.MAX_VALUE : bySent.first().sentTimestamp;
    return new QueueCounts(ready.size(), inFlight.size(), delayed.size(), oldest);
  }

  /** Removes up to {@code max} receivable messages for a move task (FIFO: skipping locked groups). */
  synchronized List<Transfer> takeForMove(int max, long retentionMillis, long now, boolean onlyWithSource) {
    promote(retentionMillis, now);
    List<Transfer> out = new ArrayList<>();
    Iterator<Msg> it = ready.values().iterator();
    while (it.hasNext() && out.size() < max) {
      Msg m = it.next();
      if (onlyWithSource && m.deadLetterSourceArn == null) {
        continue;
      }
      if (fifo && groupInFlight.getOrDefault(m.groupId, 0) > 0) {
        continue;
      }
      it.remove();
      leaveGroupReady(m);
      out.add(removeForTransfer(m));
    }
    return out;
  }

  // ---- state transitions ----------------------------------------------------------------------

  /** Drops expired messages, makes due delayed and timed-out in-flight messages visible. */
  private void promote(long retentionMillis, long now) {
    long cutoff = now - retentionMillis;
    while (!bySent.isEmpty() && bySent.first().sentTimestamp <= cutoff) {
      remove(bySent.first());
    }
    while (!delayed.isEmpty() && delayed.first().visibleAt <= now) {
      makeReady(delayed.pollFirst());
    }
    while (!inFlight.isEmpty() && inFlight.first().visibleAt <= now) {
      returnToReady(inFlight.pollFirst());
    }
  }

  private void makeReady(Msg m) {
    m.state = State.READY;
    ready.put(m.seq, m);
    if (fifo) {
      groupReady.computeIfAbsent(m.groupId, g -> new TreeMap<>()).put(m.seq, m);
      refreshGroup(m.groupId);
    }
  }

  /** An in-flight message (already out of {@code inFlight}) becomes visible again. */
  private void returnToReady(Msg m) {
    if (fifo) {
      groupInFlight.computeIfPresent(m.groupId, (g, n) -> n <= 1 ? null : n - 1);
    }
    makeReady(m);
  }

  private void remove(Msg m) {
    messages.remove(m.id);
    bySent.remove(m);
    switch (m.state) {
      case DELAYED -> delayed.remove(m);
      case IN_FLIGHT -> {
        inFlight.remove(m);
        if (fifo) {
          groupInFlight.computeIfPresent(m.groupId, (g, n) -> n <= 1 ? null : n - 1);
          refreshGroup(m.groupId);
        }
      }
      case READY -> {
        ready.remove(m.seq);
        leaveGroupReady(m);
      }
    }
  }

  /** FIFO: takes a visible message (already out of {@code ready}) out of its group's queue. */
  private void leaveGroupReady(Msg m) {
    if (!fifo) {
      return;
    }
    TreeMap<Long, Msg> q = groupReady.get(m.groupId);
    if (q != null) {
      q.remove(m.seq);
      if (q.isEmpty()) {
        groupReady.remove(m.groupId);
      }
    }
    refreshGroup(m.groupId);
  }

  /** A FIFO group is receivable when it has visible messages and none in flight. */
  private void refreshGroup(String group) {
    Long key = availableKey.remove(group);
    if (key != null) {
      availableGroups.remove(key);
    }
    TreeMap<Long, Msg> q = groupReady.get(group);
    if (q != null && !q.isEmpty() && !groupInFlight.containsKey(group)) {
      long head = q.firstKey();
      availableGroups.put(head, group);
      availableKey.put(group, head);
    }
  }

  private long nextChangeAt() {
    long next = Long.MAX_VALUE;
    if (!delayed.isEmpty()) {
      next = Math.min(next, delayed.first().visibleAt);
    }
    if (!inFlight.isEmpty()) {
      next = Math.min(next, inFlight.first().visibleAt);
    }
    return next;
  }

  QueueId id() {
    return id;
  }

  boolean isFifo() {
    return fifo;
  }
}
