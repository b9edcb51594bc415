package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.Destinations;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import org.junit.jupiter.api.Test;

/** The prefix rules Destinations.check applies at CreateDeliveryStream and UpdateDestination. */
class PrefixRulesAtCreateTest {

  private static Destination destination(String kind, String json) throws Exception {
    return new Destination("destinationId-000000000001", kind, (ObjectNode) JsonCodec.json().readTree(json));
  }

  private static String code(Destination d) {
    return assertThrows(AwsException.class, () -> Destinations.check(d)).error().code();
  }

  @Test
  void errorOutputTypeInPrefixIsRefused() throws Exception {
    assertEquals("InvalidArgumentException", code(destination("ExtendedS3",
        "{\"Prefix\":\"!{firehose:error-output-type}/\",\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}\"}")));
  }

  @Test
  void anErrorPrefixWithExpressionsNeedsTheErrorOutputType() throws Exception {
    assertEquals("InvalidArgumentException", code(destination("S3", "{\"ErrorOutputPrefix\":\"e/!{timestamp:yyyy}/\"}")));
  }

  @Test
  void theS3ConfigurationOfOtherKindsIsCheckedToo() throws Exception {
    assertEquals("InvalidArgumentException", code(destination("HttpEndpoint",
        "{\"S3Configuration\":{\"Prefix\":\"!{nope:x}\",\"ErrorOutputPrefix\":\"e\"}}")));
  }

  @Test
  void redshiftStagesWithoutSnappyZipOrPrefixExpressions() throws Exception {
    String creds = "\"Username\":\"u\",\"Password\":\"p\",";
    assertEquals("InvalidArgumentException", code(destination("Redshift",
        "{" + creds + "\"S3Configuration\":{\"CompressionFormat\":\"Snappy\"}}")));
    assertEquals("InvalidArgumentException", code(destination("Redshift",
        "{" + creds + "\"S3Configuration\":{\"CompressionFormat\":\"ZIP\"}}")));
    assertEquals("InvalidArgumentException", code(destination("Redshift",
        "{" + creds + "\"S3Configuration\":{\"Prefix\":\"p/\",\"ErrorOutputPrefix\":\"e/\"}}")));
    assertDoesNotThrow(() -> Destinations.check(destination("Redshift",
        "{" + creds + "\"S3Configuration\":{\"Prefix\":\"stage/\",\"CompressionFormat\":\"GZIP\"}}")));
  }

  @Test
  void validPrefixesPass() throws Exception {
    assertDoesNotThrow(() -> Destinations.check(destination("ExtendedS3",
        "{\"Prefix\":\"d/!{firehose:random-string}/!{timestamp:yyyy}/\","
            + "\"ErrorOutputPrefix\":\"e/!{firehose:error-output-type}/\"}")));
  }
}
