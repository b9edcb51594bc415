package io.sluice.sns.delivery;

/**
 * A delivery attempt that failed. {@code retryable} is false for client-side errors that a retry
 * cannot fix (the queue does not exist, the endpoint refuses the message for good): those go to
 * the subscription's dead-letter queue at once, as AWS does (see "Amazon SNS dead-letter queues").
 */
public final class DeliveryFailure extends RuntimeException {
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
