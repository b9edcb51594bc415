package io.sluice.sns.delivery;

import io.sluice.sns.SnsConfig;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.store.TopicStore.Delivery;
import io.sluice.sns.store.TopicStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the deliveries of the outbox. A publish hands its new deliveries over at once (this node
 * owns them for the delivery lease); a periodic sweep claims those that fell due elsewhere: retries
 * whose time came, and deliveries of nodes that died. Each attempt goes to the subscription's
 * {@link ProtocolDelivery}; a success completes the delivery in the store; a retryable failure is
 * rescheduled by the subscription's {@link RetryPlan} (kept in the store, so retries survive a
 * restart); a permanent failure, or the last retry, sends the message to the subscription's
 * dead-letter queue if it has one and completes the delivery.
 *
 * <p>Deliveries of a FIFO topic to one subscription and message group are made one after another,
 * in the order handed over.
 */
public final class DeliveryDispatcher {
  private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class.getName());
  private static final int SWEEP_BATCH = 100;

  private final Vertx vertx;
  private final TopicStore store;
  private final InstantSource clock;
  private final SnsConfig config;
  private final Map<String, ProtocolDelivery> protocols;
  private final DeadLetters deadLetters;
  private final Future<Void> ready;
  private final NotificationBodies bodies;
  /** How long made deliveries wait to be removed together from the store. */
  private static final long COMPLETION_BATCH_MS = 2;
  /** Made deliveries not yet removed from the store (removed in batches: one store step per topic). */
  private final List<Delivery> completions = new ArrayList<>();
  private boolean completionFlushScheduled;
  /** FIFO: the last attempt chain per subscription and message group. */
  private final Map<String, Future<Void>> fifoChains = new HashMap<>();
  private long sweepTimer = -1;
  private boolean sweeping;
  private volatile boolean closed;

  public DeliveryDispatcher(Vertx vertx, TopicStore store, InstantSource clock, SnsConfig config,
                            Map<String, ProtocolDelivery> protocols, DeadLetters deadLetters,
                            NotificationBodies bodies) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.protocols = Map.copyOf(protocols);
    this.deadLetters = deadLetters;
    this.bodies = bodies;
    this.ready = bodies.ready();
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
    sweepTimer = vertx.setPeriodic(config.sweepIntervalMs(), id -> sweep());
  }

  /** Stops sweeping; attempts under way finish, and what is left stays in the store for later. */
  public void stop() {
    closed = true;
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    flushCompletions();
  }

  /**
   * A delivery was made: it leaves the store with the others made within a couple of milliseconds
   * (if the node dies before, it is made again by another node: delivery is at least once).
   */
  private void completed(Delivery d) {
    synchronized (completions) {
      completions.add(d);
      if (completionFlushScheduled) {
        return;
      }
      completionFlushScheduled = true;
    }
    vertx.setTimer(COMPLETION_BATCH_MS, t -> flushCompletions());
  }

  private void flushCompletions() {
    List<Delivery> batch;
    synchronized (completions) {
      batch = List.copyOf(completions);
      completions.clear();
      completionFlushScheduled = false;
    }
    if (!batch.isEmpty()) {
      store.completeAll(batch).whenComplete((v, t) -> {
        if (t != null) {
          LOG.log(Level.WARNING, "SNS deliveries made could not be removed from the store; they will be made again", t);
        }
      });
    }
  }

  /** The lease a delivery taken now gets. */
  public long leaseUntil() {
    return clock.millis() + config.deliveryLeaseMs();
  }

  /**
   * Delivers the new deliveries of one publish (this node owns them). The future completes when
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
   * Replays the topic's archived messages in the subscription's ReplayPolicy window to it: each
   * becomes a stored delivery (so the replay survives a restart), delivered in publish order.
   */
  public Future<Void> replay(TopicRecord topic, SubscriptionRecord subscription) {
    io.sluice.sns.ReplayPolicy policy = io.sluice.sns.ReplayPolicy.parse(subscription.attribute("ReplayPolicy"));
    long now = clock.millis();
    long end = policy.endingPointMillis() == null ? now : policy.endingPointMillis();
    return Future.fromCompletionStage(store.archived(topic.arn(), policy.startingPointMillis(), end, now))
        .compose(archived -> {
          List<Delivery> deliveries = new ArrayList<>(archived.size());
          long lease = leaseUntil();
          for (TopicStore.ArchivedMessage m : archived) {
            deliveries.add(new Delivery(io.sluice.ids.RandomIds.uuid(), topic.arn(), subscription.arn(), m.messageId(),
                m.sequenceNumber(), m.message(), 0, lease));
          }
          return Future.fromCompletionStage(store.enqueue(deliveries)).compose(v -> {
            List<Future<Void>> attempts = new ArrayList<>();
            for (Delivery d : deliveries) {
              attempts.add(start(new Attempt(d, PublishedMessage.fromBytes(d.message()), subscription, topic)));
            }
            return Future.join(attempts).<Void>mapEmpty();
          });
        });
  }

  /** Claims due deliveries and makes them; runs again at once while it finds a full batch. */
  void sweep() {
    if (sweeping || closed) {
      return;
    }
    sweeping = true;
    long now = clock.millis();
    Future.fromCompletionStage(store.claimDue(now, SWEEP_BATCH, now + config.deliveryLeaseMs()))
        .onComplete(ar -> {
          sweeping = false;
          if (ar.failed()) {
            LOG.log(Level.WARNING, "SNS delivery sweep failed", ar.cause());
            return;
          }
          for (Delivery d : ar.result()) {
            resume(d);
          }
          if (ar.result().size() == SWEEP_BATCH) {
            vertx.runOnContext(v -> sweep());
          }
        });
  }

  /** A claimed delivery: look its subscription and topic up again, they may have changed. */
  private void resume(Delivery d) {
    Future.fromCompletionStage(store.findSubscription(d.subscriptionArn()))
        .compose(sub -> Future.fromCompletionStage(store.findTopic(d.topicArn())).map(topic -> {
          if (sub.isEmpty() || topic.isEmpty()) {
            store.complete(d);
            return null;
          }
          return start(new Attempt(d, PublishedMessage.fromBytes(d.message()), sub.get(), topic.get()));
        }))
        .onFailure(t -> LOG.log(Level.WARNING, "SNS delivery " + d.id() + " could not be resumed", t));
  }

  private Future<Void> start(Attempt attempt) {
    if (!attempt.topic().isFifo()) {
      return attempt(attempt);
    }
    String key = attempt.subscription().arn() + "\n" + attempt.message().groupId();
    synchronized (fifoChains) {
      Future<Void> previous = fifoChains.getOrDefault(key, Future.succeededFuture());
      Future<Void> next = previous.transform(ignored -> attempt(attempt));
      fifoChains.put(key, next);
      next.onComplete(ignored -> {
        synchronized (fifoChains) {
          fifoChains.remove(key, next);
        }
      });
      return next;
    }
  }

  /** One attempt and what follows from it; completes when the attempt (not its retries) is over. */
  private Future<Void> attempt(Attempt attempt) {
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
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        completed(d);
      } else {
        failed(attempt, ar.cause());
      }
      over.complete();
    });
    return over.future();
  }

  /**
   * Signs the attempt's notification on a worker thread, so that the millisecond an RSA signature
   * costs is not spent on an event loop; the delivery then finds the signature made.
   */
  private Future<Void> signed(Attempt attempt) {
    if (!needsSignature(attempt)) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      bodies.notification(attempt);
      return null;
    }, false);
  }

  /** Raw deliveries carry no envelope, and FIFO topics' envelopes are not signed. */
  private static boolean needsSignature(Attempt attempt) {
    return !attempt.subscription().rawMessageDelivery() && !attempt.topic().isFifo();
  }

  private void failed(Attempt attempt, Throwable cause) {
    Delivery d = attempt.delivery();
    int made = d.attempt() + 1;
    boolean retryable = !(cause instanceof DeliveryFailure f) || f.retryable();
    OptionalLong delay = retryable ? RetryPlan.of(attempt).delayAfterAttempts(made) : OptionalLong.empty();
    if (closed) {
      // Leave it to the node that claims it after the lease; the attempt count is not stored.
      return;
    }
    if (delay.isEmpty()) {
      LOG.log(Level.FINE, () -> "SNS delivery " + d.id() + " to " + attempt.subscription().endpoint()
          + " given up after " + made + " attempts: " + cause.getMessage());
      deadLetters.send(attempt, cause).onComplete(ar -> store.complete(d));
      return;
    }
    long wait = delay.getAsLong();
    Delivery next = d.withAttempt(made, clock.millis() + wait + config.deliveryLeaseMs());
    Attempt retry = new Attempt(next, attempt.message(), attempt.subscription(), attempt.topic());
    Future.fromCompletionStage(store.reschedule(next)).onComplete(ar -> {
      if (wait == 0) {
        attempt(retry);
      } else {
        vertx.setTimer(wait, t -> {
          if (!closed) {
            refreshAndRetry(retry);
          }
        });
      }
    });
  }

  /** Before a delayed retry: the subscription may have been deleted or changed meanwhile. */
  private void refreshAndRetry(Attempt retry) {
    Future.fromCompletionStage(store.findSubscription(retry.subscription().arn())).onComplete(ar -> {
      Optional<SubscriptionRecord> sub = ar.succeeded() ? ar.result() : Optional.of(retry.subscription());
      if (sub.isEmpty()) {
        store.complete(retry.delivery());
        return;
      }
      attempt(new Attempt(retry.delivery(), retry.message(), sub.get(), retry.topic()));
    });
  }
}
