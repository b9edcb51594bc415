package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Object keys as the developer guide's "Custom prefixes" and "S3 object name format" pages describe them. */
class ObjectKeysTest {
  /** 10:30:15 UTC on Aug 27, 2018, the guide's example instant. */
  private static final long AUG_27 = Instant.parse("2018-08-27T10:30:15Z").toEpochMilli();

  private final AtomicLong counter = new AtomicLong();
  private final ObjectKeys keys = new ObjectKeys(() -> new UUID(0x046b6c7f0b2a4e1cL + counter.incrementAndGet() * 0x100000000L,
      0x8000000000000000L + counter.get()));

  private static ObjectNode s3(String json) {
    try {
      return (ObjectNode) JsonCodec.json().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void withoutPrefixTheDefaultIsTheUtcHourOfTheOldestRecord() {
    assertEquals("2018/08/27/10/", keys.prefix(s3("{}"), Map.of(), AUG_27));
  }

  @Test
  void aPrefixWithoutTimestampGetsTheHourAppendedAsIs() {
    assertEquals("myFirehosePrefix2018/08/27/10/", keys.prefix(s3("{\"Prefix\":\"myFirehosePrefix\"}"), Map.of(), AUG_27));
    assertEquals("logs/2018/08/27/10/", keys.prefix(s3("{\"Prefix\":\"logs/\"}"), Map.of(), AUG_27));
  }

  @Test
  void timestampExpressionsEvaluateToOneInstantWithQuotedLiterals() {
    ObjectNode c = s3("{\"Prefix\":\"myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
        + "hour=!{timestamp:HH}/\",\"ErrorOutputPrefix\":\"myErrorPrefix/!{timestamp:'year='yyyy'/month='MM'/day='dd"
        + "'/hour='HH}/!{firehose:error-output-type}\"}");
    long july6 = Instant.parse("2018-07-06T23:10:00Z").toEpochMilli();
    assertEquals("myPrefix/year=2018/month=07/day=06/hour=23/", keys.prefix(c, Map.of(), july6));
    assertEquals("myErrorPrefix/year=2018/month=07/day=06/hour=23/processing-failed",
        keys.errorPrefix(c, "processing-failed", july6));
  }

  @Test
  void customTimeZoneMovesPrefixAndName() {
    ObjectNode c = s3("{\"CustomTimeZone\":\"Asia/Tokyo\"}");
    assertEquals("2018/08/27/19/", keys.prefix(c, Map.of(), AUG_27));
    assertTrue(keys.objectName(c, "logs", 1, AUG_27, Compression.UNCOMPRESSED).startsWith("logs-1-2018-08-27-19-30-15-"));
  }

  @Test
  void everyRandomStringIsNewAndElevenCharactersLong() {
    ObjectNode c = s3("{\"Prefix\":\"!{firehose:random-string}/!{firehose:random-string}/!{timestamp:yyyy}/\","
        + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}/\"}");
    String[] parts = keys.prefix(c, Map.of(), AUG_27).split("/");
    assertEquals(11, parts[0].length());
    assertEquals(11, parts[1].length());
    assertNotEquals(parts[0], parts[1]);
    assertEquals("2018", parts[2]);
  }

  @Test
  void partitionKeysFillTheirExpressionsAndNoHourIsAppendedWithDynamicPartitioning() {
    ObjectNode c = s3("{\"Prefix\":\"customer=!{partitionKeyFromQuery:customer}/device=!{partitionKeyFromLambda:device}/\","
        + "\"ErrorOutputPrefix\":\"errors/!{firehose:error-output-type}/\","
        + "\"DynamicPartitioningConfiguration\":{\"Enabled\":true}}");
    Map<String, String> partition = Map.of("partitionKeyFromQuery:customer", "c1", "partitionKeyFromLambda:device", "d9");
    assertEquals("customer=c1/device=d9/", keys.prefix(c, partition, AUG_27));
    assertThrows(ObjectKeys.MissingPartitionKey.class,
        () -> keys.prefix(c, Map.of("partitionKeyFromQuery:customer", "c1"), AUG_27));
  }

  @Test
  void withoutErrorOutputPrefixFailedRecordsGoUnderTheirTypeAndHour() {
    assertEquals("http-endpoint-failed/2018/08/27/10/", keys.errorPrefix(s3("{}"), "http-endpoint-failed", AUG_27));
    assertEquals("logs/processing-failed/2018/08/27/10/",
        keys.errorPrefix(s3("{\"Prefix\":\"logs/\"}"), "processing-failed", AUG_27));
    // An error prefix gets no hour appended (the guide's first example).
    assertEquals("myFirehoseFailures/processing-failed/", keys.errorPrefix(
        s3("{\"ErrorOutputPrefix\":\"myFirehoseFailures/!{firehose:error-output-type}/\"}"), "processing-failed", AUG_27));
  }

  @Test
  void objectNameHasStreamVersionTimeUuidAndExtension() {
    String name = keys.objectName(s3("{}"), "logs", 3, AUG_27, Compression.GZIP);
    assertTrue(name.matches("logs-3-2018-08-27-10-30-15-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.gz"),
        name);
    String custom = keys.objectName(s3("{\"FileExtension\":\".json.gz\"}"), "logs", 3, AUG_27, Compression.GZIP);
    // FileExtension replaces the compression's extension.
    assertTrue(custom.matches("logs-3-2018-08-27-10-30-15-[-0-9a-f]{36}\\.json\\.gz"), custom);
    assertTrue(keys.objectName(s3("{}"), "logs", 1, AUG_27, Compression.UNCOMPRESSED).matches("logs-1-[-0-9]{19}-[-0-9a-f]{36}"));
  }

  @Test
  void prefixesThatBreakTheSemanticRulesAreProblems() {
    assertNull(ObjectKeys.problem(s3("{\"Prefix\":\"a/!{timestamp:yyyy}/\",\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}\"}")));
    assertNull(ObjectKeys.problem(s3("{\"Prefix\":\"plain/\"}")));
    assertTrue(ObjectKeys.problem(s3("{\"Prefix\":\"!{firehose:error-output-type}/\",\"ErrorOutputPrefix\":"
        + "\"e/!{firehose:error-output-type}\"}")).contains("error-output-type"));
    assertTrue(ObjectKeys.problem(s3("{\"Prefix\":\"!{timestamp:yyyy}/\"}")).startsWith("ErrorOutputPrefix cannot be null"));
    assertTrue(ObjectKeys.problem(s3("{\"ErrorOutputPrefix\":\"e/!{timestamp:yyyy}/\"}")).contains("at least one"));
    assertTrue(ObjectKeys.problem(s3("{\"Prefix\":\"!{other:x}/\",\"ErrorOutputPrefix\":\"e\"}")).contains("namespace"));
    assertTrue(ObjectKeys.problem(s3("{\"Prefix\":\"a!{b\",\"ErrorOutputPrefix\":\"e\"}")).contains("!{"));
    assertTrue(ObjectKeys.problem(s3("{\"Prefix\":\"!{firehose:nope}\",\"ErrorOutputPrefix\":\"e\"}")).contains("nope"));
    assertTrue(ObjectKeys.problem(s3("{\"Prefix\":\"!{timestamp:yyyy{}\",\"ErrorOutputPrefix\":\"e\"}")).contains("DateTimeFormatter"));
    assertTrue(ObjectKeys.problem(s3("{\"CustomTimeZone\":\"Mars/Olympus\"}")).contains("Mars/Olympus"));
  }

  @Test
  void anEvaluatedPrefixLongerThan512CharactersFails() {
    ObjectNode c = s3("{\"Prefix\":\"" + "p".repeat(500) + "/\"}");
    assertThrows(IllegalArgumentException.class, () -> keys.prefix(c, Map.of(), AUG_27));
  }
}
