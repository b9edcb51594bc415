package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.RawHttp2;
import io.sluice.testing.StackTraceWatch;
import io.sluice.testing.TestSluice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests malformed on the wire get a 4xx with an AWS error document that parses, and no stack
 * trace in the log: HTTP-level faults, JSON bodies that are not structures or hold nulls, values of
 * the wrong type, broken credential escapes, characters XML forbids echoed in errors.
 */
class MalformedRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestSluice node = TestSluice.shared(Engine.MEMORY);
  private StackTraceWatch log;

  @BeforeEach
  void watchTheLog() {
    log = StackTraceWatch.start();
  }

  @AfterEach
  void noStackTraceWasLogged() {
    log.close();
    assertEquals(List.of(), log.traces());
  }

  private URI root() {
    return node.endpoint();
  }

  private String queueUrl() {
    return node.sqs().createQueue(b -> b.queueName(TestSluice.uniqueName("malformed"))).queueUrl();
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  @Test
  void http11WithoutHostIsBadRequest() throws IOException {
    assertBadRequest(listQueues("POST / HTTP/1.1", ""));
  }

  @Test
  void http2WithoutAuthorityIsBadRequest() throws IOException {
    // :status 200 and 400 are entries 8 and 12 of HPACK's static table (RFC 7541 appendix A), which
    // the node sends as one indexed byte each.
    assertEquals((byte) 0x88, http2Status(":authority", "127.0.0.1"));
    assertEquals((byte) 0x8c, http2Status());
  }

  /** The first byte of the answer's header block to GET /health/live over h2c with {@code extra} fields. */
  private byte http2Status(String... extra) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout(100);
      List<String> fields = new ArrayList<>(List.of(":method", "GET", ":scheme", "http", ":path",
          "/health/live"));
      fields.addAll(List.of(extra));
      socket.getOutputStream().write(RawHttp2.opening());
      socket.getOutputStream().write(RawHttp2.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS | RawHttp2.END_STREAM, 1,
          RawHttp2.headerBlock(fields.toArray(String[]::new))));
      return RawHttp2.awaitFrame(socket.getInputStream(), RawHttp2.HEADERS, 1)[0];
    }
  }

  @Test
  void oddHostValuesAreBadRequest() throws IOException {
    for (String host : List.of("[::zz", "a b:99999", "x:abc", "h:-1")) {
      assertBadRequest(listQueues("POST / HTTP/1.1", "Host: " + host + "\r\n"));
    }
  }

  @Test
  void anEmptyHostNamesTheNodeInQueueUrls() throws IOException {
    String url = queueUrl();
    String name = url.substring(url.lastIndexOf('/') + 1);
    String form = "Action=GetQueueUrl&QueueName=" + name;
    RawAnswer a = raw("POST / HTTP/1.1\r\nHost: \r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + form.length() + "\r\nConnection: close\r\n\r\n" + form);
    assertEquals(200, a.status(), a.text());
    assertEquals("http://localhost:" + node.port() + "/000000000000/" + name, a.answer().xmlText("QueueUrl"));
  }

  @Test
  void optionsAsteriskAndConnectAreRefused() throws IOException {
    RawAnswer options = raw("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    RawAnswer connect = raw("CONNECT localhost:80 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    RawAnswer getStar = raw("GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertEquals(400, options.status(), options.text());
    assertEquals("InvalidParameterValue", options.answer().xmlErrorCode());
    assertEquals(405, connect.status(), connect.text());
    assertEquals("InvalidAction", connect.answer().xmlErrorCode());
    assertEquals(400, getStar.status(), getStar.text());
  }

  @Test
  void aPathWithABrokenPercentEscapeIsBadRequest() throws IOException {
    assertBadRequest(listQueues("POST /%zz HTTP/1.1", "Host: x\r\n"));
  }

  // ---- JSON bodies ---------------------------------------------------------------------------

  @Test
  void aJsonBodyThatIsNotAStructureIsSerializationException() {
    for (String body : List.of("null", "[]", "[{}]", "5", "\"x\"", "true")) {
      Answer a = RawHttp.postJson(root(), "AmazonSQS.CreateQueue", body);
      assertJsonError(a, "SerializationException");
    }
  }

  @Test
  void nullListMembersAndMapValuesAreSerializationException() {
    String url = queueUrl();
    List<String> bodies = List.of(
        "{\"QueueUrl\":\"" + url + "\",\"AttributeNames\":[null]}",
        "{\"QueueUrl\":\"" + url + "\",\"MessageAttributeNames\":[null]}",
        "{\"QueueName\":\"n\",\"Attributes\":{\"DelaySeconds\":null}}",
        "{\"QueueUrl\":\"" + url + "\",\"Entries\":[null]}");
    List<String> targets = List.of("GetQueueAttributes", "ReceiveMessage", "CreateQueue", "SendMessageBatch");
    for (int i = 0; i < bodies.size(); i++) {
      Answer a = RawHttp.postJson(root(), "AmazonSQS." + targets.get(i), bodies.get(i));
      assertJsonError(a, "SerializationException");
    }
  }

  @Test
  void aValueOfTheWrongTypeIsNamedWithoutJavaTypes() {
    Answer a = RawHttp.postJson(root(), "AmazonSQS.ReceiveMessage",
        "{\"QueueUrl\":\"" + queueUrl() + "\",\"MaxNumberOfMessages\":\"abc\"}");
    JsonNode error = assertJsonError(a, "SerializationException");
    assertEquals("Value 'abc' for parameter MaxNumberOfMessages is invalid. Reason: must be an integer.",
        error.path("message").asText());
  }

  // ---- signatures ----------------------------------------------------------------------------

  @Test
  void aCredentialWithABadPercentEscapeIsIncompleteSignature() {
    Answer header = RawHttp.post(root(), Map.of("Content-Type", "application/x-www-form-urlencoded",
        "Authorization", "AWS4-HMAC-SHA256 Credential=%zz/20240101/us-east-1/sqs/aws4_request,"
            + " SignedHeaders=host, Signature=abc"), "Action=ListQueues");
    Answer presigned = RawHttp.get(root().resolve("/?Action=ListQueues&X-Amz-Credential=%25zz%2F20240101"
        + "&X-Amz-Signature=ab"), Map.of());

    assertEquals(400, header.status(), header.body());
    assertEquals("IncompleteSignature", header.xmlErrorCode());
    assertEquals(400, presigned.status(), presigned.body());
    assertEquals("IncompleteSignature", presigned.xmlErrorCode());
  }

  // ---- XML -----------------------------------------------------------------------------------

  @Test
  void anErrorEchoingCharactersXmlForbidsIsWellFormed() {
    Answer a = RawHttp.postForm(root(), "Action=DeleteMessage&QueueUrl=" + queueUrl() + "&ReceiptHandle=%01%00x%EF%BF%BE");

    assertEquals(400, a.status(), a.body());
    assertEquals("ReceiptHandleIsInvalid", a.xmlErrorCode());
    assertTrue(a.xmlText("Message").contains("\ufffd\ufffdx\ufffd"), a.xmlText("Message"));
  }

  @Test
  void anEmptySandboxPhoneNumberIsInvalidParameter() {
    Answer a = RawHttp.postForm(root(), "Action=DeleteSMSSandboxPhoneNumber&Version=2010-03-31&PhoneNumber=");
    assertEquals(400, a.status(), a.body());
    assertEquals("InvalidParameter", a.xmlErrorCode());
  }

  private static JsonNode assertJsonError(Answer a, String type) {
    assertEquals(400, a.status(), a.body());
    JsonNode error;
    try {
      error = JSON.readTree(a.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + a.body(), e);
    }
    assertTrue(error.path("__type").asText().endsWith("#" + type), a.body());
    assertFalse(error.path("message").asText().contains("java."), a.body());
    return error;
  }

  /** A ListQueues form post with {@code requestLine} and {@code hostHeader} (empty, or a line with its CRLF). */
  private RawAnswer listQueues(String requestLine, String hostHeader) throws IOException {
    return raw(requestLine + "\r\n" + hostHeader + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: 17\r\nConnection: close\r\n\r\nAction=ListQueues");
  }

  private static void assertBadRequest(RawAnswer a) {
    assertEquals(400, a.status(), a.text());
    assertEquals("InvalidParameterValue", a.answer().xmlErrorCode());
  }

  private record RawAnswer(int status, String text, String body) {
    Answer answer() {
      return new Answer(status, Map.of(), body);
    }
  }

  /** Sends {@code request} as it is on a socket of its own and reads the answer to the end. */
  private RawAnswer raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", node.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      String text = out.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4));
      int split = text.indexOf("\r\n\r\n");
      return new RawAnswer(status, text, split < 0 ? "" : text.substring(split + 4));
    }
  }
}
