package io.sluice.firehose.destination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.protocol.JsonCodec;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The error-output documents Firehose writes to S3 for records an HTTP endpoint or Splunk did not
 * take within the retry duration, in the layouts of the developer guide's "Handle data delivery
 * failures" (HTTP endpoint destination and Splunk examples): {@code attemptsMade},
 * {@code arrivalTimestamp}, {@code errorCode}, {@code errorMessage}, {@code attemptEndingTimestamp},
 * {@code rawData} (base64), then {@code subsequenceNumber} and {@code dataId} for an HTTP endpoint,
 * {@code EventId} for Splunk. AWS's ids are the record's sequence number and subsequence
 * ({@code <sequence>.0}); Sluice's are the RecordId and {@code .0}.
 */
public final class EndpointErrorOutput {
  /** The error-output type of an HTTP endpoint's failed records ({@code !{firehose:error-output-type}}). */
  public static final String HTTP_ENDPOINT_FAILED = "http-endpoint-failed";
  /** The error-output type of Splunk's failed records. */
  public static final String SPLUNK_FAILED = "splunk-failed";

  private EndpointErrorOutput() {}

  /** One line per record of {@code failed}, in the layout of {@code errorOutputType}. */
  public static List<byte[]> lines(String errorOutputType, List<DeliveryRecord> failed, int attempts,
                                   DeliveryFailure cause, long endedMillis) {
    List<byte[]> lines = new ArrayList<>(failed.size());
    for (DeliveryRecord r : failed) {
      ObjectNode line = JsonCodec.json().createObjectNode();
      line.put("attemptsMade", attempts);
      line.put("arrivalTimestamp", r.arrivalMillis());
      line.put("errorCode", cause.errorCode());
      line.put("errorMessage", cause.getMessage());
      line.put("attemptEndingTimestamp", endedMillis);
      line.put("rawData", r.data());
      if (errorOutputType.equals(SPLUNK_FAILED)) {
        line.put("EventId", r.recordId() + ".0");
      } else {
        line.put("subsequenceNumber", 0);
        line.put("dataId", r.recordId() + ".0");
      }
      try {
        lines.add(JsonCodec.json().writeValueAsBytes(line));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }
}
