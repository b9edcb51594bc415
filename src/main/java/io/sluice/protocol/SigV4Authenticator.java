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
 */
public final class SigV4Authenticator implements Authenticator {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private final SluiceConfig config;
  private final SigV4Verifier verifier;

  public SigV4Authenticator(SluiceConfig config, SigV4Verifier verifier) {
    this.config = config;
    this.verifier = verifier;
  }

  @Override
  public Caller authenticate(HttpRequestView request, Map<String, String> queryParams, ServiceDefinition service) {
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
      return new Caller("", config.account(), config.region());
    }
    String account = ACCOUNT_ID.matcher(scope.accessKeyId()).matches() ? scope.accessKeyId() : config.account();
    return new Caller(scope.accessKeyId(), account, scope.region());
  }
}
