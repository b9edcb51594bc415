package io.sluice.gateway;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.Caller;
import io.sluice.protocol.HttpReply;
import io.sluice.protocol.HttpRequestView;
import java.util.concurrent.CompletionStage;

/**
 * An API a service serves in REST style, where the method and path name the operation rather than an
 * {@code Action} or {@code X-Amz-Target} (S3's object API, which Firehose's own object store
 * answers). The gateway hands it a whole request when the request's credential scope names its
 * {@link #signingName}, and, of requests without a credential scope, those that name no operation
 * (no {@code X-Amz-Target}, no {@code Action} parameter) and are not {@code POST}s (which are query
 * calls). Paths the gateway serves itself ({@code /health}, {@code /metrics}, {@code /_sluice/…},
 * services' {@link HttpResource}s) come first. The signature is checked before, as for any service,
 * with the signing name's rules.
 */
public interface RestApi {

  /** The service name in the credential scope of requests to this API (e.g. {@code s3}). */
  String signingName();

  /**
   * The reply to {@code request}; a stage failed with an {@link AwsException} is answered by
   * {@link #error}.
   *
   * @param caller  the signer (with credentials configured), else the account the request acts in
   * @param checked whether the caller's account was proven by a signature (credentials configured):
   *                only then are other accounts' resources refused
   */
  CompletionStage<HttpReply> handle(HttpRequestView request, Caller caller, boolean checked, String requestId);

  /** {@code error} (this API's, or the gateway's, e.g. a refused signature) in this API's format. */
  HttpReply error(HttpRequestView request, AwsException error, String requestId);
}
