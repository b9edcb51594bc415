package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bodies larger than {@code max-request-bytes} are refused with an AWS error, and the node carries on. */
class RequestSizeLimitTest {
  private static final int LIMIT = 65_536;
  private static TestSluice node;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, InstantSource.system(),
        Map.of("SLUICE_MAX_REQUEST_BYTES", Integer.toString(LIMIT)));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void queryBodyOverTheLimitIs413WithAnXmlError() {
    // Given a form body one byte over the limit
    String prefix = "Action=SendMessage&QueueUrl=x&MessageBody=";
    String form = prefix + "a".repeat(LIMIT + 1 - prefix.length());

    // When it is posted
    Answer a = RawHttp.postForm(node.endpoint(), form);

    // Then it is refused as too large, in the query protocol
    assertEquals(413, a.status());
    assertEquals("InvalidParameterValue", a.xmlErrorCode());
    assertEquals(a.header("x-amzn-RequestId"), a.xmlText("RequestId"));
  }

  @Test
  void jsonBodyOverTheLimitIs413WithAJsonError() throws Exception {
    String json = "{\"QueueUrl\":\"x\",\"MessageBody\":\"" + "a".repeat(LIMIT) + "\"}";

    Answer a = RawHttp.postJson(node.endpoint(), "AmazonSQS.SendMessage", json);

    assertEquals(413, a.status());
    assertEquals("InvalidParameterValue", a.header("x-amzn-ErrorType"));
  }

  @Test
  void bodyAtTheLimitIsServedAndTheNodeCarriesOnAfterARefusal() {
    // Given a refused oversized request
    RawHttp.postForm(node.endpoint(), "Action=CreateQueue&QueueName=" + "q".repeat(LIMIT));
    String name = TestSluice.uniqueName("limit");
    String form = "Action=CreateQueue&QueueName=" + name + "&Version=2012-11-05&Pad=";

    // When a request of exactly the limit follows
    Answer a = RawHttp.postForm(node.endpoint(), form + "p".repeat(LIMIT - form.length()));

    // Then it is served
    assertEquals(200, a.status(), a.body());
  }
}
