package io.sluice.sns.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.ids.RandomIds;
import io.sluice.sns.SnsModule;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.store.TopicStore.Delivery;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the topic store compatibility kit, on its own key prefix of the test
 * Redis, plus what only this engine has: the key layout (a topic's keys and its deliveries' share
 * its hash tag), payloads shared by a message's deliveries, and the deliveries scheduler's due index
 * knowing every topic (its own kit is {@code RedisSchedulerTest}).
 */
@FullLoop
class RedisTopicStoreTest extends TopicStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("topics");

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
    return REDIS.send(request);
  }

  private static List<String> keysUnderPrefix() {
    return REDIS.keys(prefix() + ":*");
  }

  private static String deliveries() {
    return prefix() + ":scheduler:" + TopicStore.DELIVERIES + ":";
  }

  private static String deliveriesKey(TopicRecord topic, String suffix) {
    return deliveries() + "{" + topic.arn() + "}:" + suffix;
  }

  private static String indexKey(String suffix) {
    return deliveries() + "index:{" + TopicStore.DELIVERIES + "}:" + suffix;
  }

  private static void loseTheDueIndex() {
    redis(Request.cmd(Command.DEL).arg(indexKey("due")).arg(indexKey("versions")));
  }

  private SubscriptionRecord sqs(TopicRecord topic, String queue) {
    return subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:" + queue);
  }

  @Test
  void everyKeyOfATopicCarriesItsHashTagAndIndexesTheirOwn() {
    // Given a FIFO topic with a subscription, an archived and deduplicated message, a claimed
    // delivery and an enqueued one
    TopicRecord topic = createFifoTopic("tags.fifo");
    SubscriptionRecord sub = sqs(topic, "q.fifo");
    publishWith(topic, fifoArchived(HOUR), entry("m", "d", sub));
    await(enqueue(List.of(new Delivery(RandomIds.uuid(), topic.arn(), sub.arn(), "old", null, bytes("o"), 0,
        now() + 2 * LEASE))));
    clock.advanceMillis(LEASE);
    assertEquals(1, claim(10).size());

    // When the keys under the prefix are listed
    List<String> keys = keysUnderPrefix();

    // Then each is the topic's or its deliveries' (one tag), or an index's
    String topicTag = sns() + "{" + topic.arn() + "}:";
    String deliveriesTag = deliveries() + "{" + topic.arn() + "}:";
    for (String key : keys) {
      assertTrue(key.startsWith(topicTag) || key.startsWith(deliveriesTag) || key.startsWith(sns() + "{sns-idx")
          || key.startsWith(indexKey("")), key);
    }
    assertTrue(keys.stream().filter(k -> k.startsWith(topicTag)).count() >= 7, keys.toString());
    assertTrue(keys.stream().filter(k -> k.startsWith(deliveriesTag)).count() >= 5, keys.toString());
  }

  @Test
  void wipeDeletesEveryKeyOfTheTopicStoreAndNothingElse() {
    // Given a topic with a delivery, and a key of another deployment sharing the Redis
    TopicRecord topic = createTopic("orders");
    publish(topic, "hello", sqs(topic, "q"));
    String foreign = REDIS.foreignKey(prefix() + "-other:key");
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
    assertEquals(1L, redis(Request.cmd(Command.HLEN).arg(deliveriesKey(topic, "pay"))).toLong());

    // When one subscription is deleted and the other two deliveries are claimed and completed
    await(store.deleteSubscription(viaDeletedSubscription.subscriptionArn()));
    clock.advanceMillis(LEASE);
    List<Delivery> claimed = claim(10);
    claimed.forEach(d -> await(complete(d)));

    // Then both carried the message, and no copy of it is left
    assertEquals(List.of("hello", "hello"), claimed.stream().map(d -> text(d.message())).toList());
    assertEquals(0L, redis(Request.cmd(Command.HLEN).arg(deliveriesKey(topic, "pay"))).toLong());
    assertEquals(0L, redis(Request.cmd(Command.HLEN).arg(deliveriesKey(topic, "payref"))).toLong());
  }

  @Test
  void aDeliveryWhoseIndexEntryWasLostIsFoundByASweepAtMostEvery30Seconds() {
    // Given a delivery due in 60 s, a claim now, and then the due index lost
    TopicRecord topic = createTopic("orders");
    String messageId = publishWith(topic, new TopicStore.PublishOptions(false, HOLDER, now() + 60 * SECOND, 0),
        entry("hello", null, sqs(topic, "q"))).get(0).messageId();
    assertEquals(List.of(), claim(10));
    loseTheDueIndex();

    // When it falls due, is claimed for 10 s, and the index is lost again
    clock.advanceSeconds(60);
    List<Delivery> swept = await(claimDue(now(), 10, now() + 10 * SECOND));
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
  void deletingATopicRemovesItsDeliveriesKeysAndForgetsItInTheDueIndex() {
    // Given a topic with a pending delivery
    TopicRecord topic = createTopic("orders");
    publish(topic, "hello", sqs(topic, "q"));

    // When it is deleted
    await(store.deleteTopic(topic.arn()));

    // Then none of its deliveries' keys is left, and the due index and its registry do not name it
    assertEquals(List.of(), REDIS.keys(deliveries() + "{" + topic.arn() + "}:*"));
    assertNull(redis(Request.cmd(Command.ZSCORE).arg(indexKey("due")).arg(topic.arn())));
    assertFalse(redis(Request.cmd(Command.SISMEMBER).arg(indexKey("partitions")).arg(topic.arn())).toBoolean());
  }
}
