package io.sluice.it.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Engine;
import io.sluice.testing.HttpReceiver;
import io.sluice.testing.HttpReceiver.Request;
import io.sluice.testing.TestSluice;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * lambda subscriptions end to end through the AWS SDK v2, on each engine: functions mapped to URLs
 * by {@code SLUICE_SNS_LAMBDA_ENDPOINTS} are POSTed the Lambda SNS event; an unmapped function goes
 * straight to the dead-letter queue; a failing function URL is retried.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class LambdaDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String FUNCTIONS = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpReceiver functions;
  private static TestSluice node;

  /** The engine of this invocation; the node is started for it once, before its tests. */
  @Parameter
  Engine engine;

  @BeforeParameterizedClassInvocation
  static void startNode(Engine engine) {
    functions = new HttpReceiver();
    node = TestSluice.start(engine, InstantSource.system(), Map.of("SLUICE_SNS_LAMBDA_ENDPOINTS",
        FUNCTIONS + "by-arn=" + functions.url("/by-arn") + ",by-name=" + functions.url("/by-name")
            + "," + FUNCTIONS + "flaky=" + functions.url("/flaky")));
  }

  @AfterParameterizedClassInvocation
  static void stopNode() {
    node.close();
    functions.close();
  }

  private static SnsClient sns() {
    return node.sns();
  }

  private static SqsClient sqs() {
    return node.sqs();
  }

  private static String topic() {
    return sns().createTopic(b -> b.name(TestSluice.uniqueName("lambda"))).topicArn();
  }

  private static String subscribe(String topicArn, String function, Map<String, String> attributes) {
    return sns().subscribe(b -> b.topicArn(topicArn).protocol("lambda").endpoint(FUNCTIONS + function)
        .attributes(attributes).returnSubscriptionArn(true)).subscriptionArn();
  }

  @Test
  void aPublishIsPostedToTheFunctionUrlAsTheLambdaSnsEvent() throws Exception {
    // Given a lambda subscription of a function mapped by its ARN
    String topicArn = topic();
    String arn = subscribe(topicArn, "by-arn", Map.of());

    // When a message with a subject and an attribute is published
    String messageId = sns().publish(b -> b.topicArn(topicArn).subject("invoice").message("{\"total\":42}")
        .messageAttributes(Map.of("tier", MessageAttributeValue.builder().dataType("String").stringValue("gold")
            .build()))).messageId();

    // Then the function's URL is POSTed the event Lambda would get, as JSON
    Request invocation = awaitCalls("/by-arn", topicArn, 1).get(0);
    assertTrue(invocation.header("content-type").startsWith("application/json"), invocation.header("content-type"));
    JsonNode records = JSON.readTree(invocation.body()).path("Records");
    assertEquals(1, records.size());
    JsonNode record = records.get(0);
    assertEquals("1.0", record.path("EventVersion").asText());
    assertEquals("aws:sns", record.path("EventSource").asText());
    assertEquals(arn, record.path("EventSubscriptionArn").asText());
    JsonNode sns = record.path("Sns");
    assertEquals("Notification", sns.path("Type").asText());
    assertEquals(messageId, sns.path("MessageId").asText());
    assertEquals(topicArn, sns.path("TopicArn").asText());
    assertEquals("invoice", sns.path("Subject").asText());
    assertEquals("{\"total\":42}", sns.path("Message").asText());
    assertFalse(sns.path("Timestamp").asText().isEmpty());
    assertEquals("1", sns.path("SignatureVersion").asText());
    assertFalse(sns.path("Signature").asText().isEmpty());
    assertTrue(sns.path("SigningCertUrl").asText().endsWith(".pem"), sns.toString());
    assertTrue(sns.path("UnsubscribeUrl").asText().contains("Action=Unsubscribe"), sns.toString());
    assertFalse(sns.has("SigningCertURL") || sns.has("UnsubscribeURL"), sns.toString());
    assertEquals("String", sns.path("MessageAttributes").path("tier").path("Type").asText());
    assertEquals("gold", sns.path("MessageAttributes").path("tier").path("Value").asText());
  }

  @Test
  void aFunctionMappedByItsNameReceivesTheEventsOfAnyAlias() throws Exception {
    // Given a subscription of an alias of a function mapped by its bare name
    String topicArn = topic();
    subscribe(topicArn, "by-name:live", Map.of());

    // When a message without subject is published
    sns().publish(b -> b.topicArn(topicArn).message("plain"));

    // Then the event reaches the name's URL, with a null Subject and no attributes
    JsonNode sns = JSON.readTree(awaitCalls("/by-name", topicArn, 1).get(0).body())
        .path("Records").get(0).path("Sns");
    assertEquals("plain", sns.path("Message").asText());
    assertTrue(sns.has("Subject") && sns.get("Subject").isNull(), sns.toString());
    assertTrue(sns.path("MessageAttributes").isObject() && sns.path("MessageAttributes").isEmpty(), sns.toString());
  }

  @Test
  void anUnmappedFunctionIsNotRetriedAndGoesToTheDeadLetterQueue() throws Exception {
    // Given a subscription with a dead-letter queue, of a function no URL is mapped to
    String dlqUrl = sqs().createQueue(b -> b.queueName(TestSluice.uniqueName("lambda-dlq"))).queueUrl();
    String dlqArn = sqs().getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    String topicArn = topic();
    subscribe(topicArn, "nowhere", Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\"}"));

    // When a message is published
    String messageId = sns().publish(b -> b.topicArn(topicArn).message("lost")).messageId();

    // Then the dead-letter queue holds it at once, with Lambda's code for a missing function
    List<Message> dead = sqs().receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(10)
        .messageAttributeNames("All")).messages();
    assertEquals(1, dead.size());
    assertEquals(messageId, JSON.readTree(dead.get(0).body()).path("MessageId").asText());
    assertEquals("ResourceNotFoundException", dead.get(0).messageAttributes().get("ErrorCode").stringValue());
  }

  @Test
  void aFunctionUrlAnsweringAClientErrorIsRetried() throws Exception {
    // Given a subscription of a function whose URL first answers 404, then 200
    String topicArn = topic();
    subscribe(topicArn, "flaky", Map.of());
    functions.respondWith("/flaky", 404);

    // When a message is published
    sns().publish(b -> b.topicArn(topicArn).message("try again"));

    // Then the URL is called again, unlike an http subscription, and the retry gets through
    List<Request> calls = awaitCalls("/flaky", topicArn, 2);
    assertEquals(calls.get(0).body(), calls.get(1).body());
  }

  /** Waits for {@code count} POSTs to {@code path} about {@code topicArn}. */
  private static List<Request> awaitCalls(String path, String topicArn, int count) {
    return functions.await(r -> r.path().equals(path) && r.body().contains(topicArn), count, WAIT);
  }
}
