package io.sluice.sns.delivery;

import io.sluice.ids.RandomIds;
import io.sluice.sns.ReplayPolicy;
import io.sluice.sns.SnsConfig;
import io.sluice.sns.SubscriptionFilters;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.store.TopicStore.ArchivedMessage;
import io.sluice.sns.store.TopicStore.Delivery;
import io.sluice.sns.store.TopicStore;
import io.sluice.storage.Sealer;
import io.sluice.storage.scheduler.Scheduler.Item;
import io.sluice.storage.scheduler.Scheduler.ItemRef;
import io.sluice.storage.scheduler.Scheduler;
import io.sluice.time.Timers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the deliveries of the outbox, the store's {@linkplain TopicStore#deliveries deliveries
 * scheduler}. A publish hands its new deliveries over at once (this node holds them under the lease
 * the publish created); a periodic sweep claims those that fell due elsewhere: retries whose time
 * came, and deliveries of nodes that died or stalled. Each attempt goes to the subscription's
 * {@link ProtocolDelivery}; a success completes the delivery; a retryable failure is rescheduled by
 * the subscription's {@link RetryPlan} (kept in the store, so retries survive a restart); a
 * permanent failure, or the last retry, sends the message to the subscription's dead-letter queue
 * if it has one and completes the delivery.
 *
 * <p>Every attempt runs under a lease that outlasts it (the configuration keeps the lease longer
 * than the HTTP timeout): a retry renews its delivery's lease before it starts, and so does a first
 * attempt whose lease, granted by the publish, claim or replay that handed it over, is no longer
 * fresh (one that waited behind earlier messages of its FIFO group, say). When a renewal or a
 * reschedule fails, another node claimed the delivery after this node's lease ran out, and this node
 * stops working on it: a delivery has one chain of attempts at a time.
 *
 * <p>Time comes only from the injected clock and timers. Deliveries of a FIFO topic to one
 * subscription and message group are made one after another, in the order handed over.
 */
