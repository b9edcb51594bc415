package io.sluice.sqs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sqs.SqsModule;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.store.QueueStore.QueueCounts;
import io.sluice.sqs.store.QueueStore.ReceiveOptions;
import io.sluice.sqs.store.QueueStore.ReceivedMessage;
import io.sluice.sqs.store.QueueStore.RedriveTarget;
import io.sluice.sqs.store.RedisQueueStore.MoveStep;
import io.sluice.sqs.store.RedisQueueStore.ReceiveStep;
import io.sluice.sqs.store.RedisQueueStore.Transfer;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the store compatibility kit, on a Redis of its own whose every command
 * is audited (keys under the prefix, one hash slot per script), plus what only this engine has:
 * crash safety of cross-queue moves and a wipe that keeps other deployments' keys.
 */
@FullLoop
class RedisQueueStoreTest extends QueueStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("store");
  private static final String PREFIX = REDIS.keyPrefix();

  @Override
  protected QueueStore freshStore() {
    return REDIS.wiped().open(SqsModule.STORE);
  }

  private RedisQueueStore redis() {
    return (RedisQueueStore) store;
  }

  private static <T> T join(Future<T> f) {
    return await(f.toCompletionStage());
  }

  private static List<String> keysUnderPrefix() {
    return REDIS.keys(PREFIX + ":*");
  }

  private long pending(QueueId source) {
    return join(redis().pendingTransfers(source));
  }

  /** A dead-letter move of one message from {@code orders} to {@code orders-dlq}, staged (step 1) only. */
  private record StagedMove(QueueId source, QueueId dlq, RedriveTarget redrive, List<Transfer> transfers) {
    String messageId() {
      return transfers.get(0).messageId();
    }
  }

  private StagedMove stageDeadLetterMove() {
    QueueId source = createStandard("orders");
    QueueId dlq = createStandard("orders-dlq");
    RedriveTarget redrive = new RedriveTarget(dlq, 1, false);
    send(source, "poison");
    receiveWith(source, redrive);
    clock.advanceSeconds(30);
    ReceiveOptions options = new ReceiveOptions(10, 30 * SECOND, 120_000, redrive, null);
    ReceiveStep step = join(redis().receiveStaging(source, options, now()));
    assertEquals(1, step.transfers().size());
    return new StagedMove(source, dlq, redrive, step.transfers());
  }

  @Test
  void aDeadLetterMoveInterruptedAfterStagingIsFinishedByALaterReceive() {
    // Given a node that died right after staging a dead-letter move (step 1 only)
    StagedMove staged = stageDeadLetterMove();
    QueueId source = staged.source();
    QueueId dlq = staged.dlq();
    RedriveTarget redrive = staged.redrive();
    assertEquals(1, pending(source));
    assertEquals(new QueueCounts(0, 0, 0, Long.MAX_VALUE), counts(dlq));

    // When the source is received 29 s later, then 30 s later
    clock.advanceSeconds(29);
    receiveWith(source, redrive);
    long pendingEarly = pending(source);
    clock.advanceSeconds(1);
    receiveWith(source, redrive);

    // Then the transfer was left alone while it might still be running, then finished: once in the DLQ
    assertEquals(1, pendingEarly);
    assertEquals(0, pending(source));
    List<ReceivedMessage> dead = receive(dlq, 10).messages();
    assertEquals(List.of(staged.messageId()), idsOf(dead));
    assertEquals("poison", body(dead.get(0)));
    assertEquals(source.arn(), dead.get(0).deadLetterSourceArn());
  }

  @Test
  void aDeadLetterMoveInterruptedAfterTheTargetAcceptedIsNotRepeated() {
    // Given a move whose target accepted (step 2) but whose source never heard back (no step 3),
    // and the dead-letter copy received and deleted meanwhile
    StagedMove staged = stageDeadLetterMove();
    assertTrue(join(redis().acceptTransfers(staged.dlq(), staged.transfers(), now())));
    ReceivedMessage dead = receive(staged.dlq(), 10).messages().get(0);
    await(store.delete(staged.dlq(), List.of(ref(dead)), now()));

    // When a later receive on the source retries the transfer
    clock.advanceSeconds(30);
    receiveWith(staged.source(), staged.redrive());

    // Then the message is not inserted a second time and the pending transfer is gone
    assertEquals(new QueueCounts(0, 0, 0, Long.MAX_VALUE), counts(staged.dlq()));
    assertEquals(0, pending(staged.source()));
  }

  @Test
  void aMoveInterruptedAfterStagingIsFinishedByALaterMove() {
    // Given a move task's batch staged on the source (step 1) by a node that then died
    QueueId from = createStandard("dlq");
    QueueId to = createStandard("target");
    List<String> sent = send(from, "a", "b");
    MoveStep step = join(redis().moveStaging(from, to, 10, now()));
    assertEquals(2, step.staged().size());
    assertEquals(0, counts(to).visible());

    // When the next move runs 30 s later
    clock.advanceSeconds(30);
    int movedNow = await(store.moveMessages(from, to, 10, now()));

    // Then both messages arrived (the retried ones do not count as newly moved) and nothing is pending
    assertEquals(0, movedNow);
    assertEquals(Set.copyOf(sent), Set.copyOf(idsOf(receive(to, 10).messages())));
    assertEquals(0, pending(from));
    assertEquals(0, counts(from).visible());
  }

  @Test
  void aPendingTransferWhoseTargetWasDeletedGoesBackToItsSource() {
    // Given a staged dead-letter move whose dead-letter queue is deleted before step 2
    StagedMove staged = stageDeadLetterMove();
    await(store.deleteQueue(staged.dlq(), now()));

    // When a later receive retries the transfer, and another receive follows
    clock.advanceSeconds(30);
    receive(staged.source(), 10);
    List<ReceivedMessage> back = receive(staged.source(), 10).messages();

    // Then the message is back in its queue
    assertEquals(List.of(staged.messageId()), idsOf(back));
    assertEquals(0, pending(staged.source()));
  }

  @Test
  void everyKeyOfAQueueCarriesItsHashTagAndIndexesTheirOwn() {
    // Given a FIFO queue with messages in every state, a dedup entry, an attempt and a move task
    QueueId id = createFifo("tags.fifo");
    sendFifo(id, "A", "a1", "B", "b1");
    await(store.receive(id, new ReceiveOptions(1, 30 * SECOND, 120_000, null, "attempt"), now()));
    await(store.startMoveTask(task(id, "t1")));

    // When the keys under the prefix are listed
    List<String> keys = keysUnderPrefix();

    // Then each is either the queue's (one tag) or an index key
    String queueTag = PREFIX + ":sqs:{" + id.key() + "}:";
    for (String key : keys) {
      assertTrue(key.startsWith(queueTag) || key.startsWith(PREFIX + ":sqs:{idx"), key);
    }
    assertTrue(keys.size() > 8, keys.toString());
  }

  @Test
  void wipeDeletesEveryKeyUnderItsPrefixAndNothingElse() {
    // Given this store's queue and a key of another deployment sharing the Redis
    QueueId id = createStandard("orders");
    send(id, "a");
    String foreign = REDIS.foreignKey(PREFIX + "-other:key");
    REDIS.send(Request.cmd(Command.SET).arg(foreign).arg("keep"));

    // When the engine wipes
    REDIS.wiped();

    // Then its keys are gone and the other deployment's key is kept
    assertEquals(List.of(), keysUnderPrefix());
    assertEquals("keep", REDIS.send(Request.cmd(Command.GET).arg(foreign)).toString());
    assertTrue(await(store.findQueue(id)).isEmpty());
    REDIS.send(Request.cmd(Command.DEL).arg(foreign));
  }

  @Test
  void messagesFallingDueTogetherAreMadeVisibleOverSeveralCallsAndNoneIsLost() {
    // Given more messages in flight than one script call makes visible, whose timeout ends at once
    QueueId id = createStandard("orders");
    List<String> sent = sendMany(id, MANY, 0);
    assertEquals(MANY, receive(id, MANY).messages().size());
    clock.advanceSeconds(30);
    String inFlight = PREFIX + ":sqs:{" + id.key() + "}:inflight";

    // When calls look at the queue one after another
    List<Long> leftAfterEachCall = new ArrayList<>();
    do {
      assertEquals(MANY, counts(id).visible());
      leftAfterEachCall.add(REDIS.send(Request.cmd(Command.ZCARD).arg(inFlight)).toLong());
    } while (leftAfterEachCall.getLast() > 0 && leftAfterEachCall.size() < 10);

    // Then each made only part of them visible while the counts said all were, and every message is
    // received again exactly once
    assertTrue(leftAfterEachCall.size() >= 3, leftAfterEachCall.toString());
    assertTrue(leftAfterEachCall.get(0) > 0 && leftAfterEachCall.get(0) < MANY, leftAfterEachCall.toString());
    assertEquals(0L, leftAfterEachCall.getLast());
    List<String> again = receiveAll(id);
    assertEquals(MANY, again.size());
    assertEquals(Set.copyOf(sent), Set.copyOf(again));
  }

  @Test
  void pingAnswersTrueWhileRedisIsReachable() {
    // Given a connected engine / When it is pinged / Then it is ready
    assertTrue(await(REDIS.engine().ping()));
  }
}
