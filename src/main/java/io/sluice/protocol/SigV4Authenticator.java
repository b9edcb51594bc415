package io.sluice.protocol;

import io.sluice.config.SluiceConfig;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Establishes the caller of a request from its SigV4 credential.
 *
 * <p>With credentials configured every request must carry a valid signature by one of them (see
 * {@link SigV4Verifier}); the caller's account is the credential's. Without, signatures are not
 * checked: an unsigned request, or one with any well-formed credential, is accepted; the account is
 * the access key id when that is a 12-digit number, else the default account, and the region is the
 * credential scope's, else the default region; a request made with a temporary key (one carrying a
 * session token) acts in the account the key was issued for.
 *
 * <p>Either way, an unsigned call of one of the service's {@link ServiceDefinition#unsignedActions}
 * is accepted (such as the links SNS sends to endpoints and mailboxes). Such a caller has no access
 * key and acts in the account and region of the ARN the call names.
 */
public final class SigV4Authenticator implements Authenticator {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern ARN = Pattern.compile("arn:[^:]+:[^:]+:([a-z0-9-]+):(\\d{12}):.+");
  private final SluiceConfig config;
  private final SigV4Verifier verifier;
  private final CredentialSource temporaryKeys;

  /** An authenticator that knows only the configured keys. */
  public SigV4Authenticator(SluiceConfig config, SigV4Verifier verifier) {
    this(config, verifier, CredentialSource.NONE);
  }

  /**
   * @param verifier      checks signatures (with every key, configured or temporary)
   * @param temporaryKeys the temporary keys, through which an unchecked request made with one acts
   *                      in its account
   */
  public SigV4Authenticator(SluiceConfig config, SigV4Verifier verifier, CredentialSource temporaryKeys) {
    this.config = config;
    this.verifier = verifier;
    this.temporaryKeys = temporaryKeys;
  }

  @Override
  public CompletionStage<Caller> authenticate(HttpRequestView request, Map<String, String> queryParams,
                                              ServiceDefinition service) {
    Caller link = unsignedLink(request, queryParams, service);
    if (link != null) {
      return CompletableFuture.completedFuture(link);
    }
    if (config.verifiesSignatures()) {
      return verifier.verify(request, service.signingName());
    }
    try {
      return unchecked(request, queryParams);
    } catch (AwsException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Caller> authenticateNodeRequest(HttpRequestView request) {
    return config.verifiesSignatures() ? verifier.verify(request, null) : CompletableFuture.completedFuture(null);
  }

  private CompletionStage<Caller> unchecked(HttpRequestView request, Map<String, String> queryParams) {
    String auth = request.header("authorization");
    CredentialScope scope = CredentialScope.of(request, queryParams);
    if (scope == null) {
      if (auth != null && auth.startsWith("AWS4-HMAC-SHA256")) {
        throw AwsException.of(CommonError.IncompleteSignature,
            "Authorization header requires a 'Credential' parameter of the form"
                + " keyid/date/region/service/aws4_request.");
      }
      if (auth == null && queryParams.containsKey("X-Amz-Credential")) {
        throw AwsException.of(CommonError.IncompleteSignature,
            "X-Amz-Credential must have the form keyid/date/region/service/aws4_request.");
      }
      return CompletableFuture.completedFuture(new Caller("", config.account(), config.region()));
    }
    String account = ACCOUNT_ID.matcher(scope.accessKeyId()).matches() ? scope.accessKeyId() : config.account();
    Caller caller = new Caller(scope.accessKeyId(), account, scope.region());
    if (request.header("x-amz-security-token") == null && !queryParams.containsKey("X-Amz-Security-Token")) {
      return CompletableFuture.completedFuture(caller);
    }
    // Unchecked, a temporary key still acts in the account it was issued for (e.g. by AssumeRole).
    return temporaryKeys.find(scope.accessKeyId()).thenApply(key -> key
        .map(k -> new Caller(k.accessKeyId(), k.account(), scope.region())).orElse(caller));
  }

  /** The caller of an unsigned request that may go unsigned, else null. */
  private Caller unsignedLink(HttpRequestView request, Map<String, String> queryParams, ServiceDefinition service) {
    String action = queryParams.get("Action");
    if (action == null || request.header("authorization") != null || queryParams.containsKey("X-Amz-Signature")
        || queryParams.containsKey("X-Amz-Credential")
        || !service.unsignedActions().actions().contains(action)) {
      return null;
    }
    for (String parameter : service.unsignedActions().arnParameters()) {
      var arn = ARN.matcher(queryParams.getOrDefault(parameter, ""));
      if (arn.matches()) {
        return new Caller("", arn.group(2), arn.group(1));
      }
    }
    return new Caller("", config.account(), config.region());
  }
}
