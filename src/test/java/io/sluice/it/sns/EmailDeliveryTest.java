package io.sluice.it.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.AwsErrors;
import io.sluice.testing.Engine;
import io.sluice.testing.SmtpSink;
import io.sluice.testing.SmtpSink.Mail;
import io.sluice.testing.TestSluice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * email and email-json subscriptions end to end through the AWS SDK v2, on each engine, with a real
 * SMTP server: the confirmation mail and its SubscribeURL, notifications as plain text or JSON with
 * their subject and sender, the UnsubscribeURL, and how SMTP failures are retried. The node checks
 * signatures, so the links SNS mails are shown to work unsigned, as on AWS.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class EmailDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CONFIRMATION = "AWS Notification - Subscription Confirmation";
  private static final Pattern SUBSCRIBE_URL = Pattern.compile("http://\\S+Action=ConfirmSubscription\\S+");
  private static final Pattern UNSUBSCRIBE_URL = Pattern.compile("http://\\S+Action=Unsubscribe\\S+");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static SmtpSink sink;
  private static TestSluice node;

  /** The engine of this invocation; the node is started for it once, before its tests. */
  @Parameter
  Engine engine;

  @BeforeParameterizedClassInvocation
  static void startNode(Engine engine) {
    sink = new SmtpSink();
    node = TestSluice.start(engine, InstantSource.system(), Map.of(
        "SLUICE_CREDENTIALS", "AKIDSLUICETEST:sluice-test-secret",
        "SLUICE_SNS_SMTP_HOST", "127.0.0.1",
        "SLUICE_SNS_SMTP_PORT", String.valueOf(sink.port()),
        "SLUICE_SNS_SMTP_FROM", "sns@sluice.test"));
  }

  @AfterParameterizedClassInvocation
  static void stopNode() {
    node.close();
    sink.close();
  }

  private static SnsClient sns() {
    return node.sns();
  }

  private static SqsClient sqs() {
    return node.sqs();
  }

  private static String topic() {
    return sns().createTopic(b -> b.name(TestSluice.uniqueName("email"))).topicArn();
  }

  private static String address() {
    return TestSluice.uniqueName("someone") + "@example.com";
  }

  private static String link(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertTrue(m.find(), text);
    return m.group();
  }

  /** A plain GET, with no signature. */
  private static HttpResponse<String> visit(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Subscribes {@code address} and confirms through the mailed SubscribeURL; the subscription's ARN. */
  private static String confirmedSubscription(String topicArn, String protocol, String address,
                                              Map<String, String> attributes) throws Exception {
    String arn = sns().subscribe(b -> b.topicArn(topicArn).protocol(protocol).endpoint(address)
        .attributes(attributes).returnSubscriptionArn(true)).subscriptionArn();
    Mail confirmation = sink.awaitMail(address, CONFIRMATION, WAIT);
    HttpResponse<String> answer = visit(link(SUBSCRIBE_URL, confirmation.body()));
    assertEquals(200, answer.statusCode(), answer.body());
    return arn;
  }

  private static String pending(String subscriptionArn) {
    return sns().getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)).attributes()
        .get("PendingConfirmation");
  }

  @Test
  void anEmailSubscriptionIsMailedAConfirmationWithItsSubscribeUrl() {
    // Given a topic with a display name
    String topicArn = topic();
    sns().setTopicAttributes(b -> b.topicArn(topicArn).attributeName("DisplayName").attributeValue("Alerts"));
    String address = address();

    // When an email address subscribes
    String arn = sns().subscribe(b -> b.topicArn(topicArn).protocol("email").endpoint(address)
        .returnSubscriptionArn(true)).subscriptionArn();

    // Then the subscription waits, and the address got a confirmation mail with the SubscribeURL,
    // from the configured sender named after the topic
    assertEquals("true", pending(arn));
    Mail mail = sink.awaitMail(address, CONFIRMATION, WAIT);
    assertEquals(List.of(address), mail.recipients());
    assertEquals("sns@sluice.test", mail.envelopeFrom());
    assertTrue(mail.header("from").contains("Alerts"), mail.header("from"));
    assertTrue(mail.header("from").contains("<sns@sluice.test>"), mail.header("from"));
    assertTrue(mail.body().contains(topicArn), mail.body());
    assertTrue(link(SUBSCRIBE_URL, mail.body()).contains("TopicArn="), mail.body());
  }

  @Test
  void fetchingTheSubscribeUrlUnsignedConfirmsTheSubscription() throws Exception {
    // Given a pending email subscription and its confirmation mail
    String topicArn = topic();
    String address = address();
    String arn = sns().subscribe(b -> b.topicArn(topicArn).protocol("email").endpoint(address)
        .returnSubscriptionArn(true)).subscriptionArn();
    String url = link(SUBSCRIBE_URL, sink.awaitMail(address, CONFIRMATION, WAIT).body());

    // When the SubscribeURL is fetched with a plain GET, on a node that checks signatures
    HttpResponse<String> answer = visit(url);

    // Then the subscription is confirmed, not authenticated
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains(arn), answer.body());
    Map<String, String> attributes = sns().getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes();
    assertEquals("false", attributes.get("PendingConfirmation"));
    assertEquals("false", attributes.get("ConfirmationWasAuthenticated"));
  }

  @Test
  void aPublishArrivesAsAPlainTextMailWithItsSubjectAndAnUnsubscribeLink() throws Exception {
    // Given a confirmed email subscription of a topic with a display name
    String topicArn = topic();
    sns().setTopicAttributes(b -> b.topicArn(topicArn).attributeName("DisplayName").attributeValue("Ops Team"));
    String address = address();
    String arn = confirmedSubscription(topicArn, "email", address, Map.of());

    // When a message with a subject is published
    sns().publish(b -> b.topicArn(topicArn).subject("Disk almost full").message("disk /var at 91%"));

    // Then it arrives as plain text with that subject, the message first and the UnsubscribeURL below
    Mail mail = sink.awaitMail(address, "Disk almost full", WAIT);
    assertTrue(mail.header("content-type").startsWith("text/plain"), mail.header("content-type"));
    assertTrue(mail.header("from").contains("Ops Team"), mail.header("from"));
    assertTrue(mail.body().startsWith("disk /var at 91%\n"), mail.body());
    assertTrue(link(UNSUBSCRIBE_URL, mail.body()).contains("SubscriptionArn="), mail.body());
    assertTrue(mail.body().contains(arn.substring(arn.lastIndexOf(':') + 1)), mail.body());
  }

  @Test
  void aPublishWithoutSubjectGetsTheDefaultSubjectAndTheEmailEntryOfAStructuredMessage() throws Exception {
    // Given a confirmed email subscription
    String topicArn = topic();
    String address = address();
    confirmedSubscription(topicArn, "email", address, Map.of());

    // When a structured message without subject is published
    sns().publish(b -> b.topicArn(topicArn).messageStructure("json")
        .message("{\"default\":\"for everyone\",\"email\":\"for mailboxes\"}"));

    // Then the mail has AWS's default subject and the message for email
    Mail mail = sink.awaitMail(address, "AWS Notification Message", WAIT);
    assertTrue(mail.body().startsWith("for mailboxes\n"), mail.body());
  }

  @Test
  void emailJsonIsMailedTheJsonConfirmationAndNotifications() throws Exception {
    // Given a topic and an email-json subscription
    String topicArn = topic();
    String address = address();
    sns().subscribe(b -> b.topicArn(topicArn).protocol("email-json").endpoint(address));

    // Then its confirmation mail is the SubscriptionConfirmation document
    JsonNode confirmation = JSON.readTree(sink.awaitMail(address, CONFIRMATION, WAIT).body());
    assertEquals("SubscriptionConfirmation", confirmation.path("Type").asText());
    assertEquals(topicArn, confirmation.path("TopicArn").asText());
    assertEquals(200, visit(confirmation.path("SubscribeURL").asText()).statusCode());

    // When a message is published
    String messageId = sns().publish(b -> b.topicArn(topicArn).subject("as json").message("structured news"))
        .messageId();

    // Then the mail is the signed JSON notification
    JsonNode notification = JSON.readTree(sink.awaitMail(address, "as json", WAIT).body());
    assertEquals("Notification", notification.path("Type").asText());
    assertEquals(messageId, notification.path("MessageId").asText());
    assertEquals("structured news", notification.path("Message").asText());
    assertEquals("as json", notification.path("Subject").asText());
    assertFalse(notification.path("Signature").asText().isEmpty());
    assertTrue(notification.path("UnsubscribeURL").asText().contains("Action=Unsubscribe"));
  }

  @Test
  void fetchingTheUnsubscribeUrlUnsignedDeletesTheSubscription() throws Exception {
    // Given a confirmed email subscription and a notification mail with its UnsubscribeURL
    String topicArn = topic();
    String address = address();
    String arn = confirmedSubscription(topicArn, "email", address, Map.of());
    sns().publish(b -> b.topicArn(topicArn).subject("bye").message("last one"));
    String url = link(UNSUBSCRIBE_URL, sink.awaitMail(address, "bye", WAIT).body());

    // When the UnsubscribeURL is fetched with a plain GET
    HttpResponse<String> answer = visit(url);

    // Then the subscription is gone
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals("NotFound", AwsErrors.codeOf(() -> sns().getSubscriptionAttributes(b -> b.subscriptionArn(arn))));
  }

  @Test
  void anUnsignedUnsubscribeIsRefusedWhenTheConfirmationAskedForAuthentication() throws Exception {
    // Given a subscription confirmed by a signed ConfirmSubscription with AuthenticateOnUnsubscribe
    String topicArn = topic();
    String address = address();
    String arn = sns().subscribe(b -> b.topicArn(topicArn).protocol("email").endpoint(address)
        .returnSubscriptionArn(true)).subscriptionArn();
    String token = link(SUBSCRIBE_URL, sink.awaitMail(address, CONFIRMATION, WAIT).body()).replaceAll(".*Token=", "");
    sns().confirmSubscription(b -> b.topicArn(topicArn).token(token).authenticateOnUnsubscribe("true"));
    sns().publish(b -> b.topicArn(topicArn).subject("kept").message("still here"));
    String url = link(UNSUBSCRIBE_URL, sink.awaitMail(address, "kept", WAIT).body());

    // When the UnsubscribeURL is fetched unsigned
    HttpResponse<String> answer = visit(url);

    // Then it is refused and the subscription stays
    assertEquals(403, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("AuthorizationError"), answer.body());
    assertEquals("true", sns().getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes()
        .get("ConfirmationWasAuthenticated"));
  }

  @Test
  void aRefusedRecipientIsNotRetriedAndGoesToTheDeadLetterQueue() throws Exception {
    // Given a confirmed email subscription with a dead-letter queue, whose address the server refuses
    String dlqUrl = sqs().createQueue(b -> b.queueName(TestSluice.uniqueName("email-dlq"))).queueUrl();
    String dlqArn = sqs().getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    String topicArn = topic();
    String address = address();
    confirmedSubscription(topicArn, "email", address,
        Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\"}"));
    sink.refuseRecipients(1, "550 5.1.1 no such mailbox");

    // When a message is published
    String messageId = sns().publish(b -> b.topicArn(topicArn).message("undeliverable")).messageId();

    // Then the dead-letter queue holds it at once, with the SMTP status as its error code
    List<Message> dead = sqs().receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(10)
        .messageAttributeNames("All")).messages();
    assertEquals(1, dead.size());
    assertEquals(messageId, JSON.readTree(dead.get(0).body()).path("MessageId").asText());
    assertEquals("SmtpStatus550", dead.get(0).messageAttributes().get("ErrorCode").stringValue());
  }

  @Test
  void aTemporarySmtpFailureIsRetried() throws Exception {
    // Given a confirmed email subscription, and a server that fails the next message temporarily
    String topicArn = topic();
    String address = address();
    confirmedSubscription(topicArn, "email", address, Map.of());
    sink.failData(1, "451 4.3.0 try again later");

    // When a message is published
    sns().publish(b -> b.topicArn(topicArn).subject("again").message("second time lucky"));

    // Then it arrives after the first retry (10 s later under AWS's policy for email)
    Mail mail = sink.awaitMail(address, "again", Duration.ofSeconds(25));
    assertTrue(mail.body().startsWith("second time lucky\n"), mail.body());
  }
}
