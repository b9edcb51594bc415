package io.sluice.it.sqs;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** CreateQueue, GetQueueUrl and DeleteQueue through the AWS SDK v2, on each engine. */
@ParameterizedClass
@EnumSource(Engine.class)
class QueueLifecycleTest {
  @Parameter
  Engine engine;

  private TestSluice node() {
    return TestSluice.shared(engine);
  }

  private SqsClient sqs() {
    return node().sqs();
  }

  private String create(String name, Map<QueueAttributeName, String> attributes) {
    return sqs().createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
  }

  private Map<String, String> attributes(SqsClient client, String url) {
    return client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
  }

  @Test
  void createdQueueHasUrlOnTheCalledHostAndIsFoundByName() {
    // Given a new name
    String name = TestSluice.uniqueName("life");

    // When the queue is created
    String url = create(name, Map.of());

    // Then its URL is on the host the client called, under the account, and GetQueueUrl answers it
    assertEquals(node().endpoint() + "/000000000000/" + name, url);
    assertEquals(url, sqs().getQueueUrl(b -> b.queueName(name)).queueUrl());
    assertEquals(url, sqs().getQueueUrl(b -> b.queueName(name).queueOwnerAWSAccountId("000000000000")).queueUrl());
  }

  @Test
  void creatingAnExistingQueueWithTheSameAttributesAnswersItsUrl() {
    // Given a queue created with attributes
    String name = TestSluice.uniqueName("life");
    String url = create(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"));

    // When it is created again with the same attributes, or none
    String again = create(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"));
    String bare = create(name, Map.of());

    // Then the same queue is answered, unchanged
    assertEquals(url, again);
    assertEquals(url, bare);
    assertEquals("45", attributes(sqs(), url).get("VisibilityTimeout"));
  }

  @Test
  void creatingAnExistingQueueWithOtherAttributesFailsAndLeavesItAlone() {
    // Given a queue
    String name = TestSluice.uniqueName("life");
    String url = create(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"));
    Map<String, String> before = attributes(sqs(), url);

    // When it is created again with a different attribute value
    // Then QueueNameExists, and the queue keeps its attributes
    assertThrows(QueueNameExistsException.class,
        () -> create(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "46")));
    assertEquals(before, attributes(sqs(), url));
  }

  @Test
  void invalidQueueNamesAreRejected() {
    // Given names AWS does not accept for standard queues
    List<String> names = List.of("a".repeat(81), "has space", "dot.ted", "slash/name", "nämé", "plain.fifo");

    // When each is created
    // Then InvalidParameterValue, and no queue of that name exists
    for (String name : names) {
      assertEquals("InvalidParameterValue", codeOf(() -> create(name, Map.of())), name);
      assertThrows(QueueDoesNotExistException.class, () -> sqs().getQueueUrl(b -> b.queueName(name)), name);
    }
  }

  @Test
  void fifoQueueNeedsTheFifoAttributeAndSuffix() {
    // Given a FIFO attribute on a name without .fifo, and a .fifo name of 81 characters
    String noSuffix = TestSluice.uniqueName("life");
    String tooLong = "f".repeat(76) + ".fifo";

    // When they are created
    // Then InvalidParameterValue; a proper FIFO queue is created
    assertEquals("InvalidParameterValue", codeOf(() -> create(noSuffix, Map.of(QueueAttributeName.FIFO_QUEUE, "true"))));
    assertEquals("InvalidParameterValue", codeOf(() -> create(tooLong, Map.of(QueueAttributeName.FIFO_QUEUE, "true"))));
    String url = create(TestSluice.uniqueName("life") + ".fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
    assertEquals("true", attributes(sqs(), url).get("FifoQueue"));
  }

  @Test
  void fifoQueueAttributeIsUnknownToStandardQueues() {
    // Given a standard queue name
    String name = TestSluice.uniqueName("life");

    // When it is created with FifoQueue=false
    // Then InvalidAttributeName (AWS knows FifoQueue only on FIFO queues) and nothing is created
    assertThrows(InvalidAttributeNameException.class, () -> create(name, Map.of(QueueAttributeName.FIFO_QUEUE, "false")));
    assertThrows(QueueDoesNotExistException.class, () -> sqs().getQueueUrl(b -> b.queueName(name)));
  }

  @Test
  void badAttributesOnCreateCreateNothing() {
    // Given a new name
    String name = TestSluice.uniqueName("life");

    // When it is created with an unknown, a read-only, a FIFO-only or an out-of-range attribute
    assertThrows(InvalidAttributeNameException.class,
        () -> sqs().createQueue(b -> b.queueName(name).attributesWithStrings(Map.of("Colour", "blue"))));
    assertThrows(InvalidAttributeNameException.class, () -> create(name, Map.of(QueueAttributeName.QUEUE_ARN, "x")));
    assertThrows(InvalidAttributeNameException.class,
        () -> create(name, Map.of(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")));
    assertThrows(InvalidAttributeValueException.class, () -> create(name, Map.of(QueueAttributeName.DELAY_SECONDS, "901")));

    // Then no queue exists
    assertThrows(QueueDoesNotExistException.class, () -> sqs().getQueueUrl(b -> b.queueName(name)));
  }

  @Test
  void missingQueueNameIsRejected() {
    assertEquals("MissingParameter", codeOf(() -> sqs().createQueue(b -> b.attributesWithStrings(Map.of()))));
    assertEquals("MissingParameter", codeOf(() -> sqs().getQueueUrl(b -> { })));
  }

  @Test
  void getQueueUrlOfAnUnknownQueueOrAnotherAccountFails() {
    // Given a queue of this account
    String name = TestSluice.uniqueName("life");
    create(name, Map.of());

    // When its URL is asked under another owner, or an unknown name is asked
    // Then QueueDoesNotExist
    assertThrows(QueueDoesNotExistException.class,
        () -> sqs().getQueueUrl(b -> b.queueName(name).queueOwnerAWSAccountId("111122223333")));
    assertThrows(QueueDoesNotExistException.class, () -> sqs().getQueueUrl(b -> b.queueName(name + "-nope")));
  }

  @Test
  void deletedQueueIsGoneForEveryOperation() {
    // Given a queue with a message
    String name = TestSluice.uniqueName("life");
    String url = create(name, Map.of());
    sqs().sendMessage(b -> b.queueUrl(url).messageBody("m"));

    // When it is deleted
    sqs().deleteQueue(b -> b.queueUrl(url));

    // Then every operation on it answers QueueDoesNotExist, and listing does not show it
    List<Executable> calls = List.of(
        () -> sqs().getQueueUrl(b -> b.queueName(name)),
        () -> sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)),
        () -> sqs().setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "1"))),
        () -> sqs().sendMessage(b -> b.queueUrl(url).messageBody("m")),
        () -> sqs().receiveMessage(b -> b.queueUrl(url)),
        () -> sqs().purgeQueue(b -> b.queueUrl(url)),
        () -> sqs().tagQueue(b -> b.queueUrl(url).tags(Map.of("k", "v"))),
        () -> sqs().untagQueue(b -> b.queueUrl(url).tagKeys("k")),
        () -> sqs().listQueueTags(b -> b.queueUrl(url)),
        () -> sqs().addPermission(b -> b.queueUrl(url).label("L").awsAccountIds("111122223333").actions("SendMessage")),
        () -> sqs().removePermission(b -> b.queueUrl(url).label("L")),
        () -> sqs().listDeadLetterSourceQueues(b -> b.queueUrl(url)),
        () -> sqs().deleteQueue(b -> b.queueUrl(url)));
    for (Executable call : calls) {
      assertThrows(QueueDoesNotExistException.class, call);
    }
    assertFalse(sqs().listQueues(b -> b.queueNamePrefix(name)).queueUrls().contains(url));
  }

  @Test
  void deletingAQueueEndsLongPollsOnIt() throws Exception {
    // Given a receive long-polling an empty queue
    String url = create(TestSluice.uniqueName("life"), Map.of());
    CompletableFuture<ReceiveMessageResponse> poll = node().sqsAsync()
        .receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20));
    Thread.sleep(300);

