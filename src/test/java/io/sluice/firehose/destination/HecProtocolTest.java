package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HecProtocolTest {

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void endpointTypeChoosesTheCollector() {
    assertEquals("https://splunk:8088/services/collector/raw", HecProtocol.eventsUrl("https://splunk:8088", "Raw"));
    assertEquals("https://splunk:8088/services/collector/event", HecProtocol.eventsUrl("https://splunk:8088/", "Event"));
    assertEquals("https://splunk:8088/services/collector/ack", HecProtocol.ackUrl("https://splunk:8088"));
  }

  @Test
  void bodyIsTheDataConcatenatedWithNothingAdded() {
    assertEquals("{\"event\":1}{\"event\":2}x",
        new String(HecProtocol.body(TestBatches.records("{\"event\":1}", "{\"event\":2}", "x")), StandardCharsets.UTF_8));
  }

  @Test
  void headersCarryTheTokenAndChannel() {
    var headers = HecProtocol.headers("tok", "chan", "application/json");

    assertEquals("Splunk tok", headers.get("Authorization"));
    assertEquals("chan", headers.get("X-Splunk-Request-Channel"));
  }

  @Test
  void successWithAckIdIsSent() {
    HecProtocol.Sent sent = HecProtocol.sent(200, bytes("{\"text\":\"Success\",\"code\":0,\"ackId\":7}"));

    assertEquals(7L, sent.ackId());
    assertNull(sent.failure());
  }

  @Test
  void successWithoutAckIdMeansAcknowledgementIsDisabled() {
    assertEquals("Splunk.DisabledAck", HecProtocol.sent(200, bytes("{\"text\":\"Success\",\"code\":0}")).failure().errorCode());
  }

  @Test
  void hecErrorCodesMapToFirehoseErrors() {
    assertEquals("Splunk.InvalidToken", HecProtocol.sent(403, bytes("{\"text\":\"Invalid token\",\"code\":4}")).failure().errorCode());
    assertEquals("Splunk.DisabledToken", HecProtocol.sent(403, bytes("{\"text\":\"Token disabled\",\"code\":1}")).failure().errorCode());
    assertEquals("Splunk.InvalidDataFormat", HecProtocol.sent(400, bytes("{\"text\":\"Invalid data format\",\"code\":6}")).failure().errorCode());
    assertEquals("Splunk.InvalidIndex", HecProtocol.sent(400, bytes("{\"text\":\"Incorrect index\",\"code\":7}")).failure().errorCode());
    assertEquals("Splunk.ServerError", HecProtocol.sent(503, bytes("{\"text\":\"Server is busy\",\"code\":9}")).failure().errorCode());
    assertEquals("Splunk.ServerError", HecProtocol.sent(502, bytes("<html>bad gateway</html>")).failure().errorCode());
    assertTrue(HecProtocol.sent(502, bytes("")).failure().retryable());
  }

  @Test
  void ackAnswerSaysWhetherTheAckIdIsIndexed() {
    assertTrue(HecProtocol.acked(7, 200, bytes("{\"acks\":{\"7\":true}}")).indexed());
    assertFalse(HecProtocol.acked(7, 200, bytes("{\"acks\":{\"7\":false}}")).indexed());
    assertFalse(HecProtocol.acked(7, 200, bytes("{\"acks\":{}}")).indexed());
    assertEquals("Splunk.DisabledAck",
        HecProtocol.acked(7, 400, bytes("{\"text\":\"ACK is disabled\",\"code\":14}")).failure().errorCode());
    assertEquals("Splunk.ProxyWithoutStickySessions",
        HecProtocol.acked(7, 400, bytes("{\"text\":\"Invalid data channel\",\"code\":11}")).failure().errorCode());
  }
}
