package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointErrorOutputTest {

  static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void httpEndpointLinesHaveAwsLayout() throws IOException {
    DeliveryFailure cause = HttpEndpointError.DestinationException.failure(false, "500: {}");

    List<byte[]> lines = EndpointErrorOutput.lines("http-endpoint-failed", TestBatches.records("sample raw data"), 5,
        cause, 1594266081318L);

    JsonNode line = JsonCodec.json().readTree(lines.getFirst());
    assertEquals(List.of("attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage", "attemptEndingTimestamp",
        "rawData", "subsequenceNumber", "dataId"), fieldNames(line));
    assertEquals(5, line.path("attemptsMade").asInt());
    assertEquals(1500L, line.path("arrivalTimestamp").asLong());
    assertEquals("HttpEndpoint.DestinationException", line.path("errorCode").asText());
    assertEquals("The following response was received from the endpoint destination. 500: {}",
        line.path("errorMessage").asText());
    assertEquals(1594266081318L, line.path("attemptEndingTimestamp").asLong());
    assertEquals("c2FtcGxlIHJhdyBkYXRh", line.path("rawData").asText());
    assertEquals(0, line.path("subsequenceNumber").asInt());
    assertEquals("r0.0", line.path("dataId").asText());
  }

  @Test
  void splunkLinesHaveAwsLayoutWithEventId() throws IOException {
    List<byte[]> lines = EndpointErrorOutput.lines("splunk-failed", TestBatches.records("a", "b"), 2,
        SplunkError.AckTimeout.failure(""), 9L);

    assertEquals(2, lines.size());
    JsonNode line = JsonCodec.json().readTree(lines.get(1));
    assertEquals(List.of("attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage", "attemptEndingTimestamp",
        "rawData", "EventId"), fieldNames(line));
    assertEquals("Splunk.AckTimeout", line.path("errorCode").asText());
    assertEquals("r1.0", line.path("EventId").asText());
    assertEquals("Yg==", line.path("rawData").asText());
  }
}
