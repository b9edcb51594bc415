package io.sluice.protocol;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Establishes who sent a request; the stage fails with an {@link AwsException} when the request may
 * not proceed.
 */
public interface Authenticator {

  /**
   * @param request     the request as received
   * @param queryParams its URL (and form) parameters, for presigned credentials
   * @param service     the service the request addresses
   */
  CompletionStage<Caller> authenticate(HttpRequestView request, Map<String, String> queryParams,
                                       ServiceDefinition service);

  /**
   * The caller of a request to one of the node's own endpoints (admin and helper paths), which must
   * be signed by a known key when signatures are checked (scoped to any service, e.g. {@code sluice});
   * null when they are not checked, for any request.
   */
  CompletionStage<Caller> authenticateNodeRequest(HttpRequestView request);
}
