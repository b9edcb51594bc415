package io.sluice.protocol;

import io.sluice.access.Principal;

/**
 * Who called, where, and how: everything an operation may need about the request apart from its
 * parameters. Protocol-neutral; built by the gateway after the signature check.
 *
 * @param requestId    the id echoed as {@code RequestId} / {@code x-amzn-RequestId}
 * @param service      the service name, e.g. {@code sqs}
 * @param action       the AWS action, e.g. {@code SendMessage}
 * @param protocol     the wire protocol of the request
 * @param region       region from the credential scope, else the configured default
 * @param account      the account the request acts in
 * @param accessKeyId  the caller's access key id (reported as SQS {@code SenderId}); may be empty
 * @param host         the {@code Host} the client called (or the configured public endpoint)
 * @param scheme       {@code http} or {@code https} as the client sees it
 * @param path         the request path, e.g. {@code /000000000000/orders} for SQS calls posted to a queue URL
 * @param principal    who acts, as resource policies see it (acting in {@code account})
 */
public record RequestContext(
    String requestId,
    String service,
    String action,
    WireProtocol protocol,
    String region,
    String account,
    String accessKeyId,
    String host,
    String scheme,
    String path,
    Principal principal) {

  /** A context whose principal is {@code account}'s root, exempt from resource policies. */
  public RequestContext(String requestId, String service, String action, WireProtocol protocol, String region,
                        String account, String accessKeyId, String host, String scheme, String path) {
    this(requestId, service, action, protocol, region, account, accessKeyId, host, scheme, path,
        Principal.unchecked(account));
  }

  /** {@code scheme://host}, the base of URLs handed back to the caller. */
  public String baseUrl() {
    return scheme + "://" + host;
  }
}
