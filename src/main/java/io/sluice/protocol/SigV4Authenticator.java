package io.sluice.protocol;

import io.sluice.config.SluiceConfig;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the SigV4 credential of a request. Without configured credentials any well-formed
 * credential, or none, is accepted: the account is the access key id when that is a 12-digit
 * number, else the default account. With credentials configured, see {@link SigV4Verifier}.
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
            "Authorization header requires 'Credential' parameter. Authorization=%s", auth);
      }
      return new Caller("", config.account(), config.region());
    }
    String account = ACCOUNT_ID.matcher(scope.accessKeyId()).matches() ? scope.accessKeyId() : config.account();
    return new Caller(scope.accessKeyId(), account, scope.region());
  }
}
