package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.RecordProcessing.ErrorLine;
import io.sluice.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Error-output documents of processing, in AWS's layout (developer guide, "Handle failure in data
 * transformation"): {@code attemptsMade}, {@code arrivalTimestamp}, {@code errorCode},
 * {@code errorMessage}, {@code attemptEndingTimestamp}, {@code rawData} (base64) and, for a Lambda
 * failure, {@code lambdaArn}; written under the error output types below.
 */
public final class ErrorOutput {
  /** Records the Lambda transformation failed (developer guide: the {@code processing-failed} folder). */
  public static final String PROCESSING_FAILED = "processing-failed";
  /** Records whose partition keys could not be extracted (dynamic partitioning error handling). */
  public static final String PARTITIONING_FAILED = "partitioning-failed";
  /**
   * Records past the active-partition limit (developer guide, "Buffer data for dynamic partitioning":
   * "the rest of the records in the Firehose stream are delivered to the specified S3 error bucket
   * prefix (activePartitionExceeded)").
   */
  public static final String ACTIVE_PARTITION_EXCEEDED = "activePartitionExceeded";

  private ErrorOutput() {}

  /** One failed record's document, under {@code type}; {@code lambdaArn} null when no function was involved. */
  public static ErrorLine line(String type, int attemptsMade, long arrivalMillis, String errorCode, String errorMessage,
                               long attemptEndingMillis, byte[] rawData, String lambdaArn) {
    ObjectNode doc = JsonCodec.json().createObjectNode();
    doc.put("attemptsMade", attemptsMade);
    doc.put("arrivalTimestamp", arrivalMillis);
    doc.put("errorCode", errorCode);
    doc.put("errorMessage", errorMessage);
    doc.put("attemptEndingTimestamp", attemptEndingMillis);
    doc.put("rawData", Base64.getEncoder().encodeToString(rawData));
    if (lambdaArn != null) {
      doc.put("lambdaArn", lambdaArn);
    }
    return new ErrorLine(type, doc.toString().getBytes(StandardCharsets.UTF_8));
  }
}
