package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.TestSluice;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * SNS in the AWS query protocol over raw HTTP (form posts, XML answers in the SNS namespace), the
 * shapes older SDKs and hand-written clients parse: results wrapped in {@code <ActionResult>},
 * {@code member} lists, {@code entry}/{@code key}/{@code value} maps, and {@code <ErrorResponse>}.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SnsQueryProtocolTest extends SharedSnsNodeTest {
  private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

  private RawHttp.Answer post(String... params) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Version", "2010-03-31");
    for (int i = 0; i < params.length; i += 2) {
      form.put(params[i], params[i + 1]);
    }
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return RawHttp.postForm(node().endpoint(), body);
  }

  private static List<String> texts(RawHttp.Answer answer, String name) {
    NodeList nodes = answer.xml().getElementsByTagNameNS("*", name);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  @Test
  void createTopicAnswersXmlInTheSnsNamespaceWithARequestId() {
    // Given a topic name
    String name = TestSluice.uniqueName("query");

    // When CreateTopic is posted as a form
    RawHttp.Answer answer = post("Action", "CreateTopic", "Name", name);

    // Then the answer is CreateTopicResponse/CreateTopicResult/TopicArn plus ResponseMetadata/RequestId
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.header("content-type").startsWith("text/xml"), answer.header("content-type"));
    Element root = answer.xml().getDocumentElement();
    assertEquals("CreateTopicResponse", root.getLocalName());
    assertEquals(NAMESPACE, root.getNamespaceURI());
    assertEquals(List.of("CreateTopicResult", "ResponseMetadata"), RawHttp.Answer.childNames(root));
    assertEquals("arn:aws:sns:us-east-1:000000000000:" + name, answer.xmlText("TopicArn"));
    String requestId = answer.xmlText("RequestId");
    assertFalse(requestId == null || requestId.isBlank());
  }

  @Test
  void anErrorIsAnErrorResponseWithTypeCodeAndMessage() {
    // Given an ARN of no topic
    String missing = "arn:aws:sns:us-east-1:000000000000:" + TestSluice.uniqueName("no-such");

    // When its attributes are asked, and a topic with an invalid name is created
    RawHttp.Answer notFound = post("Action", "GetTopicAttributes", "TopicArn", missing);
    RawHttp.Answer invalid = post("Action", "CreateTopic", "Name", "bad name");

    // Then each is an ErrorResponse in the SNS namespace with AWS's status, type and code
    assertEquals(404, notFound.status());
    Element root = notFound.xml().getDocumentElement();
    assertEquals("ErrorResponse", root.getLocalName());
    assertEquals(NAMESPACE, root.getNamespaceURI());
    assertEquals(List.of("Error", "RequestId"), RawHttp.Answer.childNames(root));
    assertEquals("Sender", notFound.xmlText("Type"));
    assertEquals("NotFound", notFound.xmlErrorCode());
    assertFalse(notFound.xmlText("Message").isBlank());
    assertFalse(notFound.xmlText("RequestId").isBlank());
    assertEquals(400, invalid.status());
    assertEquals("InvalidParameter", invalid.xmlErrorCode());
  }

  @Test
  void topicAttributesAreEntriesOfKeyAndValue() {
    // Given a topic with a display name
    String topic = topic("query-attrs", Map.of("DisplayName", "Query"));

    // When its attributes are asked
    RawHttp.Answer answer = post("Action", "GetTopicAttributes", "TopicArn", topic);

    // Then they come as Attributes/entry elements holding key and value
    Element attributes = (Element) answer.xml().getElementsByTagNameNS("*", "Attributes").item(0);
    Map<String, String> read = new LinkedHashMap<>();
    for (Node n = attributes.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element entry) {
        assertEquals("entry", entry.getLocalName());
        assertEquals(List.of("key", "value"), RawHttp.Answer.childNames(entry));
        read.put(entry.getElementsByTagNameNS("*", "key").item(0).getTextContent(),
            entry.getElementsByTagNameNS("*", "value").item(0).getTextContent());
      }
    }
    assertEquals("Query", read.get("DisplayName"));
    assertEquals(topic, read.get("TopicArn"));
  }

  @Test
  void publishTakesAttributesAsNumberedEntries() {
    // Given a topic with an envelope queue subscription
    String topic = topic("query-publish");
    String url = subscribedQueue(topic, false);

    // When a message with two attributes is published as a form
    RawHttp.Answer answer = post("Action", "Publish", "TopicArn", topic, "Message", "from a form",
        "Subject", "Form",
        "MessageAttributes.entry.1.Name", "colour",
        "MessageAttributes.entry.1.Value.DataType", "String",
        "MessageAttributes.entry.1.Value.StringValue", "red",
        "MessageAttributes.entry.2.Name", "size",
        "MessageAttributes.entry.2.Value.DataType", "Number",
        "MessageAttributes.entry.2.Value.StringValue", "3");

    // Then PublishResult holds the message id, and the delivered envelope the attributes
    assertEquals(200, answer.status(), answer.body());
    assertEquals("PublishResponse", answer.xml().getDocumentElement().getLocalName());
    var envelope = json(receiveOne(url).body());
    assertEquals(answer.xmlText("MessageId"), envelope.get("MessageId").asText());
    assertEquals("red", envelope.path("MessageAttributes").path("colour").path("Value").asText());
    assertEquals("Number", envelope.path("MessageAttributes").path("size").path("Type").asText());
  }

  @Test
  void listingsAreMemberLists() {
    // Given a topic with a queue subscription
    String topic = topic("query-list");
    String subscription = subscribe(topic, queue("query-list-q"));

    // When the topic's subscriptions are listed
    RawHttp.Answer answer = post("Action", "ListSubscriptionsByTopic", "TopicArn", topic);

    // Then Subscriptions holds one member with the subscription's fields
    Element subscriptions = (Element) answer.xml().getElementsByTagNameNS("*", "Subscriptions").item(0);
    assertEquals(List.of("member"), RawHttp.Answer.childNames(subscriptions));
    assertEquals(List.of(subscription), texts(answer, "SubscriptionArn"));
    assertEquals(List.of("sqs"), texts(answer, "Protocol"));
    assertEquals(List.of(topic), texts(answer, "TopicArn"));
  }

  @Test
  void theUnsubscribeUrlOfAnEnvelopeUnsubscribes() {
    // Given a queue subscription and an envelope delivered to it
    String topic = topic("query-unsub");
    String url = queue("query-unsub-q");
    String subscription = subscribe(topic, url);
    sns().publish(b -> b.topicArn(topic).message("bye"));
    String unsubscribeUrl = json(receiveOne(url).body()).get("UnsubscribeURL").asText();

    // When its UnsubscribeURL is fetched with a plain GET
    RawHttp.Answer answer = RawHttp.get(URI.create(unsubscribeUrl), Map.of());

    // Then it answers UnsubscribeResponse and the subscription is gone
    assertEquals(200, answer.status(), answer.body());
    assertEquals("UnsubscribeResponse", answer.xml().getDocumentElement().getLocalName());
    SnsTesting.assertSnsError("NotFound", () -> sns().getSubscriptionAttributes(b -> b.subscriptionArn(subscription)));
  }
}