    // When the queue is deleted
    sqs().deleteQueue(b -> b.queueUrl(url));

    // Then the poll ends well before its 20 s with QueueDoesNotExist
    ExecutionException failed = assertThrows(ExecutionException.class, () -> poll.get(10, TimeUnit.SECONDS));
    assertInstanceOf(QueueDoesNotExistException.class, failed.getCause());
  }

  @Test
  void aDeletedNameCanBeCreatedAgainOnlyAfterSixtySeconds() {
    ManualClock clock = new ManualClock();
    try (TestSluice node = TestSluice.start(engine, clock, Map.of())) {
      // Given a queue with a changed attribute and a message, deleted
      SqsClient sqs = node.sqs();
      String name = TestSluice.uniqueName("life");
      String url = sqs.createQueue(b -> b.queueName(name)
          .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "99"))).queueUrl();
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("old"));
      sqs.deleteQueue(b -> b.queueUrl(url));

      // When the name is created again 59 s later, and again at 60 s
      clock.advanceSeconds(59);
      assertThrows(QueueDeletedRecentlyException.class, () -> sqs.createQueue(b -> b.queueName(name)));
      clock.advanceSeconds(1);
      String again = sqs.createQueue(b -> b.queueName(name)).queueUrl();

      // Then the second succeeds with a fresh queue: default attributes, no messages
      assertEquals(url, again);
      Map<String, String> attributes = attributes(sqs, again);
      assertEquals("30", attributes.get("VisibilityTimeout"));
      assertEquals("0", attributes.get("ApproximateNumberOfMessages"));
      assertTrue(sqs.receiveMessage(b -> b.queueUrl(again)).messages().isEmpty());
    }
  }
}
