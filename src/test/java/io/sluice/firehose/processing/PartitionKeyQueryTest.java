package io.sluice.firehose.processing;

import static io.sluice.firehose.processing.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jq metadata extraction query, with the developer guide's examples. */
class PartitionKeyQueryTest {

  @Test
  void theGuidesExampleQueryExtractsNestedFieldsAndFormatsEpochSecondsInUtc() {
    PartitionKeyQuery q = PartitionKeyQuery.compile("{customer_id: .customer_id, device: .type.device, "
        + "year: .event_timestamp | strftime(\"%Y\"), month: .event_timestamp | strftime(\"%m\"), "
        + "day: .event_timestamp | strftime(\"%d\"), hour: .event_timestamp | strftime(\"%H\")}");

    Map<String, String> keys = q.keys(json("{\"type\":{\"device\":\"mobile\",\"event\":\"click\"},"
        + "\"customer_id\":\"1234567890\",\"event_timestamp\":1565382027,\"region\":\"sample_region\"}"));

    assertEquals(Map.of("customer_id", "1234567890", "device", "mobile", "year", "2019", "month", "08", "day", "09",
        "hour", "20"), keys);
  }

  @Test
  void numbersAndBooleansBecomeTheirJsonText() {
    assertEquals(Map.of("n", "42", "b", "true"), PartitionKeyQuery.compile("{n: .n, b: .b}")
        .keys(json("{\"n\":42,\"b\":true}")));
  }

  @Test
  void aNullKeyANonObjectResultAndARuntimeErrorAreRefused() {
    PartitionKeyQuery q = PartitionKeyQuery.compile("{id: .id}");
    assertThrows(IllegalArgumentException.class, () -> q.keys(json("{\"other\":1}")));
    assertThrows(IllegalArgumentException.class, () -> PartitionKeyQuery.compile(".id").keys(json("{\"id\":\"x\"}")));
    assertThrows(IllegalArgumentException.class, () -> PartitionKeyQuery.compile("{id: .id.x}").keys(json("{\"id\":3}")));
  }

  @Test
  void anExpressionThatIsNotJqDoesNotCompile() {
    assertThrows(IllegalArgumentException.class, () -> PartitionKeyQuery.compile("{id: .id"));
  }

  @Test
  void strftimeFormatsCsConversions() throws Exception {
    java.time.ZonedDateTime t = java.time.ZonedDateTime.parse("2019-08-09T20:07:03Z");
    assertEquals("2019-08-09 20:07:03 Fri Aug 221 %", Strftime.format(t, "%F %T %a %b %j %%"));
  }
}
