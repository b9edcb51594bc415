package io.sluice.firehose.destination;

import io.sluice.firehose.delivery.DeliveryFailure;

/**
 * The errors Firehose reports for a Splunk destination ({@code Splunk.<name>}), with AWS's messages
 * (developer guide, "Monitoring with CloudWatch Logs", Splunk data delivery errors). Every one is
 * retried: "Any data delivery error triggers the retry logic if your retry duration is greater than 0"
 * ("Handle data delivery failures", Splunk).
 */
public enum SplunkError {
  ProxyWithoutStickySessions("If you have a proxy (ELB or other) between Firehose and the HEC node, you must enable "
      + "sticky sessions to support HEC ACKs."),
  DisabledToken("The HEC token is disabled. Enable the token to allow data delivery to Splunk."),
  InvalidToken("The HEC token is invalid. Update Firehose with a valid HEC token."),
  InvalidDataFormat("The data is not formatted correctly. To see how to properly format data for Raw or Event HEC "
      + "endpoints, see Splunk Event Data."),
  InvalidIndex("The HEC token or input is configured with an invalid index. Check your index configuration and try "
      + "again."),
  ServerError("Data delivery to Splunk failed due to a server error from the HEC node. Firehose will retry sending "
      + "the data if the retry duration in your Firehose is greater than 0. If all the retries fail, Firehose backs "
      + "up the data to Amazon S3."),
  DisabledAck("Indexer acknowledgement is disabled for the HEC token. Enable indexer acknowledgement and try again."),
  AckTimeout("Did not receive an acknowledgement from HEC before the HEC acknowledgement timeout expired. Despite the "
      + "acknowledgement timeout, it's possible the data was indexed successfully in Splunk. Firehose backs up in "
      + "Amazon S3 data for which the acknowledgement timeout expired."),
  ConnectionTimeout("The connection to Splunk timed out. This might be a transient error and the request will be "
      + "retried. Firehose backs up the data to Amazon S3 if all retries fail."),
  InvalidEndpoint("Could not connect to the HEC endpoint. Make sure that the HEC endpoint URL is valid and reachable "
      + "from Firehose."),
  ConnectionClosed("Unable to send data to Splunk due to a connection failure. This might be a transient error. "
      + "Increasing the retry duration in your Firehose configuration might guard against such transient failures."),
  SSLHandshake("Could not connect to the HEC endpoint. Make sure that the certificate and the host are valid.");

  private final String message;

  SplunkError(String message) {
    this.message = message;
  }

  /** The error code as in the error output: {@code Splunk.<name>}. */
  public String code() {
    return "Splunk." + name();
  }

  /** A (retryable) failure with this code, AWS's message and {@code detail} if not empty. */
  public DeliveryFailure failure(String detail) {
    return new DeliveryFailure(true, code(), detail == null || detail.isEmpty() ? message : message + " " + detail);
  }

  /**
   * The error for a HEC error answer: its {@code code} (Splunk's "Troubleshoot HTTP Event Collector"
   * status codes) or, without one, its HTTP status. Code 11, an unknown channel, is what a HEC node
   * behind a load balancer without sticky sessions answers for another node's channel.
   */
  static SplunkError ofHec(Integer hecCode, int status) {
    if (hecCode == null) {
      return status == 401 || status == 403 ? InvalidToken : ServerError;
    }
    return switch (hecCode) {
      case 1 -> DisabledToken;
      case 2, 3, 4 -> InvalidToken;
      case 5, 6, 12, 13 -> InvalidDataFormat;
      case 7 -> InvalidIndex;
      case 11 -> ProxyWithoutStickySessions;
      case 14 -> DisabledAck;
      default -> ServerError;
    };
  }

  /** The error for a request that got no response. */
  static SplunkError of(EndpointClient.Kind kind) {
    return switch (kind) {
      case TIMEOUT -> ConnectionTimeout;
      case CONNECT -> InvalidEndpoint;
      case RESET -> ConnectionClosed;
      case SSL -> SSLHandshake;
      case TOO_LARGE -> ServerError;
    };
  }
}