public final class DeliveryDispatcher {
  private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class.getName());
  private static final int SWEEP_BATCH = 100;

  private final BlockingWork signing;
  private final Timers timers;
  private final TopicStore store;
  private final Scheduler scheduler;
  private final InstantSource clock;
  private final SnsConfig config;
  private final Map<String, ProtocolDelivery> protocols;
  private final DeadLetters deadLetters;
  private final Future<Void> ready;
  private final NotificationBodies bodies;
  private final Sealer sealer;
  /** Whose leases this node's are (the prefix of its holders). */
  private final String owner = "sns-" + RandomIds.uuid();
  /** A lease granted at most this long ago still covers an attempt with room to spare. */
  private final long freshMillis;
  /** Made deliveries not yet removed from the store: removed together by the next completion step. */
  private final List<ItemRef> completions = new ArrayList<>();
  /** Whether a completion step is under way (the deliveries made meanwhile wait for it). */
  private boolean completing;
  /** FIFO: the last attempt chain per subscription and message group. */
  private final Map<String, Future<Void>> fifoChains = new HashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private Timers.Timer sweepTimer;
  private volatile boolean closed;
  /** Attempts under way, each until its outcome is stored: a stop waits for them. */
  private final Set<Future<Void>> underWay = ConcurrentHashMap.newKeySet();

  /**
   * @param signing signs notifications off the event loop (a node: {@link BlockingWork#workerPool})
   * @param timers  waits for retries and the sweep, measured on {@code clock}
   */
  public DeliveryDispatcher(BlockingWork signing, Timers timers, TopicStore store, InstantSource clock,
                            SnsConfig config, Map<String, ProtocolDelivery> protocols, DeadLetters deadLetters,
                            NotificationBodies bodies, Sealer sealer) {
    this.signing = signing;
    this.timers = timers;
    this.store = store;
    this.scheduler = store.deliveries();
    this.clock = clock;
    this.config = config;
    this.protocols = Map.copyOf(protocols);
    this.deadLetters = deadLetters;
    this.bodies = bodies;
    this.sealer = sealer;
    this.ready = bodies.ready();
    this.freshMillis = Math.max(0, (config.deliveryLeaseMs() - config.httpTimeoutMs()) / 2);
  }

  /**
   * The delivery registered for a protocol, for messages sent without a topic (Publish to a platform
   * endpoint or a phone number); IllegalStateException if there is none of that type.
   */
  public <T extends ProtocolDelivery> T protocol(String name, Class<T> type) {
    ProtocolDelivery delivery = protocols.get(name);
    if (!type.isInstance(delivery)) {
      throw new IllegalStateException("no " + type.getSimpleName() + " for protocol " + name);
    }
    return type.cast(delivery);
  }

  /** Starts the periodic sweep for deliveries that fell due. */
  public void start() {
    sweepTimer = timers.every(config.sweepIntervalMs(), this::sweep);
  }

  /**
   * Stops sweeping and retrying; completes when the attempts under way have finished and their
   * outcome (made, or failed with its attempt count and next time) is stored, or after the HTTP
   * timeout at the latest. What is left stays in the store for the node that claims it next.
   */
  public Future<Void> stop() {
    closed = true;
    if (sweepTimer != null) {
      sweepTimer.cancel();
    }
    List<Future<Void>> pending = List.copyOf(underWay);
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> settled = Promise.promise();
    Future.join(pending).onComplete(ignored -> settled.tryComplete());
    timers.once(config.httpTimeoutMs(), settled::tryComplete);
    return settled.future();
  }

  /** The form in which a publish stores {@code message} for its deliveries and the archive: sealed. */
  public byte[] stored(PublishedMessage message) {
    return message.toSealedBytes(sealer);
  }

  /** A holder for the deliveries of a publish this node makes at once. */
  public String newHolder() {
    return Scheduler.newHolder(owner);
  }

  /** The end of a lease granted now. */
  public long leaseUntil() {
    return clock.millis() + config.deliveryLeaseMs();
  }

  /**
   * A delivery was made (or given up): it leaves the store with the others made until the
   * completion step under way, if any, is over (if the node dies before, another node makes it
   * again: delivery is at least once).
   */
  private void completed(Delivery d) {
    synchronized (completions) {
      completions.add(d.ref());
      if (completing) {
        return;
      }
      completing = true;
    }
    flushCompletions();
  }

  private void flushCompletions() {
    List<ItemRef> batch;
    synchronized (completions) {
      if (completions.isEmpty()) {
        completing = false;
        return;
      }
      batch = List.copyOf(completions);
      completions.clear();
    }
    Future.fromCompletionStage(scheduler.complete(batch)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.log(Level.WARNING, "SNS deliveries made could not be removed from the store; they will be made again",
            ar.cause());
      }
      flushCompletions();
    });
  }

  /**
   * Delivers the new deliveries of one publish (this node holds them). The future completes when
   * every first attempt has finished, successful or not.
   */
  public Future<Void> dispatch(TopicRecord topic, PublishedMessage message, Map<String, SubscriptionRecord> subscriptions,
                               List<Delivery> deliveries) {
    List<Attempt> attempts = new ArrayList<>(deliveries.size());
    for (Delivery d : deliveries) {
      SubscriptionRecord sub = subscriptions.get(d.subscriptionArn());
      if (sub != null) {
        attempts.add(new Attempt(d, message, sub, topic));
      }
    }
    // One signature serves every subscription that gets the same text: made once, up front.
    Map<String, Attempt> signing = new HashMap<>();
    for (Attempt a : attempts) {
      if (needsSignature(a)) {
        signing.putIfAbsent(a.subscription().protocol(), a);
      }
    }
    Future<Void> signed = ready;
    for (Attempt a : signing.values()) {
      signed = signed.compose(v -> signed(a));
    }
    return signed.transform(v -> {
      List<Future<Void>> started = new ArrayList<>(attempts.size());
      for (Attempt a : attempts) {
        started.add(start(a));
      }
      return Future.join(started).mapEmpty();
    });
  }

  /**
   * Replays the topic's archived messages in the subscription's ReplayPolicy window that its filter
   * policy lets through to it ("Amazon SNS message replay for FIFO topic subscribers": to replay only
   * specific messages, apply a filter policy): each becomes a stored delivery (so the replay survives
   * a restart), delivered in publish order.
   */
  public Future<Void> replay(TopicRecord topic, SubscriptionRecord subscription) {
    ReplayPolicy policy = ReplayPolicy.parse(subscription.attribute("ReplayPolicy"));
    long now = clock.millis();
    long end = policy.endingPointMillis() == null ? now : policy.endingPointMillis();
    return Future.fromCompletionStage(store.archived(topic.arn(), policy.startingPointMillis(), end, now))
        .compose(archived -> {
          List<Attempt> replays = new ArrayList<>(archived.size());
          String holder = newHolder();
          long lease = leaseUntil();
          for (ArchivedMessage m : archived) {
            PublishedMessage message = PublishedMessage.fromStored(sealer, m.message());
            if (SubscriptionFilters.accepts(subscription, message)) {
              replays.add(new Attempt(new Delivery(RandomIds.uuid(), topic.arn(), subscription.arn(), m.messageId(),
                  m.sequenceNumber(), m.message(), 0, lease, holder), message, subscription, topic));
            }
          }
          List<Item> items = replays.stream().map(a -> a.delivery().item()).toList();
          return Future.fromCompletionStage(scheduler.add(items, now)).compose(v -> {
            List<Future<Void>> attempts = new ArrayList<>();
            for (Attempt replay : replays) {
              attempts.add(start(replay));
            }
            return Future.join(attempts).<Void>mapEmpty();
          });
        });
  }

  /** Claims due deliveries and makes them; runs again at once while it finds a full batch. */
  void sweep() {
    if (closed || !sweeping.compareAndSet(false, true)) {
      return;
    }
    long now = clock.millis();
    Future.fromCompletionStage(scheduler.claim(now, SWEEP_BATCH, owner, now + config.deliveryLeaseMs()))
        .onComplete(ar -> {
          sweeping.set(false);
          if (ar.failed()) {
            LOG.log(Level.WARNING, "SNS delivery sweep failed", ar.cause());
            return;
          }
          for (Item item : ar.result()) {
            resume(Delivery.of(item));
          }
          if (ar.result().size() == SWEEP_BATCH) {
            sweep();
          }
        });
  }

  /** A claimed delivery: look its subscription and topic up again, they may have changed. */
  private void resume(Delivery d) {
    Future.fromCompletionStage(store.findSubscription(d.subscriptionArn()))
        .compose(sub -> Future.fromCompletionStage(store.findTopic(d.topicArn())).map(topic -> {
          if (sub.isEmpty() || topic.isEmpty()) {
            completed(d);
            return null;
          }
          return start(new Attempt(d, PublishedMessage.fromStored(sealer, d.message()), sub.get(), topic.get()));
        }))
        .onFailure(t -> LOG.log(Level.WARNING, "SNS delivery " + d.id() + " could not be resumed", t));
  }

  /** The first attempt of a delivery handed over (FIFO: after those of its group before it). */
  private Future<Void> start(Attempt attempt) {
    if (!attempt.topic().isFifo()) {
      return attempt(attempt, false);
    }
    String key = attempt.subscription().arn() + "\n" + attempt.message().groupId();
    synchronized (fifoChains) {
      Future<Void> previous = fifoChains.getOrDefault(key, Future.succeededFuture());
      Future<Void> next = previous.transform(ignored -> attempt(attempt, false));
      fifoChains.put(key, next);
      next.onComplete(ignored -> {
        synchronized (fifoChains) {
          fifoChains.remove(key, next);
        }
      });
      return next;
    }
  }

  /**
   * One attempt, under a lease that outlasts it, and what follows from it; completes when the
   * attempt (not its retries) is over, or at once when this node no longer holds the delivery.
   */
  private Future<Void> attempt(Attempt attempt, boolean retry) {
    return held(attempt.delivery(), retry).compose(d -> d == null ? Future.succeededFuture()
        : make(new Attempt(d, attempt.message(), attempt.subscription(), attempt.topic())));
  }

  /**
   * The delivery under a lease that outlasts an attempt starting now: renewed first for a retry, or
   * when its lease was granted longer ago than {@link #freshMillis}; null when this node no longer
   * holds it (another node claimed it) or the renewal could not be made.
   */
  private Future<Delivery> held(Delivery d, boolean retry) {
    long now = clock.millis();
    if (!retry && d.dueAt() - now >= config.deliveryLeaseMs() - freshMillis) {
      return Future.succeededFuture(d);
    }
    long until = now + config.deliveryLeaseMs();
    return Future.fromCompletionStage(scheduler.renew(d.ref(), d.holder(), until)).map(renewed -> {
      if (!renewed) {
        LOG.log(Level.FINE, () -> "SNS delivery " + d.id() + " was taken over by another node");
        return null;
      }
      return d.heldBy(d.holder(), until);
    }).otherwise(failure -> {
      LOG.log(Level.WARNING, "SNS delivery " + d.id() + " could not be renewed; a node takes it over after its lease",
          failure);
      return null;
    });
  }

  /** Makes one attempt; completes when it is over. */
  private Future<Void> make(Attempt attempt) {
    Delivery d = attempt.delivery();
    ProtocolDelivery protocol = protocols.get(attempt.subscription().protocol());
    Future<Void> result;
    try {
      // Deliveries wait for the signing keys (loaded in the background at start-up).
      result = protocol == null
          ? Future.failedFuture(new DeliveryFailure(false, "UnsupportedProtocol",
              "no delivery for protocol " + attempt.subscription().protocol()))
          : ready.compose(v -> signed(attempt)).compose(v -> protocol.deliver(attempt));
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    Promise<Void> over = Promise.promise();
    underWay.add(over.future());
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        completed(d);
        over.complete();
      } else {
        failed(attempt, ar.cause()).onComplete(stored -> over.complete());
      }
    });
    over.future().onComplete(ignored -> underWay.remove(over.future()));
    return over.future();
  }

  /**
   * Signs the attempt's notification as blocking work (on a node, a worker thread), so that the
   * millisecond an RSA signature costs is not spent on an event loop; the delivery then finds the
   * signature made.
   */
  private Future<Void> signed(Attempt attempt) {
    if (!needsSignature(attempt)) {
      return Future.succeededFuture();
    }
    return signing.run(() -> {
      bodies.notification(attempt);
      return null;
    });
  }

  /** Raw deliveries carry no envelope, and FIFO topics' envelopes are not signed. */
  private static boolean needsSignature(Attempt attempt) {
    return !attempt.subscription().rawMessageDelivery() && !attempt.topic().isFifo();
  }

  /**
   * Gives the failed attempt up or stores it for a retry (this node's, unless it is stopping: then
   * the node that claims it next). Completes when that is stored.
   */
  private Future<Void> failed(Attempt attempt, Throwable cause) {
    Delivery d = attempt.delivery();
    int made = d.attempt() + 1;
    boolean retryable = !(cause instanceof DeliveryFailure f) || f.retryable();
    OptionalLong delay = retryable ? RetryPlan.of(attempt).delayAfterAttempts(made) : OptionalLong.empty();
    if (delay.isEmpty()) {
      LOG.log(Level.FINE, () -> "SNS delivery " + d.id() + " to " + attempt.subscription().endpoint()
          + " given up after " + made + " attempts: " + cause.getMessage());
      return deadLetters.send(attempt, cause).transform(ar -> {
        completed(d);
        return Future.succeededFuture();
      });
    }
    long wait = delay.getAsLong();
    // Held until a lease after the retry's time: this node retries then, another node if it died.
    long dueAt = clock.millis() + wait + config.deliveryLeaseMs();
    return Future.fromCompletionStage(scheduler.reschedule(d.ref(), d.holder(), made, dueAt)).transform(ar -> {
      if (ar.failed()) {
        LOG.log(Level.WARNING, "SNS delivery " + d.id()
            + " could not be rescheduled; a node retries it after its lease", ar.cause());
        return Future.succeededFuture();
      }
      if (!ar.result()) {
        LOG.log(Level.FINE, () -> "SNS delivery " + d.id() + " was taken over by another node");
        return Future.succeededFuture();
      }
      if (closed) {
        // Stored with its attempt count: the node that claims it next makes the retry.
        return Future.succeededFuture();
      }
      Attempt retry = new Attempt(d.withAttempt(made, dueAt), attempt.message(), attempt.subscription(),
          attempt.topic());
      if (wait == 0) {
        attempt(retry, true);
      } else {
        timers.once(wait, () -> {
          if (!closed) {
            refreshAndRetry(retry);
          }
        });
      }
      return Future.succeededFuture();
    });
  }

  /** Before a delayed retry: the subscription may have been deleted or changed meanwhile. */
  private void refreshAndRetry(Attempt retry) {
    Future.fromCompletionStage(store.findSubscription(retry.subscription().arn())).onComplete(ar -> {
      Optional<SubscriptionRecord> sub = ar.succeeded() ? ar.result() : Optional.of(retry.subscription());
      if (sub.isEmpty()) {
        completed(retry.delivery());
        return;
      }
      attempt(new Attempt(retry.delivery(), retry.message(), sub.get(), retry.topic()), true);
    });
  }
}
