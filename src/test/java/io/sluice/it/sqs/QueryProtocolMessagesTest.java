package io.sluice.it.sqs;

import static io.sluice.it.sqs.SqsTesting.createQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The message actions in the query protocol, as older SDKs and hand-written form posts use it:
 * {@code Action=…&Version=2012-11-05} posted to the endpoint or to the queue URL itself, answered
 * with the XML shapes SQS documents.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class QueryProtocolMessagesTest extends SharedNodeTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private record Reply(int status, Document xml, String raw) {
    String text(String xpath) {
      try {
        XPath x = XPathFactory.newInstance().newXPath();
        return (String) x.evaluate(xpath, xml, XPathConstants.STRING);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    int count(String xpath) {
      try {
        XPath x = XPathFactory.newInstance().newXPath();
        return ((NodeList) x.evaluate(xpath, xml, XPathConstants.NODESET)).getLength();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  private Reply post(String url, Map<String, String> params) throws Exception {
    String form = params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
    return new Reply(r.statusCode(), doc, new String(r.body(), StandardCharsets.UTF_8));
  }

  private String endpoint() {
    return TestSluice.shared(engine).endpoint().toString() + "/";
  }

  private static Map<String, String> params(String action, String... keyValues) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Action", action);
    p.put("Version", "2012-11-05");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void sendAndReceiveAnswerSqsXmlWithAttributes() throws Exception {
    // Given a queue and a message with a string and a binary attribute, sent as a form post
    String url = createQueue(sqs(), "query");
    String body = "a <tag> & \"quote\"\r\nline two";
    Reply sent = post(endpoint(), params("SendMessage", "QueueUrl", url, "MessageBody", body,
        "MessageAttribute.1.Name", "color", "MessageAttribute.1.Value.DataType", "String",
        "MessageAttribute.1.Value.StringValue", "blue",
        "MessageAttribute.2.Name", "raw", "MessageAttribute.2.Value.DataType", "Binary",
        "MessageAttribute.2.Value.BinaryValue", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})));

    // Then the send answers the message id and digests
    assertEquals(200, sent.status(), sent.raw());
    String messageId = sent.text("/SendMessageResponse/SendMessageResult/MessageId");
    assertFalse(messageId.isEmpty());
    assertEquals(32, sent.text("/SendMessageResponse/SendMessageResult/MD5OfMessageBody").length());
    assertEquals(32, sent.text("/SendMessageResponse/SendMessageResult/MD5OfMessageAttributes").length());
    assertFalse(sent.text("/SendMessageResponse/ResponseMetadata/RequestId").isEmpty());

    // When received with all attributes
    Reply got = post(endpoint(), params("ReceiveMessage", "QueueUrl", url, "AttributeName.1", "All",
        "MessageAttributeName.1", "All", "MaxNumberOfMessages", "10"));

    // Then one Message element carries body, handle, digests, system and message attributes
    assertEquals(200, got.status(), got.raw());
    String m = "/ReceiveMessageResponse/ReceiveMessageResult/Message";
    assertEquals(1, got.count(m));
    assertEquals(messageId, got.text(m + "/MessageId"));
    assertEquals(body, got.text(m + "/Body"));
    assertEquals(sent.text("/SendMessageResponse/SendMessageResult/MD5OfMessageBody"), got.text(m + "/MD5OfBody"));
    assertEquals(sent.text("/SendMessageResponse/SendMessageResult/MD5OfMessageAttributes"),
        got.text(m + "/MD5OfMessageAttributes"));
    assertFalse(got.text(m + "/ReceiptHandle").isEmpty());
    assertEquals("1", got.text(m + "/Attribute[Name='ApproximateReceiveCount']/Value"));
    assertEquals("blue", got.text(m + "/MessageAttribute[Name='color']/Value/StringValue"));
    assertEquals("String", got.text(m + "/MessageAttribute[Name='color']/Value/DataType"));
    assertEquals("AQID", got.text(m + "/MessageAttribute[Name='raw']/Value/BinaryValue"));

    // And the handle deletes it, the answer carrying only response metadata
    Reply deleted = post(endpoint(), params("DeleteMessage", "QueueUrl", url, "ReceiptHandle",
        got.text(m + "/ReceiptHandle")));
    assertEquals(200, deleted.status(), deleted.raw());
    assertEquals(1, deleted.count("/DeleteMessageResponse/ResponseMetadata/RequestId"));
  }

  @Test
  void messageAttributeNamesSelectByPrefixInTheQueryProtocol() throws Exception {
    // Given a message with the attributes "order", "orderId" and "customer", sent as a form post
    String url = createQueue(sqs(), "queryprefix");
    Map<String, String> send = params("SendMessage", "QueueUrl", url, "MessageBody", "m");
    String[] names = {"order", "orderId", "customer"};
    for (int i = 0; i < names.length; i++) {
      send.put("MessageAttribute." + (i + 1) + ".Name", names[i]);
      send.put("MessageAttribute." + (i + 1) + ".Value.DataType", "String");
      send.put("MessageAttribute." + (i + 1) + ".Value.StringValue", names[i]);
    }
    assertEquals(200, post(endpoint(), send).status());

    // When it is received asking for "order.*"
    Reply got = post(endpoint(), params("ReceiveMessage", "QueueUrl", url, "MessageAttributeName.1", "order.*"));

    // Then both names starting with "order" come back, and no other
    assertEquals(200, got.status(), got.raw());
    String m = "/ReceiveMessageResponse/ReceiveMessageResult/Message";
    assertEquals(2, got.count(m + "/MessageAttribute"), got.raw());
    assertEquals("order", got.text(m + "/MessageAttribute[Name='order']/Value/StringValue"));
    assertEquals("orderId", got.text(m + "/MessageAttribute[Name='orderId']/Value/StringValue"));
  }

  @Test
  void actionsPostedToTheQueueUrlNeedNoQueueUrlParameter() throws Exception {
    // Given a queue
    String url = createQueue(sqs(), "bypath");

    // When send and receive are posted to the queue URL itself
    Reply sent = post(url, params("SendMessage", "MessageBody", "to the path"));
    Reply got = post(url, params("ReceiveMessage", "VisibilityTimeout", "30"));

    // Then they act on that queue
    assertEquals(200, sent.status(), sent.raw());
    assertEquals("to the path", got.text("/ReceiveMessageResponse/ReceiveMessageResult/Message/Body"));
    Reply empty = post(url, params("ChangeMessageVisibility", "ReceiptHandle",
        got.text("/ReceiveMessageResponse/ReceiveMessageResult/Message/ReceiptHandle"), "VisibilityTimeout", "10"));
    assertEquals(200, empty.status(), empty.raw());
    assertEquals(1, empty.count("/ChangeMessageVisibilityResponse/ResponseMetadata"));
  }

  @Test
  void batchResultsListSuccessfulAndFailedEntries() throws Exception {
    // Given a queue
    String url = createQueue(sqs(), "querybatch");

    // When a batch of one good and one bad entry is posted
    Reply r = post(url, params("SendMessageBatch",
        "SendMessageBatchRequestEntry.1.Id", "good", "SendMessageBatchRequestEntry.1.MessageBody", "fine",
        "SendMessageBatchRequestEntry.1.DelaySeconds", "0",
        "SendMessageBatchRequestEntry.2.Id", "bad", "SendMessageBatchRequestEntry.2.MessageBody", "",
        "SendMessageBatchRequestEntry.2.DelaySeconds", "1000"));

    // Then the result lists a result entry and an error entry
    assertEquals(200, r.status(), r.raw());
    String result = "/SendMessageBatchResponse/SendMessageBatchResult";
    assertEquals("good", r.text(result + "/SendMessageBatchResultEntry/Id"));
    assertFalse(r.text(result + "/SendMessageBatchResultEntry/MessageId").isEmpty());
    assertEquals(32, r.text(result + "/SendMessageBatchResultEntry/MD5OfMessageBody").length());
    assertEquals("bad", r.text(result + "/BatchResultErrorEntry/Id"));
    assertEquals("true", r.text(result + "/BatchResultErrorEntry/SenderFault"));
    assertEquals("MissingParameter", r.text(result + "/BatchResultErrorEntry/Code"));
    assertFalse(r.text(result + "/BatchResultErrorEntry/Message").isEmpty());

    // And a delete batch reports its entries the same way
    Reply got = post(url, params("ReceiveMessage"));
    Reply del = post(url, params("DeleteMessageBatch",
        "DeleteMessageBatchRequestEntry.1.Id", "d1", "DeleteMessageBatchRequestEntry.1.ReceiptHandle",
        got.text("/ReceiveMessageResponse/ReceiveMessageResult/Message/ReceiptHandle"),
        "DeleteMessageBatchRequestEntry.2.Id", "d2", "DeleteMessageBatchRequestEntry.2.ReceiptHandle", "junk"));
    assertEquals("d1", del.text("/DeleteMessageBatchResponse/DeleteMessageBatchResult/DeleteMessageBatchResultEntry/Id"));
    assertEquals("ReceiptHandleIsInvalid",
        del.text("/DeleteMessageBatchResponse/DeleteMessageBatchResult/BatchResultErrorEntry/Code"));
  }

  @Test
  void errorsAnswerAnErrorResponseWithTheQueryCode() throws Exception {
    String url = createQueue(sqs(), "queryerr");

    Reply missing = post(endpoint(), params("SendMessage", "QueueUrl", url + "-gone", "MessageBody", "m"));
    Reply empty = post(url, params("SendMessageBatch"));

    assertEquals(400, missing.status());
    assertEquals("Sender", missing.text("/ErrorResponse/Error/Type"));
    assertEquals("AWS.SimpleQueueService.NonExistentQueue", missing.text("/ErrorResponse/Error/Code"));
    assertFalse(missing.text("/ErrorResponse/RequestId").isEmpty());
    assertEquals(400, empty.status());
    assertEquals("AWS.SimpleQueueService.EmptyBatchRequest", empty.text("/ErrorResponse/Error/Code"));
  }
}
