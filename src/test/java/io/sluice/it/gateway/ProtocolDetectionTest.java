package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.TestSluice;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * How the gateway recognises service, action and protocol of raw HTTP requests, and how it answers
 * those it cannot serve: always an AWS error document in the request's protocol, never HTML or a
 * stack trace.
 */
class ProtocolDetectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SQS_NS = "http://queue.amazonaws.com/doc/2012-11-05/";

  private final TestSluice node = TestSluice.shared(Engine.MEMORY);

  private URI root() {
    return node.endpoint().resolve("/");
  }

  @Test
  void jsonRequestWithTargetIsAnsweredInJson10() throws Exception {
    // Given a JSON 1.0 CreateQueue call
    String name = TestSluice.uniqueName("json");

    // When it is posted
    Answer a = RawHttp.postJson(root(), "AmazonSQS.CreateQueue", "{\"QueueName\":\"" + name + "\"}");

    // Then the answer is JSON 1.0 with the queue URL and a request id
    assertEquals(200, a.status());
    assertEquals("application/x-amz-json-1.0", a.header("content-type"));
    assertTrue(JSON.readTree(a.body()).get("QueueUrl").asText().endsWith("/000000000000/" + name));
    assertNotNull(a.header("x-amzn-RequestId"));
  }

  @Test
  void jsonRequestWithAMalformedUrlQueryIsAnAwsErrorNotAFailure() throws Exception {
    // Given a JSON 1.0 call whose URL query has a bad percent-escape (read for presigned credentials),
    // sent over a plain socket since java.net.URI refuses to build such a URL
    String request = "POST /?X-Amz-Credential=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n"
        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
    String answer;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.port())) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    // Then it is refused with an AWS error, not answered as an internal failure
    assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
    assertTrue(answer.contains("MalformedQueryString"), answer);
  }

  @Test
  void formPostWithActionIsAnsweredInQueryXml() {
    String name = TestSluice.uniqueName("query");

    Answer a = RawHttp.postForm(root(), "Action=CreateQueue&QueueName=" + name + "&Version=2012-11-05");

    assertEquals(200, a.status());
    assertEquals("text/xml", a.header("content-type"));
    Element doc = a.xml().getDocumentElement();
    assertEquals("CreateQueueResponse", doc.getLocalName());
    assertEquals(SQS_NS, doc.getNamespaceURI());
    assertTrue(a.xmlText("QueueUrl").endsWith("/000000000000/" + name));
    assertEquals(a.header("x-amzn-RequestId"), a.xmlText("RequestId"));
  }

  @Test
  void getWithActionInTheUrlIsAQueryRequest() {
    String name = TestSluice.uniqueName("get");

    Answer a = RawHttp.get(root().resolve("/?Action=CreateQueue&QueueName=" + name + "&Version=2012-11-05"), Map.of());

    assertEquals(200, a.status());
    assertTrue(a.xmlText("QueueUrl").endsWith("/" + name));
  }

  @Test
  void queryCallPostedToTheQueueUrlNeedsNoQueueUrlParameter() {
    // Given a queue
    String name = TestSluice.uniqueName("posted");
    String url = node.sqs().createQueue(b -> b.queueName(name)).queueUrl();
    URI queueUri = node.endpoint().resolve(URI.create(url).getPath());

    // When SendMessage and ReceiveMessage are posted to the queue's URL without QueueUrl
    Answer sent = RawHttp.postForm(queueUri, "Action=SendMessage&MessageBody=posted-body");
    Answer received = RawHttp.postForm(queueUri, "Action=ReceiveMessage&WaitTimeSeconds=1");

    // Then both act on that queue
    assertEquals(200, sent.status(), sent.body());
    assertNotNull(sent.xmlText("MessageId"));
    assertEquals(200, received.status(), received.body());
    assertEquals("posted-body", received.xmlText("Body"));
  }

  @Test
  void unknownJsonOperationIsUnknownOperationException() throws Exception {
    Answer a = RawHttp.postJson(root(), "AmazonSQS.LaunchRocket", "{}");

    assertEquals(400, a.status());
    assertJsonError(a, "UnknownOperationException");
  }

  @Test
  void unknownJsonServiceIsUnknownOperationException() throws Exception {
    Answer a = RawHttp.postJson(root(), "DynamoDB_20120810.ListTables", "{}");

    assertEquals(400, a.status());
    assertJsonError(a, "UnknownOperationException");
  }

  @Test
  void malformedJsonIsSerializationException() throws Exception {
    Answer a = RawHttp.postJson(root(), "AmazonSQS.CreateQueue", "{\"QueueName\": ");

    assertEquals(400, a.status());
    assertJsonError(a, "SerializationException");
  }

  @Test
  void jsonErrorCarriesTheQueryErrorHeaderForQueryCompatibleClients() throws Exception {
    // When a JSON call names a queue that does not exist
    Answer a = RawHttp.postJson(root(), "AmazonSQS.GetQueueUrl",
        "{\"QueueName\":\"" + TestSluice.uniqueName("missing") + "\"}");

    // Then the JSON error and the legacy query code are both given
    assertEquals(400, a.status());
    assertEquals("com.amazonaws.sqs#QueueDoesNotExist", JSON.readTree(a.body()).get("__type").asText());
    assertEquals("AWS.SimpleQueueService.NonExistentQueue;Sender", a.header("x-amzn-query-error"));
    assertNotNull(a.header("x-amzn-RequestId"));
  }

  @Test
  void unknownQueryActionIsInvalidAction() {
    Answer a = RawHttp.postForm(root(), "Action=LaunchRocket&Version=2012-11-05");

    assertEquals(400, a.status());
    assertQueryError(a, "InvalidAction", "Sender");
  }

  @Test
  void requestWithoutActionIsMissingAction() {
    Answer a = RawHttp.postForm(root(), "QueueName=nothing");

    assertEquals(400, a.status());
    assertQueryError(a, "MissingAction", "Sender");
  }

  @Test
  void malformedPercentEscapeIsMalformedQueryString() {
    Answer a = RawHttp.postForm(root(), "Action=CreateQueue&QueueName=%zz");

    assertQueryError(a, "MalformedQueryString", "Sender");
  }

  @Test
  void credentialScopedToAServiceSluiceLacksIsNotImplemented() {
    // Given what a DynamoDB client sends for ListTables, but as a query call: signed for service dynamodb
    Map<String, String> dynamodb = Map.of("Authorization", "AWS4-HMAC-SHA256"
            + " Credential=AKIDEXAMPLE/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date,"
            + " Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "X-Amz-Date", "20250101T000000Z");

    // When it arrives
    Answer a = RawHttp.get(root().resolve("/?Action=ListTables"), dynamodb);

    // Then it gets an AWS error document naming the problem, not a stack trace or HTML
    assertEquals(501, a.status());
    assertQueryError(a, "NotImplemented", "Receiver");
    assertTrue(a.xmlText("Message").contains("dynamodb"), a.body());
    assertFalse(a.body().contains("Exception"), a.body());
  }

  @Test
  void queryErrorDocumentHasTypeCodeMessageAndRequestId() {
    // When a query call fails
    Answer a = RawHttp.postForm(root(), "Action=GetQueueUrl&QueueName="
        + URLEncoder.encode(TestSluice.uniqueName("absent"), StandardCharsets.UTF_8));

    // Then the document is <ErrorResponse><Error><Type/><Code/><Message/>…</Error><RequestId/></ErrorResponse>
    assertEquals(400, a.status());
    Element root = a.xml().getDocumentElement();
    assertEquals("ErrorResponse", root.getLocalName());
    assertEquals(SQS_NS, root.getNamespaceURI());
    assertEquals(List.of("Error", "RequestId"), RawHttp.Answer.childNames(root));
    Element error = (Element) root.getElementsByTagNameNS("*", "Error").item(0);
    assertEquals(List.of("Type", "Code", "Message"), RawHttp.Answer.childNames(error).subList(0, 3));
    assertEquals("AWS.SimpleQueueService.NonExistentQueue", a.xmlErrorCode());
    assertEquals("Sender", a.xmlText("Type"));
    assertEquals(a.header("x-amzn-RequestId"), a.xmlText("RequestId"));
  }

  @Test
  void everyAnswerCarriesAFreshRequestId() {
    Answer first = RawHttp.postForm(root(), "Action=LaunchRocket");
    Answer second = RawHttp.postForm(root(), "Action=LaunchRocket");

    assertNotNull(first.header("x-amzn-RequestId"));
    assertFalse(first.header("x-amzn-RequestId").equals(second.header("x-amzn-RequestId")));
  }

  static void assertJsonError(Answer a, String code) throws Exception {
    JsonNode body = JSON.readTree(a.body());
    String type = body.get("__type").asText();
    assertEquals(code, type.substring(type.indexOf('#') + 1), a.body());
    assertEquals(code, a.header("x-amzn-ErrorType"));
    assertTrue(a.header("content-type").startsWith("application/x-amz-json-1.0"), a.header("content-type"));
  }

  static void assertQueryError(Answer a, String code, String type) {
    assertEquals("text/xml", a.header("content-type"), a.body());
    assertEquals("ErrorResponse", a.xml().getDocumentElement().getLocalName());
    assertEquals(code, a.xmlErrorCode(), a.body());
    assertEquals(type, a.xmlText("Type"));
    assertEquals(a.header("x-amzn-RequestId"), a.xmlText("RequestId"));
  }
}
