package io.sluice.firehose.source;

import io.sluice.firehose.FirehoseError;
import io.sluice.protocol.AwsException;

/**
 * The Kinesis data stream a KinesisStreamAsSource delivery stream reads, from its
 * {@code KinesisStreamARN} ({@code arn:<partition>:kinesis:<region>:<account>:stream/<name>}).
 */
public record SourceStream(String arn, String region, String account) {

  /** The stream {@code arn} names; InvalidArgumentException if it names none. */
  public static SourceStream of(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("kinesis")
        || !parts[5].startsWith("stream/") || parts[5].length() == "stream/".length()) {
      throw AwsException.of(FirehoseError.InvalidArgumentException, "%s is not a Kinesis data stream ARN.", arn);
    }
    return new SourceStream(arn, parts[3], parts[4]);
  }
}
