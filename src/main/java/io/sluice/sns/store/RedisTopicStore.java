package io.sluice.sns.store;

import static io.sluice.storage.redis.RedisReplies.orEmpty;
import static io.sluice.storage.redis.RedisReplies.stringMap;
import static io.sluice.storage.redis.RedisReplies.text;

import io.sluice.ids.RandomIds;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.sluice.storage.scheduler.RedisScheduler;
import io.sluice.storage.scheduler.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * {@link TopicStore} in Redis, standalone or Cluster, shared by every Sluice node. Every key starts
 * with {@code <keyPrefix>:sns:}, but for the deliveries, which live in the {@code sns-deliveries}
 * {@link RedisScheduler} (one partition per topic). Each state change of a topic is one call of
 * {@code lua/sns/topic.lua} over the topic's keys and its partition's, which all share the hash tag
 * {@code {<topicArn>}} (layout in that script): its record, subscriptions (a subscription ARN is
 * {@code <topicArn>:<uuid>}, so it names its topic), FIFO sequence and deduplication window, archive
 * and deliveries. A publish of one entry to any number of subscriptions is one script call (then
 * the scheduler's due index is told, if the new deliveries fall due before all the topic had).
 *
 * <p>Indexes have their own tags: topic ARNs per region and account ({@code {sns-idx:region/account}}).
 */
public final class RedisTopicStore implements TopicStore {
  private static final Logger LOG = Logger.getLogger(RedisTopicStore.class.getName());
  private static final RedisScript TOPIC = RedisScript.load("sns/topic");
  private static final List<String> SUFFIXES = List.of("meta", "subs", "suborder", "subkey", "dedup", "dedupexp",
      "arch", "archat", "archexp");
  private static final int META = 0;
  private static final int SUBS = 1;
  private static final int ARCHIVED_FIELDS = 4;

  private final Redis redis;
  private final RedisKeys keys;
  private final RedisScheduler deliveries;

  /**
   * @param keys       where this store's keys live (the engine's keys, namespace {@code sns})
   * @param deliveries the scheduler of the deliveries, on the same Redis
   */
  public RedisTopicStore(Redis redis, RedisKeys keys, RedisScheduler deliveries) {
    this.redis = redis;
    this.keys = keys;
    this.deliveries = deliveries;
  }

  @Override
  public Scheduler deliveries() {
    return deliveries;
  }

  // ---- topics ---------------------------------------------------------------------------------

  @Override
  public CompletionStage<TopicRecord> createTopic(TopicRecord topic) {
    return topicStep(topic.arn(), "create", topicJson(topic)).compose(r -> {
      TopicRecord stored = r.get(0).toInteger() == 1 ? topic : topic(r.get(1).toString());
      // Registered with the scheduler before any publish can add deliveries (see RedisScheduler).
      return Future.all(
              send(Request.cmd(Command.ZADD).arg(namesKey(topic.region(), topic.account())).arg(0).arg(topic.arn())),
              deliveries.track(topic.arn()))
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
      unindex.add(deliveries.forget(topicArn));
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

  // ---- publishing ----------------------------------------------------------------------------

  @Override
  public CompletionStage<Optional<List<Published>>> publish(String topicArn, List<PublishEntry> entries,
                                                           PublishOptions options, long now) {
    List<Object> args = new ArrayList<>(8 + entries.size() * 5);
    args.add("publish");
    args.add(now);
    args.add(options.fifo() ? 1 : 0);
    args.add(options.holder());
    args.add(options.leaseUntil());
    args.add(options.archiveUntil());
    args.add(DEDUPLICATION_WINDOW_MILLIS);
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
        List<Delivery> made = new ArrayList<>(n);
        for (int i = 0; i < n; i++, at += 2) {
          made.add(new Delivery(r.get(at).toString(), topicArn, r.get(at + 1).toString(), messageId, sequence,
              e.message(), 0, options.leaseUntil(), options.holder()));
        }
        out.add(new Published(messageId, sequence, duplicate, made));
      }
      long version = r.get(0).toLong();
      Optional<List<Published>> published = Optional.of(out);
      return version == 0 ? Future.succeededFuture(published)
          : deliveries.lowered(topicArn, version, options.leaseUntil()).map(published);
    }).toCompletionStage();
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

  /** The topic's keys and its deliveries' in the order of {@code sns/topic.lua}: all under its hash tag. */
  private List<String> keys(String topicArn) {
    List<String> all = new ArrayList<>(keys.tagged(topicArn, SUFFIXES));
    all.addAll(deliveries.partitionKeys(topicArn));
    return all;
  }

  private String key(String topicArn, int index) {
    return keys.tagged(topicArn, SUFFIXES.get(index));
  }

  private String namesKey(String region, String account) {
    return keys.tagged("sns-idx:" + region + "/" + account, "topics");
  }

  private Future<Response> send(Request request) {
    return redis.send(request);
  }

  /** Runs a step of {@code sns/topic.lua} on a topic; a nil answer (the topic is gone) comes back as null. */
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
        stringMap(j.getJsonObject("attributes")), stringMap(j.getJsonObject("tags")), j.getLong("created"));
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
        j.getString("protocol"), j.getString("endpoint"), stringMap(j.getJsonObject("attributes")), j.getString("token"),
        j.getBoolean("authenticated", false), j.getLong("created"), j.getBoolean("authOnUnsubscribe", false));
  }
}
