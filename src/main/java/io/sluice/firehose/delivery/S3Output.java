package io.sluice.firehose.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.model.DeliveryStreamRecord;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Writes to S3 as Firehose does, for every destination: delivered records (the S3 destinations) and
 * backups of all data, and failed records under the error prefix. {@code s3} is an S3 configuration
 * in the API's shape: the {@code ExtendedS3} destination's own, or the {@code S3Configuration} /
 * {@code S3BackupConfiguration} nested in another destination's. Object keys, compression and names
 * follow the Firehose developer guide ("Amazon S3 object name format", "Custom prefixes").
 */
public interface S3Output {

  /**
   * Writes {@code records} under the configuration's {@code Prefix} (evaluated per record's partition
   * keys and arrival; one object per distinct prefix), compressed as it says, data concatenated as
   * given. Completes when every object is stored, with their {@code s3://bucket/key} URLs in the order
   * written (Redshift's COPY manifest lists them).
   */
  CompletionStage<List<String>> writeRecords(DeliveryStreamRecord stream, ObjectNode s3, List<DeliveryRecord> records, long now);

  /**
   * Writes error-output {@code lines} (one JSON document each, AWS's layout for the failing
   * destination, newline-separated) under the configuration's {@code ErrorOutputPrefix} with
   * {@code !{firehose:error-output-type}} = {@code errorOutputType} (e.g. {@code http-endpoint-failed},
   * {@code processing-failed}), or AWS's default {@code <errorOutputType>/YYYY/MM/DD/HH/}.
   */
  CompletionStage<Void> writeErrors(DeliveryStreamRecord stream, ObjectNode s3, String errorOutputType,
                                    List<byte[]> lines, long now);
}
