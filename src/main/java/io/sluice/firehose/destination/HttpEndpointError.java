package io.sluice.firehose.destination;

import io.sluice.firehose.delivery.DeliveryFailure;

/**
 * The errors Firehose reports for an HTTP endpoint destination, named as its error output and
 * CloudWatch logs name them ({@code HttpEndpoint.<name>}) with AWS's messages (developer guide,
 * "Monitoring with CloudWatch Logs", HTTP endpoint data delivery errors, and "Troubleshooting HTTP
 * Endpoints").
 */
public enum HttpEndpointError {
  RequestTimeout("The delivery timed out before a response was received and will be retried."),
  ResponseTooLarge("The response received from the endpoint is too large. Contact the owner of the endpoint to "
      + "resolve this issue."),
  InvalidResponseFromDestination("The response received from the specified endpoint is invalid. Contact the owner "
      + "of the endpoint to resolve the issue."),
  DestinationException("The following response was received from the endpoint destination."),
  ConnectionFailed("Unable to connect to the destination endpoint. Contact the owner of the endpoint to resolve "
      + "this issue."),
  ConnectionReset("Unable to maintain connection with the endpoint. Contact the owner of the endpoint to resolve "
      + "this issue."),
  SSLHandshakeFailure("An SSL handshake could not be completed with the endpoint.");

  private final String message;

  HttpEndpointError(String message) {
    this.message = message;
  }

  /** The error code as in the error output: {@code HttpEndpoint.<name>}. */
  public String code() {
    return "HttpEndpoint." + name();
  }

  /** AWS's message for this error, then {@code detail} if not empty. */
  public String message(String detail) {
    return detail == null || detail.isEmpty() ? message : message + " " + detail;
  }

  /** A failure with this code, retryable unless {@code permanent}. */
  public DeliveryFailure failure(boolean permanent, String detail) {
    return new DeliveryFailure(!permanent, code(), message(detail));
  }

  /** The error for a request that got no response. */
  static HttpEndpointError of(EndpointClient.Kind kind) {
    return switch (kind) {
      case TIMEOUT -> RequestTimeout;
      case CONNECT -> ConnectionFailed;
      case RESET -> ConnectionReset;
      case SSL -> SSLHandshakeFailure;
      case TOO_LARGE -> ResponseTooLarge;
    };
  }
}
