package io.sluice.it.access;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Await;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Two accounts' keys on one node with {@code SLUICE_CREDENTIALS}: account B cannot touch account A's
 * queues and topics by their URL or ARN (SQS AccessDenied, SNS AuthorizationError) until A's
 * resource policy allows B that action; an explicit Deny wins; listings show only the caller's own;
 * SNS delivers from A's topic to B's queue only when the queue's policy allows the topic.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class AccountIsolationTest {
  private static final String A = "111111111111";
  private static final String B = "222222222222";
  private static final Duration DELIVERY_WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<AutoCloseable> CLIENTS = new ArrayList<>();
  private static TestSluice node;

  /** The engine of this invocation; the node is started for it once, before its tests. */
  @Parameter
  Engine engine;

  @BeforeParameterizedClassInvocation
  static void startNode(Engine engine) {
    node = TestSluice.start(engine, InstantSource.system(),
        Map.of("SLUICE_CREDENTIALS", "AKIDACCOUNTA:secret-a:" + A + ",AKIDACCOUNTB:secret-b:" + B));
  }

  @AfterParameterizedClassInvocation
  static void stopNode() throws Exception {
    for (AutoCloseable c : CLIENTS) {
      c.close();
    }
    CLIENTS.clear();
    node.close();
  }

  private static StaticCredentialsProvider key(String account) {
    return StaticCredentialsProvider.create(account.equals(A) ? AwsBasicCredentials.create("AKIDACCOUNTA", "secret-a")
        : AwsBasicCredentials.create("AKIDACCOUNTB", "secret-b"));
  }

  private SqsClient sqs(String account) {
    SqsClient c = SqsClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(key(account)).build();
    CLIENTS.add(c);
    return c;
  }

  private SnsClient sns(String account) {
    SnsClient c = SnsClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(key(account)).build();
    CLIENTS.add(c);
    return c;
  }

  private static String queueArn(String url) {
    String[] path = url.split("/");
    return "arn:aws:sqs:us-east-1:" + path[path.length - 2] + ":" + path[path.length - 1];
  }

  private static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  private static String statement(String effect, String principal, String action, String resource) {
    return "{\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":\"" + action
        + "\",\"Resource\":\"" + resource + "\"}";
  }

  @Test
  void anotherAccountCannotUseAQueueByItsUrl() {
    // Given a queue of account A holding a message
    SqsClient a = sqs(A);
    SqsClient b = sqs(B);
    String url = a.createQueue(r -> r.queueName(TestSluice.uniqueName("private"))).queueUrl();
    a.sendMessage(r -> r.queueUrl(url).messageBody("secret"));

    // When account B calls actions on it by its URL, then each is refused
    assertEquals("AccessDenied", codeOf(() -> b.sendMessage(r -> r.queueUrl(url).messageBody("x"))));
    assertEquals("AccessDenied", codeOf(() -> b.receiveMessage(r -> r.queueUrl(url))));
    assertEquals("AccessDenied", codeOf(() -> b.purgeQueue(r -> r.queueUrl(url))));
    assertEquals("AccessDenied", codeOf(() -> b.deleteQueue(r -> r.queueUrl(url))));
    assertEquals("AccessDenied", codeOf(() -> b.getQueueAttributes(r -> r.queueUrl(url)
        .attributeNames(QueueAttributeName.ALL))));
    assertEquals("AccessDenied", codeOf(() -> b.setQueueAttributes(r -> r.queueUrl(url)
        .attributesWithStrings(Map.of("Policy", policy(statement("Allow", "\"*\"", "sqs:*", queueArn(url))))))));
    assertEquals("AccessDenied", codeOf(() -> b.tagQueue(r -> r.queueUrl(url).tags(Map.of("k", "v")))));
    assertEquals("AccessDenied", codeOf(() -> b.addPermission(r -> r.queueUrl(url).label("mine")
        .awsAccountIds(B).actions("SendMessage"))));
    assertEquals("AWS.SimpleQueueService.NonExistentQueue", codeOf(() -> b.getQueueUrl(r -> r.queueName(url.substring(
        url.lastIndexOf('/') + 1)).queueOwnerAWSAccountId(A))));

    // and A's queue and message are untouched, and B's listing does not show it
    assertEquals("secret", a.receiveMessage(r -> r.queueUrl(url)).messages().get(0).body());
    assertFalse(b.listQueues().queueUrls().contains(url));
    assertTrue(a.listQueues().queueUrls().contains(url));
  }

  @Test
  void aQueuePolicyGrantsAnotherAccountTheActionsItNames() {
    // Given A's queue whose policy allows B to send (and nothing else)
    SqsClient a = sqs(A);
    SqsClient b = sqs(B);
    String url = a.createQueue(r -> r.queueName(TestSluice.uniqueName("shared"))).queueUrl();
    a.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy",
        policy(statement("Allow", "{\"AWS\":\"" + B + "\"}", "sqs:SendMessage", queueArn(url))))));

    // When B sends, then the message arrives; B still may not receive
    b.sendMessage(r -> r.queueUrl(url).messageBody("from B"));
    b.sendMessageBatch(r -> r.queueUrl(url).entries(e -> e.id("1").messageBody("batch from B")));
    assertEquals("AccessDenied", codeOf(() -> b.receiveMessage(r -> r.queueUrl(url))));
    List<String> bodies = a.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages().stream()
        .map(Message::body).sorted().toList();
    assertEquals(List.of("batch from B", "from B"), bodies);
  }

  @Test
  void addPermissionGrantsAndRemovePermissionRevokes() {
    SqsClient a = sqs(A);
    SqsClient b = sqs(B);
    String url = a.createQueue(r -> r.queueName(TestSluice.uniqueName("granted"))).queueUrl();

    // Given A grants B ReceiveMessage and DeleteMessage with AddPermission
    a.addPermission(r -> r.queueUrl(url).label("consumer").awsAccountIds(B).actions("ReceiveMessage", "DeleteMessage"));
    a.sendMessage(r -> r.queueUrl(url).messageBody("work"));

    // Then B receives and deletes
    Message m = b.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
    b.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));

    // and once A removes the permission, B is refused again
    a.removePermission(r -> r.queueUrl(url).label("consumer"));
    assertEquals("AccessDenied", codeOf(() -> b.receiveMessage(r -> r.queueUrl(url))));
  }

  @Test
  void anExplicitDenyWinsOverAnAllow() {
    SqsClient a = sqs(A);
    SqsClient b = sqs(B);
    String url = a.createQueue(r -> r.queueName(TestSluice.uniqueName("denied"))).queueUrl();
    String arn = queueArn(url);
    a.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy", policy(
        statement("Allow", "\"*\"", "sqs:*", arn),
        statement("Deny", "{\"AWS\":\"arn:aws:iam::" + B + ":root\"}", "SQS:Purge*", arn)))));

    b.sendMessage(r -> r.queueUrl(url).messageBody("allowed"));
    assertEquals("AccessDenied", codeOf(() -> b.purgeQueue(r -> r.queueUrl(url))));
  }

  @Test
  void anotherAccountCannotUseATopicByItsArn() {
    // Given a topic of account A
    SnsClient a = sns(A);
    SnsClient b = sns(B);
    String topic = a.createTopic(r -> r.name(TestSluice.uniqueName("private"))).topicArn();
    String queueOfB = sqs(B).createQueue(r -> r.queueName(TestSluice.uniqueName("b-q"))).queueUrl();

    // When account B calls actions on it, then each is refused
    assertEquals("AuthorizationError", codeOf(() -> b.publish(r -> r.topicArn(topic).message("x"))));
    assertEquals("AuthorizationError", codeOf(() -> b.publishBatch(r -> r.topicArn(topic)
        .publishBatchRequestEntries(e -> e.id("1").message("x")))));
    assertEquals("AuthorizationError", codeOf(() -> b.getTopicAttributes(r -> r.topicArn(topic))));
    assertEquals("AuthorizationError", codeOf(() -> b.subscribe(r -> r.topicArn(topic).protocol("sqs")
        .endpoint(queueArn(queueOfB)))));
    assertEquals("AuthorizationError", codeOf(() -> b.listSubscriptionsByTopic(r -> r.topicArn(topic))));
    assertEquals("AuthorizationError", codeOf(() -> b.setTopicAttributes(r -> r.topicArn(topic)
        .attributeName("DisplayName").attributeValue("mine"))));
    assertEquals("AuthorizationError", codeOf(() -> b.tagResource(r -> r.resourceArn(topic)
        .tags(t -> t.key("k").value("v")))));
    assertEquals("AuthorizationError", codeOf(() -> b.deleteTopic(r -> r.topicArn(topic))));

    // and the topic is still A's, unlisted for B
    assertEquals(topic, a.getTopicAttributes(r -> r.topicArn(topic)).attributes().get("TopicArn"));
    assertFalse(b.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(topic)));
  }

  @Test
  void aTopicPolicyGrantsPublishAndDenyWins() {
    SnsClient a = sns(A);
    SnsClient b = sns(B);
    String topic = a.createTopic(r -> r.name(TestSluice.uniqueName("open"))).topicArn();

    // Given A allows B to publish with AddPermission
    a.addPermission(r -> r.topicArn(topic).label("publisher").awsAccountIds(B).actionNames("Publish"));

    // Then B publishes, but still may not delete the topic
    assertFalse(b.publish(r -> r.topicArn(topic).message("hello")).messageId().isEmpty());
    assertEquals("AuthorizationError", codeOf(() -> b.deleteTopic(r -> r.topicArn(topic))));

    // and a Deny set by A wins over the grant
    String denying = policy(statement("Allow", "{\"AWS\":\"" + B + "\"}", "SNS:Publish", topic),
        statement("Deny", "\"*\"", "sns:Publish", topic));
    a.setTopicAttributes(r -> r.topicArn(topic).attributeName("Policy").attributeValue(denying));
    assertEquals("AuthorizationError", codeOf(() -> b.publish(r -> r.topicArn(topic).message("hello"))));
  }

  @Test
  void snsDeliversToAnotherAccountsQueueOnlyWhenItsPolicyAllowsTheTopic() {
    // Given A's topic that lets B subscribe, and B's queue with a dead-letter queue for refused deliveries
    SnsClient a = sns(A);
    SqsClient b = sqs(B);
    String topic = a.createTopic(r -> r.name(TestSluice.uniqueName("feed"))).topicArn();
    a.addPermission(r -> r.topicArn(topic).label("subscriber").awsAccountIds(B).actionNames("Subscribe"));
    String url = b.createQueue(r -> r.queueName(TestSluice.uniqueName("inbox"))).queueUrl();
    String dlq = b.createQueue(r -> r.queueName(TestSluice.uniqueName("inbox-dlq"))).queueUrl();

    // When B subscribes its queue (confirmed at once: the queue's owner subscribes it)
    String subscription = sns(B).subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn(url))
        .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + queueArn(dlq) + "\"}"))).subscriptionArn();
    assertTrue(subscription.startsWith(topic + ":"), subscription);

    // and A publishes before the queue's policy allows the topic: the delivery is refused, not retried,
    // and goes to the subscription's dead-letter queue
    a.publish(r -> r.topicArn(topic).message("refused"));
    Message dead = Await.receiveOne(b, dlq, DELIVERY_WAIT);
    assertTrue(dead.body().contains("refused"), dead.body());

    // When B's queue allows SNS for this topic (the usual aws:SourceArn policy) and A publishes again
    b.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy", policy(
        "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
            + "\"Resource\":\"" + queueArn(url) + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
            + topic + "\"}}}"))));
    a.publish(r -> r.topicArn(topic).message("delivered"));

    // Then only the second message reaches the queue
    Message m = Await.receiveOne(b, url, DELIVERY_WAIT);
    assertTrue(m.body().contains("delivered"), m.body());
    assertFalse(m.body().contains("refused"), m.body());
    assertTrue(b.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages().isEmpty());
  }

  @Test
  void aQueueOwnerConfirmsTheSubscriptionAnotherAccountsTopicMadeForIt() throws Exception {
    // Given B's queue whose policy lets A's topic send, subscribed by A (the topic's owner)
    SnsClient a = sns(A);
    SqsClient b = sqs(B);
    String topic = a.createTopic(r -> r.name(TestSluice.uniqueName("offer"))).topicArn();
    String url = b.createQueue(r -> r.queueName(TestSluice.uniqueName("offered"))).queueUrl();
    b.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy", policy(
        "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
            + "\"Resource\":\"" + queueArn(url) + "\",\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\""
            + "arn:aws:sns:*:" + A + ":*\"}}}"))));
    assertEquals("pending confirmation", a.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn(url)))
        .subscriptionArn());

    // When B confirms with the token of the SubscriptionConfirmation its queue received
    JsonNode confirmation = JSON.readTree(Await.receiveOne(b, url, DELIVERY_WAIT).body());
    assertEquals("SubscriptionConfirmation", confirmation.path("Type").asText());
    String subscription = sns(B).confirmSubscription(r -> r.topicArn(topic)
        .token(confirmation.path("Token").asText())).subscriptionArn();

    // Then the subscription is confirmed and A's messages reach B's queue
    assertTrue(subscription.startsWith(topic + ":"), subscription);
    a.publish(r -> r.topicArn(topic).message("welcome"));
    assertEquals("welcome", JSON.readTree(Await.receiveOne(b, url, DELIVERY_WAIT).body()).path("Message").asText());
  }
}
