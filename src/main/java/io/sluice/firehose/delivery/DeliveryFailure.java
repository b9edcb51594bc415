package io.sluice.firehose.delivery;

/**
 * Why an attempt to deliver failed: an error code as Firehose reports it in its error output
 * ({@code errorCode}, e.g. {@code HttpEndpoint.DestinationException}, {@code S3.AccessDenied}) and a
 * message; {@code retryable} false for failures no retry can fix (an HTTP 413, a refused Redshift
 * COPY), which end the retries at once. A destination may extend it to carry more detail for its
 * error output (per-document errors of an OpenSearch {@code _bulk}).
 */
public class DeliveryFailure extends RuntimeException {
  private final boolean retryable;
  private final String errorCode;

  public DeliveryFailure(boolean retryable, String errorCode, String message) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.errorCode = errorCode;
  }

  public boolean retryable() {
    return retryable;
  }

  public String errorCode() {
    return errorCode;
  }
}
