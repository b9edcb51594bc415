package io.sluice.protocol;

import java.util.Map;

/** Establishes who sent a request; throws {@link AwsException} when the request may not proceed. */
public interface Authenticator {

  /**
   * @param request     the request as received
   * @param queryParams its URL (and form) parameters, for presigned credentials
   * @param service     the service the request addresses
   */
  Caller authenticate(HttpRequestView request, Map<String, String> queryParams, ServiceDefinition service);
}
