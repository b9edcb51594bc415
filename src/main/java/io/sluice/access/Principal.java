package io.sluice.access;

import java.util.Locale;
import java.util.Map;

/**
 * Who makes a request, as resource policies see it: an account (its root ARN), or an AWS service
 * acting for a resource of an account (SNS delivering for a topic). An unchecked principal is one
 * whose requests no resource policy limits (Sluice without configured credentials, or a service's
 * own internal call).
 *
 * @param account   the account the request acts in
 * @param arn       the principal's ARN ({@code arn:aws:iam::<account>:root}); null for a service
 * @param service   the service principal ({@code sns.amazonaws.com}); null for an account
 * @param sourceArn the resource a service acts for ({@code aws:SourceArn}); null for an account
 * @param checked   whether resource policies apply to it
 */
public record Principal(String account, String arn, String service, String sourceArn, boolean checked) {

  /** An account's root, whose access to other accounts' resources their policies decide. */
  public static Principal account(String account) {
    return new Principal(account, "arn:aws:iam::" + account + ":root", null, null, true);
  }

  /** An account's root that no policy limits. */
  public static Principal unchecked(String account) {
    return new Principal(account, "arn:aws:iam::" + account + ":root", null, null, false);
  }

  /** A service principal acting for {@code sourceArn}, a resource of {@code account}. */
  public static Principal service(String service, String account, String sourceArn) {
    return new Principal(account, null, service, sourceArn, true);
  }

  /** This principal, exempt from resource policies. */
  public Principal asUnchecked() {
    return new Principal(account, arn, service, sourceArn, false);
  }

  /**
   * The global condition keys the request carries, by lower-case name: {@code aws:SourceArn} and
   * {@code aws:SourceAccount} for a service, {@code aws:PrincipalAccount} and {@code aws:PrincipalArn}
   * for an account.
   */
  Map<String, String> conditionKeys() {
    if (service != null) {
      return sourceArn == null ? Map.of("aws:sourceaccount", account)
          : Map.of("aws:sourcearn", sourceArn, "aws:sourceaccount", account);
    }
    return Map.of("aws:principalaccount", account, "aws:principalarn", arn);
  }

  boolean isService(String name) {
    return service != null && service.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
  }
}
