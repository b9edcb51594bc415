package io.sluice.protocol;

/**
 * An AWS error as the wire shows it. Enums per service implement this; their constant names are
 * the AWS error codes, so searching for a code from the AWS documentation finds its definition.
 */
public interface AwsErrorCode {

  /** The error code (the JSON {@code __type} suffix, and the query {@code <Code>} by default). */
  String code();

  /** HTTP status AWS answers with. */
  int httpStatus();

  /** True for client faults ({@code Sender}), false for server faults ({@code Receiver}). */
  boolean senderFault();

  /**
   * The code used by the query protocol and, for JSON services that are query-compatible (SQS),
   * the {@code x-amzn-query-error} header. Often equal to {@link #code()}.
   */
  default String queryCode() {
    return code();
  }

  /** Fully qualified JSON {@code __type}; {@code null} means the service's prefix plus code. */
  default String jsonType() {
    return null;
  }
}
