package io.sluice.sns.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.ids.RandomIds;
import io.sluice.sns.SnsModule;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.store.RedisTopicStore.TopicDue;
import io.sluice.sns.store.TopicStore.Delivery;
import io.sluice.sns.store.TopicStore.PublishEntry;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestCluster;
import io.sluice.testing.RedisTestServer;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the topic store compatibility kit, on its own key prefix of the test
 * Redis, plus what only this engine has: the key layout, payloads shared by a message's deliveries,
 * and the due index with its sweep.
 */
@FullLoop
class RedisTopicStoreTest extends TopicStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.standalone("topics");
  private static Redis raw;

  @BeforeAll
  static void connect() {
    raw = Redis.createClient(REDIS.vertx(), RedisTestServer.url());
  }

  @AfterAll
  static void disconnect() {
    join(raw.close());
  }

  @Override
  protected TopicStore freshStore() {
    return REDIS.wiped().open(SnsModule.STORE);
  }

  private static String prefix() {
    return REDIS.keyPrefix();
  }

  private static String sns() {
    return prefix() + ":sns:";
  }

  private static <T> T join(Future<T> f) {
    return await(f.toCompletionStage());
  }

  private static Response redis(Request request) {
    return join(raw.send(request));
  }

  private RedisTopicStore redisTopics() {
    return (RedisTopicStore) store;
  }

  private static List<String> keysUnderPrefix() {
    return RedisTestCluster.keys(raw, prefix() + ":*");
  }

  private static String topicKey(TopicRecord topic, String suffix) {
    return sns() + "{" + topic.arn() + "}:" + suffix;
  }

  private static void loseTheDueIndex() {
    redis(Request.cmd(Command.DEL).arg(sns() + "{sns-idx}:due").arg(sns() + "{sns-idx}:duever"));
  }

  private SubscriptionRecord sqs(TopicRecord topic, String queue) {
    return subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:" + queue);
  }

  @Test
  void everyKeyOfATopicCarriesItsHashTagAndIndexesTheirOwn() {
    // Given a FIFO topic with a subscription, an archived and deduplicated message, a claimed
    // delivery, an enqueued one, and a document
    TopicRecord topic = createFifoTopic("tags.fifo");
    SubscriptionRecord sub = sqs(topic, "q.fifo");
    publishWith(topic, fifoArchived(HOUR), entry("m", "d", sub));
    await(store.enqueue(List.of(new Delivery(RandomIds.uuid(), topic.arn(), sub.arn(), "old", null, bytes("o"), 0,
        now() + 2 * LEASE))));
    clock.advanceMillis(LEASE);
    assertEquals(1, claim(10).size());
    await(store.putDocument("platform-application", "app", "{}", false));

    // When the keys under the prefix are listed
    List<String> keys = keysUnderPrefix();

    // Then each is the topic's (one tag) or an index's or a document kind's
    String topicTag = sns() + "{" + topic.arn() + "}:";
    for (String key : keys) {
      assertTrue(key.startsWith(topicTag) || key.startsWith(sns() + "{sns-idx") || key.startsWith(sns() + "{sns-doc:"),
          key);
    }
    assertTrue(keys.stream().filter(k -> k.startsWith(topicTag)).count() >= 12, keys.toString());
  }

  @Test
  void wipeDeletesEveryKeyOfTheTopicStoreAndNothingElse() {
    // Given a topic with a delivery, a document, and a key of another deployment sharing the Redis
    TopicRecord topic = createTopic("orders");
    publish(topic, "hello", sqs(topic, "q"));
    await(store.putDocument("endpoint", "e", "{}", false));
    String foreign = prefix() + "-other:key";
    redis(Request.cmd(Command.SET).arg(foreign).arg("keep"));

    // When the engine wipes
    REDIS.wiped();

    // Then the store's keys are gone and the other deployment's key is kept
    assertEquals(List.of(), keysUnderPrefix());
    assertEquals("keep", redis(Request.cmd(Command.GET).arg(foreign)).toString());
    assertTrue(await(store.findTopic(topic.arn())).isEmpty());
    clock.advanceMillis(LEASE);
    assertEquals(List.of(), claim(10));
    redis(Request.cmd(Command.DEL).arg(foreign));
  }

  @Test
  void aMessageIsStoredOnceForAllItsDeliveriesAndFreedWithTheLast() {
    // Given a message published to three subscriptions
    TopicRecord topic = createTopic("orders");
    Delivery viaDeletedSubscription = publish(topic, "hello", sqs(topic, "a"), sqs(topic, "b"), sqs(topic, "c"))
        .deliveries().get(0);
    assertEquals(1L, redis(Request.cmd(Command.HLEN).arg(topicKey(topic, "pay"))).toLong());

    // When one subscription is deleted and the other two deliveries are claimed and completed
    await(store.deleteSubscription(viaDeletedSubscription.subscriptionArn()));
    clock.advanceMillis(LEASE);
    List<Delivery> claimed = claim(10);
    claimed.forEach(d -> await(store.complete(d)));

    // Then both carried the message, and no copy of it is left
    assertEquals(List.of("hello", "hello"), claimed.stream().map(d -> text(d.message())).toList());
    assertEquals(0L, redis(Request.cmd(Command.HLEN).arg(topicKey(topic, "pay"))).toLong());
    assertEquals(0L, redis(Request.cmd(Command.HLEN).arg(topicKey(topic, "payref"))).toLong());
  }

  @Test
  void aDeliveryWhoseIndexEntryWasLostIsFoundByASweepAtMostEvery30Seconds() {
    // Given a delivery due in 60 s, a claim now, and then the due index lost
    TopicRecord topic = createTopic("orders");
    String messageId = publishWith(topic, new TopicStore.PublishOptions(false, now() + 60 * SECOND, 0),
        entry("hello", null, sqs(topic, "q"))).get(0).messageId();
    assertEquals(List.of(), claim(10));
    loseTheDueIndex();

    // When it falls due, is claimed for 10 s, and the index is lost again
    clock.advanceSeconds(60);
    List<Delivery> swept = await(store.claimDue(now(), 10, now() + 10 * SECOND));
    loseTheDueIndex();
    clock.advanceSeconds(10);
    List<Delivery> tooSoon = claim(10);
    clock.advanceSeconds(20);
    List<Delivery> sweptAgain = claim(10);

    // Then the first sweep found it, the next claim did not sweep yet, and the one 30 s after did
    assertEquals(List.of(messageId), messageIdsOf(swept));
    assertEquals(List.of(), tooSoon);
    assertEquals(List.of(messageId), messageIdsOf(sweptAgain));
  }

  @Test
  void anOlderReadingOfAnOutboxDoesNotRaiseTheIndexOverALaterPublish() {
    // Given a claimer that read a topic's outbox (earliest due in 60 s), then a publish due in 10 s
    TopicRecord topic = createTopic("orders");
    SubscriptionRecord sub = sqs(topic, "q");
    publishWith(topic, new TopicStore.PublishOptions(false, now() + 60 * SECOND, 0), entry("late", null, sub));
    TopicDue reading = join(redisTopics().peek(topic.arn(), now(), 10)).state();
    publishWith(topic, new TopicStore.PublishOptions(false, now() + 10 * SECOND, 0),
        new PublishEntry(RandomIds.uuid(), null, bytes("early"), List.of(sub.arn())));

    // When the claimer's older reading reaches the index after the publish's
    join(redisTopics().index("exact", List.of(reading)));

    // Then the index still has the topic due by the publish's time
    Response score = redis(Request.cmd(Command.ZSCORE).arg(sns() + "{sns-idx}:due").arg(topic.arn()));
    assertEquals(now() + 10 * SECOND, (long) Double.parseDouble(score.toString()));
  }

  @Test
  void aClaimThatEmptiesAnOutboxRemovesItsTopicFromTheDueIndex() {
    // Given a claimed delivery, completed
    TopicRecord topic = createTopic("orders");
    publish(topic, "hello", sqs(topic, "q"));
    clock.advanceMillis(LEASE);
    await(store.complete(claim(10).get(0)));

    // When deliveries are claimed again after the lease / Then none is, and the index is empty
    clock.advanceMillis(LEASE);
    assertEquals(List.of(), claim(10));
    assertEquals(0L, redis(Request.cmd(Command.ZCARD).arg(sns() + "{sns-idx}:due")).toLong());
  }
}
