package io.sluice.sns.store;

import io.sluice.ids.RandomIds;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * {@link TopicStore} in Redis, standalone or Cluster, shared by every Sluice node. Every key starts
 * with {@code <keyPrefix>:sns:}. Each state change of a topic is one call of {@code lua/sns/topic.lua}
 * over the topic's keys, which all share the hash tag {@code {<topicArn>}} (layout in that script):
 * its record, subscriptions (a subscription ARN is {@code <topicArn>:<uuid>}, so it names its topic),
 * FIFO sequence and deduplication window, archive and outbox. A publish of one entry to any number
 * of subscriptions is one script call, a claim or a completion one call per topic.
 *
 * <p>Indexes have their own tags: topic ARNs per region and account ({@code {sns-idx:region/account}}),
 * all topics ({@code {sns-idx}:topics}) and the due index ({@code {sns-idx}:due}, scored with at most
 * each topic's earliest due delivery).
 *
 * <p>The due index spans slots, so it is updated after the topic's script, in a second round trip
 * ({@code lua/sns/due_index.lua}): publish, reschedule and enqueue only lower a topic's score; a claim
 * sets it to the earliest due time it saw, unless a later outbox version (a publish that raced the
 * claim) was indexed meanwhile. Deliveries themselves are always in the topic's outbox once its
 * script ran, so an index entry lost to a crash between the two round trips delays them but never
 * loses them: a {@link #claimDue} that finds nothing, and whose node last swept 30 s or more ago (by
 * the {@code now} it is given), re-indexes every topic of the all-topics index by its outbox's
 * earliest due time, then claims again. A failed index update only logs, for the same reason. When
 * several topics are due, a claim first reads each one's due deliveries (read-only, in parallel) so
 * that only the {@code max} earliest overall are leased.
 */
public final class RedisTopicStore implements TopicStore {
  private static final Logger LOG = Logger.getLogger(RedisTopicStore.class.getName());
  private static final RedisScript TOPIC = RedisScript.load("sns/topic");
  private static final RedisScript INDEX = RedisScript.load("sns/due_index");
  private static final List<String> SUFFIXES = List.of("meta", "subs", "suborder", "subkey", "dedup", "dedupexp",
      "arch", "archat", "archexp", "out", "due", "bysub", "pay", "payref");
  private static final int META = 0;
  private static final int SUBS = 1;
  private static final int CLAIM_ROUNDS = 3;
  private static final int CLAIMED_FIELDS = 7;
  private static final int ARCHIVED_FIELDS = 4;
  private static final long NEVER = Long.MIN_VALUE;
  /** How long after a full sweep of the due index a claim that finds nothing sweeps again. */
  static final long SWEEP_INTERVAL_MILLIS = 30_000;

  private final Redis redis;
  private final RedisKeys keys;
  private final String allTopicsKey;
  private final List<String> indexKeys;
  private final AtomicLong lastSweep = new AtomicLong(NEVER);

  /** @param keys where this store's keys live (the engine's keys, namespace {@code sns}) */
  public RedisTopicStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
    this.allTopicsKey = keys.tagged("sns-idx", "topics");
    this.indexKeys = keys.tagged("sns-idx", List.of("due", "duever"));
  }

  // ---- topics ---------------------------------------------------------------------------------

  @Override
  public CompletionStage<TopicRecord> createTopic(TopicRecord topic) {
    // The first outbox version grows with the creation time, so a topic created again after a
    // delete starts above the old one's versions even if the index still remembers them.
    long firstVersion = Math.max(0, topic.createdMillis()) * 1000;
    return topicStep(topic.arn(), "create", topicJson(topic), firstVersion).compose(r -> {
      TopicRecord stored = r.get(0).toInteger() == 1 ? topic : topic(r.get(1).toString());
      return Future.all(
              send(Request.cmd(Command.ZADD).arg(namesKey(topic.region(), topic.account())).arg(0).arg(topic.arn())),
              send(Request.cmd(Command.SADD).arg(allTopicsKey).arg(topic.arn())))
          .map(stored);
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<TopicRecord>> findTopic(String topicArn) {
    return readTopic(topicArn).map(r -> Optional.ofNullable(r).map(x -> topic(x.toString()))).toCompletionStage();
  }

  private Future<Response> readTopic(String topicArn) {
    return send(Request.cmd(Command.HGET).arg(key(topicArn, META)).arg("rec"));
  }

  @Override
  public CompletionStage<List<String>> listTopics(String region, String account) {
    return send(Request.cmd(Command.ZRANGEBYLEX).arg(namesKey(region, account)).arg("-").arg("+"))
        .compose(names -> existing(names.stream().map(Response::toString).toList()))
        .toCompletionStage();
  }

  /** The topics whose record exists, in the given order (index entries can outlive a crashed delete). */
  private Future<List<String>> existing(List<String> arns) {
    List<Future<Response>> checks = arns.stream()
        .map(arn -> send(Request.cmd(Command.HEXISTS).arg(key(arn, META)).arg("rec")))
        .toList();
    return Future.all(checks).map(done -> IntStream.range(0, arns.size())
        .filter(i -> checks.get(i).result().toLong() > 0)
        .mapToObj(arns::get)
        .toList());
  }

  @Override
  public CompletionStage<Optional<Outcome<TopicRecord>>> updateTopic(String topicArn, RecordChange change) {
    return topicStep(topicArn, "update_topic", change.toJson())
        .map(r -> r == null ? Optional.<Outcome<TopicRecord>>empty()
            : Optional.of(new Outcome<>(RecordChange.Status.valueOf(r.get(0).toString()), topic(r.get(1).toString()))))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> deleteTopic(String topicArn) {
    return topicStep(topicArn, "delete_topic").compose(r -> {
      if (r.toLong() == 0) {
        return Future.succeededFuture(false);
      }
      String namesKey = namesKeyOf(topicArn);
      List<Future<?>> unindex = new ArrayList<>();
      if (namesKey != null) {
        unindex.add(send(Request.cmd(Command.ZREM).arg(namesKey).arg(topicArn)));
      }
      unindex.add(send(Request.cmd(Command.SREM).arg(allTopicsKey).arg(topicArn)));
      unindex.add(INDEX.run(redis, indexKeys, List.of("forget", topicArn)));
      return Future.all(unindex).map(true);
    }).toCompletionStage();
  }

  // ---- subscriptions --------------------------------------------------------------------------

  @Override
  public CompletionStage<Optional<SubscribeOutcome>> subscribe(SubscriptionRecord candidate) {
    return topicStep(candidate.topicArn(), "subscribe", candidate.arn(), dedupKey(candidate),
        subscriptionJson(candidate)).map(r -> {
          if (r == null) {
            return Optional.<SubscribeOutcome>empty();
          }
          return Optional.of(r.get(0).toInteger() == 1 ? new SubscribeOutcome(candidate, true)
              : new SubscribeOutcome(subscription(r.get(1).toString()), false));
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<SubscriptionRecord>> findSubscription(String subscriptionArn) {
    return readSubscription(subscriptionArn).map(r -> Optional.ofNullable(r).map(x -> subscription(x.toString())))
        .toCompletionStage();
  }

  private Future<Response> readSubscription(String subscriptionArn) {
    String topicArn = SubscriptionRecord.topicArnOf(subscriptionArn);
    if (topicArn == null) {
      return Future.succeededFuture(null);
    }
    return send(Request.cmd(Command.HGET).arg(key(topicArn, SUBS)).arg(subscriptionArn));
  }

  @Override
  public CompletionStage<List<SubscriptionRecord>> subscriptions(String topicArn) {
    return topicStep(topicArn, "subscriptions").map(r -> r.stream().map(j -> subscription(j.toString())).toList())
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<Outcome<SubscriptionRecord>>> updateSubscription(String subscriptionArn,
                                                                                  RecordChange change) {
    if (!change.tags().isEmpty()) {
      return Future.<Optional<Outcome<SubscriptionRecord>>>failedFuture(
          new IllegalArgumentException("subscriptions have no tags")).toCompletionStage();
    }
    String topicArn = SubscriptionRecord.topicArnOf(subscriptionArn);
    if (topicArn == null) {
      return Future.succeededFuture(Optional.<Outcome<SubscriptionRecord>>empty()).toCompletionStage();
    }
    return topicStep(topicArn, "update_subscription", subscriptionArn, change.toJson())
        .map(r -> r == null ? Optional.<Outcome<SubscriptionRecord>>empty()
            : Optional.of(new Outcome<>(RecordChange.Status.valueOf(r.get(0).toString()),
                subscription(r.get(1).toString()))))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<SubscriptionRecord>> confirmSubscription(String subscriptionArn,
                                                                          boolean authenticated,
                                                                          boolean authenticateOnUnsubscribe) {
    String topicArn = SubscriptionRecord.topicArnOf(subscriptionArn);
    if (topicArn == null) {
      return Future.succeededFuture(Optional.<SubscriptionRecord>empty()).toCompletionStage();
    }
    return topicStep(topicArn, "set_subscription_fields", subscriptionArn,
        confirmationJson(authenticated, authenticateOnUnsubscribe))
        .map(r -> Optional.ofNullable(r).map(x -> subscription(x.toString())))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> deleteSubscription(String subscriptionArn) {
    String topicArn = SubscriptionRecord.topicArnOf(subscriptionArn);
    if (topicArn == null) {
      return Future.succeededFuture(false).toCompletionStage();
    }
    return topicStep(topicArn, "delete_subscription", subscriptionArn).map(r -> r.toLong() == 1).toCompletionStage();
  }

  // ---- publishing and the outbox --------------------------------------------------------------

  @Override
  public CompletionStage<Optional<List<Published>>> publish(String topicArn, List<PublishEntry> entries,
                                                           PublishOptions options, long now) {
    List<Object> args = new ArrayList<>(6 + entries.size() * 5);
    args.add("publish");
    args.add(now);
    args.add(options.fifo() ? 1 : 0);
    args.add(options.leaseUntil());
    args.add(options.archiveUntil());
    args.add(RandomIds.uuid());
    for (PublishEntry e : entries) {
      args.add(e.messageId());
      args.add(orEmpty(e.deduplicationId()));
      args.add(e.message());
      args.add(e.subscriptionArns().size());
      args.addAll(e.subscriptionArns());
    }
    return TOPIC.run(redis, keys(topicArn), args).compose(r -> {
      if (r == null) {
        return Future.succeededFuture(Optional.<List<Published>>empty());
      }
      List<Published> out = new ArrayList<>(entries.size());
      int at = 1;
      for (PublishEntry e : entries) {
        String messageId = r.get(at).toString();
        String sequence = text(r.get(at + 1));
        boolean duplicate = r.get(at + 2).toInteger() == 1;
        int n = r.get(at + 3).toInteger();
        at += 4;
        List<Delivery> deliveries = new ArrayList<>(n);
        for (int i = 0; i < n; i++, at += 2) {
          deliveries.add(new Delivery(r.get(at).toString(), topicArn, r.get(at + 1).toString(), messageId, sequence,
              e.message(), 0, options.leaseUntil()));
        }
        out.add(new Published(messageId, sequence, duplicate, deliveries));
      }
      long version = r.get(0).toLong();
      Optional<List<Published>> published = Optional.of(out);
      return version == 0 ? Future.succeededFuture(published)
          : index("lower", List.of(new TopicDue(topicArn, version, options.leaseUntil()))).map(published);
    }).toCompletionStage();
  }

  /** A topic's outbox as of a version: its earliest due time, or -1 when empty. */
  record TopicDue(String topicArn, long version, long earliest) {}

  /** A delivery just claimed, with the due time it had before (the order of a claim's answer). */
  private record Claimed(Delivery delivery, long wasDue) {}

  /** What a read of a topic's outbox saw: its state, and its due deliveries' ids and times. */
  record Peek(TopicDue state, List<String> dueIds, List<Long> dueTimes) {}

  /** A claim of one topic: the deliveries, and the topic's outbox afterwards. */
  private record TopicClaim(List<Claimed> claimed, TopicDue state) {}

  /** One pass over the due index: what it claimed and whether the index named any topic. */
  private record Pass(List<Claimed> claimed, boolean sawTopics) {}

  @Override
  public CompletionStage<List<Delivery>> claimDue(long now, int max, long leaseUntil) {
    if (max <= 0) {
      return Future.succeededFuture(List.<Delivery>of()).toCompletionStage();
    }
    return claimIndexed(now, max, leaseUntil, 1).compose(found -> {
      if (!found.isEmpty() || !sweepIsDue(now)) {
        return Future.succeededFuture(found);
      }
      return sweep(now).compose(anyDue -> anyDue ? claimIndexed(now, max, leaseUntil, CLAIM_ROUNDS)
          : Future.succeededFuture(found));
    }).map(claimed -> claimed.stream()
        .sorted(Comparator.comparingLong(Claimed::wasDue).thenComparing(c -> c.delivery().id()))
        .map(Claimed::delivery)
        .toList()).toCompletionStage();
  }

  /**
   * Claims through the due index; a pass that found only topics whose index entry was too early
   * (they are re-indexed by it) is followed by another, up to {@link #CLAIM_ROUNDS}.
   */
  private Future<List<Claimed>> claimIndexed(long now, int max, long leaseUntil, int round) {
    return claimPass(now, max, leaseUntil).compose(pass -> pass.claimed().isEmpty() && pass.sawTopics()
        && round < CLAIM_ROUNDS ? claimIndexed(now, max, leaseUntil, round + 1)
        : Future.succeededFuture(pass.claimed()));
  }

  /**
   * The topics indexed as due; with one, a claim of up to {@code max} on it; with several, a read of
   * each one's due deliveries picks the {@code max} earliest overall, then each topic claims its
   * share. Either way the index is then set from what the topics answered.
   */
  private Future<Pass> claimPass(long now, int max, long leaseUntil) {
    Request dueTopics = Request.cmd(Command.ZRANGEBYSCORE).arg(indexKeys.get(0)).arg("-inf").arg(now)
        .arg("LIMIT").arg(0).arg(max);
    return send(dueTopics).compose(r -> {
      List<String> topics = r.stream().map(Response::toString).toList();
      if (topics.isEmpty()) {
        return Future.succeededFuture(new Pass(List.of(), false));
      }
      if (topics.size() == 1) {
        return claimOn(topics.get(0), now, max, leaseUntil).compose(c -> index("exact", List.of(c.state()))
            .map(new Pass(c.claimed(), true)));
      }
      List<Future<Peek>> peeks = topics.stream().map(t -> peek(t, now, max)).toList();
      return Future.all(peeks).compose(done -> {
        Map<String, Integer> shares = shares(peeks.stream().map(Future::result).toList(), max);
        List<Future<TopicClaim>> claims = new ArrayList<>();
        List<TopicDue> states = new ArrayList<>();
        for (Future<Peek> p : peeks) {
          Peek peek = p.result();
          Integer share = shares.get(peek.state().topicArn());
          if (share == null) {
            states.add(peek.state());
          } else {
            claims.add(claimOn(peek.state().topicArn(), now, share, leaseUntil));
          }
        }
        return Future.all(claims).compose(all -> {
          List<Claimed> claimed = new ArrayList<>();
          for (Future<TopicClaim> c : claims) {
            claimed.addAll(c.result().claimed());
            states.add(c.result().state());
          }
          return index("exact", states).map(new Pass(claimed, true));
        });
      });
    });
  }

  /** How many deliveries each topic gives so that the {@code max} earliest due overall are taken. */
  private static Map<String, Integer> shares(List<Peek> peeks, int max) {
    record Due(String topicArn, String id, long at) {}
    List<Due> all = new ArrayList<>();
    for (Peek p : peeks) {
      for (int i = 0; i < p.dueIds().size(); i++) {
        all.add(new Due(p.state().topicArn(), p.dueIds().get(i), p.dueTimes().get(i)));
      }
    }
    all.sort(Comparator.comparingLong(Due::at).thenComparing(Due::id));
    Map<String, Integer> shares = new HashMap<>();
    for (Due d : all.subList(0, Math.min(max, all.size()))) {
      shares.merge(d.topicArn(), 1, Integer::sum);
    }
    return shares;
  }

  /** Reads a topic's outbox: its version, earliest due time, and up to {@code max} due deliveries. */
  Future<Peek> peek(String topicArn, long now, int max) {
    return topicStep(topicArn, "peek", now, max).map(r -> {
      List<String> ids = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      for (int i = 2; i + 1 < r.size(); i += 2) {
        ids.add(r.get(i).toString());
        times.add(Long.parseLong(r.get(i + 1).toString()));
      }
      return new Peek(new TopicDue(topicArn, r.get(0).toLong(), r.get(1).toLong()), ids, times);
    });
  }

  private Future<TopicClaim> claimOn(String topicArn, long now, int max, long leaseUntil) {
    return topicStep(topicArn, "claim", now, max, leaseUntil).map(r -> {
      List<Claimed> claimed = new ArrayList<>();
      for (int i = 2; i + CLAIMED_FIELDS <= r.size(); i += CLAIMED_FIELDS) {
        Delivery d = new Delivery(r.get(i).toString(), topicArn, r.get(i + 1).toString(), r.get(i + 2).toString(),
            text(r.get(i + 3)), r.get(i + 4).toBytes(), r.get(i + 5).toInteger(), leaseUntil);
        claimed.add(new Claimed(d, r.get(i + 6).toLong()));
      }
      return new TopicClaim(claimed, new TopicDue(topicArn, r.get(0).toLong(), r.get(1).toLong()));
    });
  }

  /** Claims the right to sweep as of {@code now}: 30 s after the last sweep, or when time went back. */
  private boolean sweepIsDue(long now) {
    long last = lastSweep.get();
    boolean due = last == NEVER || now < last || now - last >= SWEEP_INTERVAL_MILLIS;
    return due && lastSweep.compareAndSet(last, now);
  }

  /** Re-indexes every topic by its outbox; true if any has a delivery due at {@code now}. */
  private Future<Boolean> sweep(long now) {
    return send(Request.cmd(Command.SMEMBERS).arg(allTopicsKey)).compose(members -> {
      List<Future<Peek>> peeks = members.stream().map(m -> peek(m.toString(), now, 0)).toList();
      return Future.all(peeks).compose(done -> {
        // A topic that is gone reads as version 0: leave its entries to its delete.
        List<TopicDue> states = peeks.stream().map(p -> p.result().state()).filter(s -> s.version() > 0).toList();
        boolean anyDue = states.stream().anyMatch(s -> s.earliest() >= 0 && s.earliest() <= now);
        return index("exact", states).map(anyDue);
      });
    });
  }

  @Override
  public CompletionStage<Void> reschedule(Delivery delivery) {
    return topicStep(delivery.topicArn(), "reschedule", delivery.id(), delivery.attempt(), delivery.dueAt())
        .compose(r -> r == null ? Future.<Void>succeededFuture()
            : index("lower", List.of(new TopicDue(delivery.topicArn(), r.toLong(), delivery.dueAt()))))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Void> complete(Delivery delivery) {
    return topicStep(delivery.topicArn(), "complete", delivery.id()).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Void> completeAll(List<Delivery> deliveries) {
    Map<String, List<Object>> byTopic = new LinkedHashMap<>();
    for (Delivery d : deliveries) {
      byTopic.computeIfAbsent(d.topicArn(), t -> new ArrayList<>()).add(d.id());
    }
    List<Future<Response>> steps = new ArrayList<>(byTopic.size());
    byTopic.forEach((topicArn, ids) -> steps.add(topicStep(topicArn, "complete", ids.toArray())));
    return Future.all(steps).<Void>mapEmpty().toCompletionStage();
  }

  @Override
  public CompletionStage<Void> enqueue(List<Delivery> deliveries) {
    Map<String, List<Object>> byTopic = new LinkedHashMap<>();
    for (Delivery d : deliveries) {
      List<Object> args = byTopic.computeIfAbsent(d.topicArn(), t -> new ArrayList<>(List.of("enqueue")));
      args.add(d.id());
      args.add(d.subscriptionArn());
      args.add(d.messageId());
      args.add(orEmpty(d.sequenceNumber()));
      args.add(d.message());
      args.add(d.attempt());
      args.add(d.dueAt());
    }
    List<Future<TopicDue>> steps = new ArrayList<>();
    byTopic.forEach((topicArn, args) -> steps.add(TOPIC.run(redis, keys(topicArn), args)
        .map(r -> r == null ? null : new TopicDue(topicArn, r.get(0).toLong(), r.get(1).toLong()))));
    return Future.all(steps).compose(done -> {
      List<TopicDue> added = steps.stream().map(Future::result)
          .filter(s -> s != null && s.earliest() >= 0).toList();
      return index("lower", added);
    }).toCompletionStage();
  }

  /**
   * Updates the due index (see {@code lua/sns/due_index.lua}). A failure only logs: the step before it
   * is done (a publish must not be retried into a second message), and the sweep repairs the index.
   */
  Future<Void> index(String mode, List<TopicDue> states) {
    if (states.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Object> args = new ArrayList<>(1 + states.size() * 3);
    args.add(mode);
    for (TopicDue s : states) {
      args.add(s.topicArn());
      args.add(s.version());
      args.add(s.earliest());
    }
    return INDEX.run(redis, indexKeys, args).<Void>mapEmpty().recover(failure -> {
      LOG.log(Level.WARNING, "SNS due index not updated; the next sweep repairs it", failure);
      return Future.succeededFuture();
    });
  }

  // ---- archive --------------------------------------------------------------------------------

  @Override
  public CompletionStage<List<ArchivedMessage>> archived(String topicArn, long fromMillis, long toMillis, long now) {
    return topicStep(topicArn, "archived", now, fromMillis, toMillis).map(r -> {
      List<ArchivedMessage> out = new ArrayList<>(r.size() / ARCHIVED_FIELDS);
      for (int i = 0; i + ARCHIVED_FIELDS <= r.size(); i += ARCHIVED_FIELDS) {
        out.add(new ArchivedMessage(r.get(i).toString(), text(r.get(i + 1)), r.get(i + 2).toBytes(),
            r.get(i + 3).toLong()));
      }
      return out;
    }).toCompletionStage();
  }

  // ---- plumbing -------------------------------------------------------------------------------

  /** The topic's keys in the order of {@code lua/sns/topic.lua}: all under its hash tag. */
  private List<String> keys(String topicArn) {
    return keys.tagged(topicArn, SUFFIXES);
  }

  private String key(String topicArn, int index) {
    return keys(topicArn).get(index);
  }

  private String namesKey(String region, String account) {
    return keys.tagged("sns-idx:" + region + "/" + account, "topics");
  }

  private Future<Response> send(Request request) {
    return redis.send(request);
  }

  /** Runs a step of {@code lua/sns/topic.lua} on a topic; a nil answer (the topic is gone) comes back as null. */
  private Future<Response> topicStep(String topicArn, String step, Object... args) {
    List<Object> all = new ArrayList<>(args.length + 1);
    all.add(step);
    all.addAll(List.of(args));
    return TOPIC.run(redis, keys(topicArn), all);
  }

  /** The names index of a topic's region and account ({@code arn:aws:sns:region:account:name}); null if malformed. */
  private String namesKeyOf(String topicArn) {
    String[] parts = topicArn.split(":", 6);
    return parts.length == 6 ? namesKey(parts[3], parts[4]) : null;
  }

  private static String dedupKey(SubscriptionRecord s) {
    return s.protocol() + "\n" + s.endpoint();
  }

  static String topicJson(TopicRecord t) {
    return new JsonObject()
        .put("arn", t.arn())
        .put("region", t.region())
        .put("account", t.account())
        .put("name", t.name())
        .put("attributes", new JsonObject(new LinkedHashMap<>(t.attributes())))
        .put("tags", new JsonObject(new LinkedHashMap<>(t.tags())))
        .put("created", t.createdMillis())
        .encode();
  }

  static TopicRecord topic(String json) {
    JsonObject j = new JsonObject(json);
    return new TopicRecord(j.getString("arn"), j.getString("region"), j.getString("account"), j.getString("name"),
        strings(j.getJsonObject("attributes")), strings(j.getJsonObject("tags")), j.getLong("created"));
  }

  static String subscriptionJson(SubscriptionRecord s) {
    return new JsonObject()
        .put("arn", s.arn())
        .put("topic", s.topicArn())
        .put("owner", s.owner())
        .put("protocol", s.protocol())
        .put("endpoint", s.endpoint())
        .put("attributes", new JsonObject(new LinkedHashMap<>(s.attributes())))
        .put("token", s.confirmationToken())
        .put("authenticated", s.confirmationWasAuthenticated())
        .put("created", s.createdMillis())
        .put("authOnUnsubscribe", s.authenticateOnUnsubscribe())
        .encode();
  }

  /** The fields of {@link #subscriptionJson} that a confirmation sets. */
  static String confirmationJson(boolean authenticated, boolean authenticateOnUnsubscribe) {
    return new JsonObject()
        .putNull("token")
        .put("authenticated", authenticated)
        .put("authOnUnsubscribe", authenticateOnUnsubscribe)
        .encode();
  }

  static SubscriptionRecord subscription(String json) {
    JsonObject j = new JsonObject(json);
    return new SubscriptionRecord(j.getString("arn"), j.getString("topic"), j.getString("owner"),
        j.getString("protocol"), j.getString("endpoint"), strings(j.getJsonObject("attributes")), j.getString("token"),
        j.getBoolean("authenticated", false), j.getLong("created"), j.getBoolean("authOnUnsubscribe", false));
  }

  private static Map<String, String> strings(JsonObject j) {
    Map<String, String> out = new LinkedHashMap<>();
    if (j != null) {
      j.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }

  /** Scripts take and answer "" for "none" (Lua tables cannot hold nil). */
  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String text(Response r) {
    String s = r == null ? "" : r.toString();
    return s.isEmpty() ? null : s;
  }
}
