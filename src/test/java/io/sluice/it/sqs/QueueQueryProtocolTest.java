package io.sluice.it.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queue operations in the AWS query protocol (form posts, XML answers) over raw HTTP, checking
 * the XML shapes older SDKs parse: flattened lists and {@code Name}/{@code Value} or
 * {@code Key}/{@code Value} map entries.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class QueueQueryProtocolTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Parameter
  Engine engine;

  private record Reply(int status, Document xml) {
    Element result() {
      return (Element) xml.getDocumentElement().getFirstChild();
    }

    String errorCode() {
      return xml.getElementsByTagName("Code").item(0).getTextContent();
    }
  }

  private TestSluice node() {
    return TestSluice.shared(engine);
  }

  private SqsClient sqs() {
    return node().sqs();
  }

  private Reply post(String path, String... params) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Version", "2012-11-05");
    for (int i = 0; i < params.length; i += 2) {
      form.put(params[i], params[i + 1]);
    }
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(node().endpoint() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(response.body()));
    return new Reply(response.statusCode(), xml);
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static String child(Element parent, String name) {
    return parent.getElementsByTagName(name).item(0).getTextContent();
  }

  /** Map entries of a result as {@code name → value}, each entry an element holding {@code key} and {@code value}. */
  private static Map<String, String> entries(Element result, String entry, String key, String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Element e : children(result)) {
      assertEquals(entry, e.getTagName());
      out.put(child(e, key), child(e, value));
    }
    return out;
  }

  private String create(String name) {
    return sqs().createQueue(b -> b.queueName(name)).queueUrl();
  }

  @Test
  void listQueuesAnswersFlattenedQueueUrlElements() throws Exception {
    // Given two queues under a prefix
    String prefix = TestSluice.uniqueName("qp");
    String a = create(prefix + "-a");
    String b = create(prefix + "-b");

    // When they are listed in the query protocol
    Reply reply = post("/", "Action", "ListQueues", "QueueNamePrefix", prefix);

    // Then the result holds one QueueUrl element per queue, unwrapped
    assertEquals(200, reply.status());
    assertEquals("ListQueuesResponse", reply.xml().getDocumentElement().getTagName());
    assertEquals("ListQueuesResult", reply.result().getTagName());
    List<Element> urls = children(reply.result());
    assertEquals(List.of("QueueUrl", "QueueUrl"), urls.stream().map(Element::getTagName).toList());
    assertEquals(List.of(a, b), urls.stream().map(Element::getTextContent).toList());
  }

  @Test
  void queueAttributesAreSetAndAnsweredAsNameValueEntries() throws Exception {
    // Given a queue created in the query protocol with an attribute
    String name = TestSluice.uniqueName("qp");
    Reply created = post("/", "Action", "CreateQueue", "QueueName", name,
        "Attribute.1.Name", "VisibilityTimeout", "Attribute.1.Value", "40");
    String url = child(created.result(), "QueueUrl");

    // When another attribute is set, and two are read back
    post("/", "Action", "SetQueueAttributes", "QueueUrl", url,
        "Attribute.1.Name", "DelaySeconds", "Attribute.1.Value", "9");
    Reply reply = post("/", "Action", "GetQueueAttributes", "QueueUrl", url,
        "AttributeName.1", "VisibilityTimeout", "AttributeName.2", "DelaySeconds");

    // Then each comes as an Attribute element with Name and Value
    assertEquals(node().endpoint() + "/000000000000/" + name, url);
    assertEquals(Map.of("VisibilityTimeout", "40", "DelaySeconds", "9"),
        entries(reply.result(), "Attribute", "Name", "Value"));
  }

  @Test
  void aRequestPostedToTheQueueUrlAddressesThatQueue() throws Exception {
    // Given a queue
    String name = TestSluice.uniqueName("qp");
    String url = create(name);

    // When attributes are asked by posting to the queue's path without QueueUrl
    Reply reply = post("/000000000000/" + name, "Action", "GetQueueAttributes", "AttributeName.1", "QueueArn");

    // Then that queue answers
    assertEquals(Map.of("QueueArn", "arn:aws:sqs:us-east-1:000000000000:" + name),
        entries(reply.result(), "Attribute", "Name", "Value"));
    assertTrue(url.endsWith(name));
  }

  @Test
  void tagsAreSentAndAnsweredAsKeyValueEntries() throws Exception {
    // Given a queue created with a tag in the query protocol
    String name = TestSluice.uniqueName("qp");
    Reply created = post("/", "Action", "CreateQueue", "QueueName", name, "Tag.1.Key", "team", "Tag.1.Value", "core");
    String url = child(created.result(), "QueueUrl");

    // When two more are added, one removed, and the tags listed
    post("/", "Action", "TagQueue", "QueueUrl", url, "Tag.1.Key", "env", "Tag.1.Value", "dev",
        "Tag.2.Key", "tier", "Tag.2.Value", "gold");
    post("/", "Action", "UntagQueue", "QueueUrl", url, "TagKey.1", "tier");
    Reply reply = post("/", "Action", "ListQueueTags", "QueueUrl", url);

    // Then each tag is a Tag element with Key and Value
    assertEquals(Map.of("env", "dev", "team", "core"), entries(reply.result(), "Tag", "Key", "Value"));
  }

  @Test
  void deadLetterSourceQueuesAreFlattenedQueueUrlElements() throws Exception {
    // Given a dead-letter queue with one source
    String prefix = TestSluice.uniqueName("qp");
    String dlq = create(prefix + "-dlq");
    String source = create(prefix + "-src");
    sqs().setQueueAttributes(b -> b.queueUrl(source).attributesWithStrings(Map.of("RedrivePolicy",
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:" + prefix + "-dlq\",\"maxReceiveCount\":2}")));

    // When its sources are listed in the query protocol
    Reply reply = post("/", "Action", "ListDeadLetterSourceQueues", "QueueUrl", dlq);

    // Then the source comes as a QueueUrl element
    List<Element> urls = children(reply.result());
    assertEquals(1, urls.size());
    assertEquals("QueueUrl", urls.get(0).getTagName());
    assertEquals(source, urls.get(0).getTextContent());
  }

  @Test
  void permissionsTakeFlattenedAccountAndActionLists() throws Exception {
    // Given a queue
    String url = create(TestSluice.uniqueName("qp"));

    // When a permission is added with two accounts and two actions in the query protocol
    Reply reply = post("/", "Action", "AddPermission", "QueueUrl", url, "Label", "Shared",
        "AWSAccountId.1", "111122223333", "AWSAccountId.2", "444455556666",
        "ActionName.1", "SendMessage", "ActionName.2", "ReceiveMessage");

    // Then it answers an empty result and the policy names both of each
    assertEquals(200, reply.status());
    assertEquals("AddPermissionResponse", reply.xml().getDocumentElement().getTagName());
    String policy = sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
        .attributesAsStrings().get("Policy");
    for (String expected : List.of("arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root",
        "SQS:SendMessage", "SQS:ReceiveMessage")) {
      assertTrue(policy.contains(expected), policy);
    }
  }

  @Test
  void errorsCarryTheQueryErrorCodes() throws Exception {
    // Given a queue, purged once
    String url = create(TestSluice.uniqueName("qp"));
    post("/", "Action", "PurgeQueue", "QueueUrl", url);

    // When an unknown attribute is asked, a missing queue addressed, and the queue purged again
    Reply unknownAttribute = post("/", "Action", "GetQueueAttributes", "QueueUrl", url, "AttributeName.1", "Colour");
    Reply missing = post("/", "Action", "DeleteQueue", "QueueUrl", url + "-missing");
    Reply purgeAgain = post("/", "Action", "PurgeQueue", "QueueUrl", url);

    // Then each is an ErrorResponse with AWS's query code and status
    assertEquals(400, unknownAttribute.status());
    assertEquals("ErrorResponse", unknownAttribute.xml().getDocumentElement().getTagName());
    assertEquals("InvalidAttributeName", unknownAttribute.errorCode());
    assertEquals("Sender", child(unknownAttribute.xml().getDocumentElement(), "Type"));
    assertEquals(400, missing.status());
    assertEquals("AWS.SimpleQueueService.NonExistentQueue", missing.errorCode());
    assertEquals(403, purgeAgain.status());
    assertEquals("AWS.SimpleQueueService.PurgeQueueInProgress", purgeAgain.errorCode());
  }

  @Test
  void deleteQueueAnswersOnlyResponseMetadata() throws Exception {
    // Given a queue
    String url = create(TestSluice.uniqueName("qp"));

    // When it is deleted in the query protocol
    Reply reply = post("/", "Action", "DeleteQueue", "QueueUrl", url);

    // Then the response holds only the request id
    assertEquals(200, reply.status());
    List<Element> parts = children(reply.xml().getDocumentElement());
    assertEquals(List.of("ResponseMetadata"), parts.stream().map(Element::getTagName).toList());
    assertEquals(1, reply.xml().getElementsByTagName("RequestId").getLength());
  }
}
