package io.sluice.firehose.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.model.Destination;

/**
 * A destination's buffering hints: a flush is due {@code intervalMillis} after its first record
 * arrived, or once {@code sizeBytes} are buffered, whichever comes first. From the destination's
 * {@code BufferingHints} (Redshift: its {@code S3Configuration}'s, where Firehose stages the data),
 * with AWS's defaults for the kind (API reference, {@code BufferingHints}: 5 MiB and 300 s; Splunk 60 s).
 */
public record BufferingHints(long intervalMillis, long sizeBytes) {
  private static final long MIB = 1024L * 1024;

  public static BufferingHints of(Destination d) {
    JsonNode hints = d.kind().equals("Redshift") ? d.config().path("S3Configuration").path("BufferingHints")
        : d.config().path("BufferingHints");
    int defaultSeconds = d.kind().equals("Splunk") ? 60 : 300;
    return new BufferingHints(hints.path("IntervalInSeconds").asLong(defaultSeconds) * 1000,
        hints.path("SizeInMBs").asLong(5) * MIB);
  }
}
