package io.sluice.protocol;

import io.sluice.config.SluiceConfig;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Establishes the caller of a request from its SigV4 credential.
 *
 * <p>With credentials configured every request must carry a valid signature by one of them (see
 * {@link SigV4Verifier}); the caller's account is the credential's. Without, signatures are not
 * checked: an unsigned request, or one with any well-formed credential, is accepted; the account is
 * the access key id when that is a 12-digit number, else the default account, and the region is the
 * credential scope's, else the default region.
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

  public SigV4Authenticator(SluiceConfig config, SigV4Verifier verifier) {
    this.config = config;
    this.verifier = verifier;
  }

  @Override
  public Caller authenticate(HttpRequestView request, Map<String, String> queryParams, ServiceDefinition service) {
    Caller link = unsignedLink(request, queryParams, service);
    if (link != null) {
      return link;
    }
    if (config.verifiesSignatures()) {
      return verifier.verify(request, queryParams, service);
    }
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
      return new Caller("", config.account(), config.region());
    }
    String account = ACCOUNT_ID.matcher(scope.accessKeyId()).matches() ? scope.accessKeyId() : config.account();
    return new Caller(scope.accessKeyId(), account, scope.region());
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
