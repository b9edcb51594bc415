package io.sluice.firehose.processing;

import static io.sluice.firehose.processing.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RecordDeAggregation: JSON and DELIMITED sub-records. */
class RecordDeAggregatorTest {

  private static List<String> split(ProcessingSettings.DeAggregation how, String data) {
    return RecordDeAggregator.split(how, data.getBytes(StandardCharsets.UTF_8)).stream().map(Fixtures::text).toList();
  }

  @Test
  void concatenatedAndNewlineSeparatedJsonSplitIntoItsObjectsByteForByte() {
    ProcessingSettings.DeAggregation json = new ProcessingSettings.DeAggregation(true, new byte[0]);

    assertEquals(List.of("{\"a\":1}", "{ \"a\" : [2, {\"b\":3}] }", "\"s\"", "[1,2]"),
        split(json, "{\"a\":1}{ \"a\" : [2, {\"b\":3}] }\n\"s\"  [1,2]\n"));
  }

  @Test
  void dataThatIsNotJsonIsRefused() {
    ProcessingSettings.DeAggregation json = new ProcessingSettings.DeAggregation(true, new byte[0]);
    assertThrows(IllegalArgumentException.class, () -> split(json, "{\"a\":1} not json"));
  }

  @Test
  void delimitedRecordsSplitOnTheDecodedDelimiterLeavingEmptyPiecesOut() {
    // "####" is IyMjIw== in base64, the developer guide's example.
    ProcessingSettings.DeAggregation delimited = new ProcessingSettings.DeAggregation(false,
        ProcessingSettings.delimiter("IyMjIw=="));

    assertEquals(List.of("a", "b#c", "d"), split(delimited, "a####b#c########d####"));
  }

  @Test
  void aDelimiterThatIsNotBase64IsTakenAsItIs() {
    assertEquals("\n", text(ProcessingSettings.delimiter("\n")));
  }
}
