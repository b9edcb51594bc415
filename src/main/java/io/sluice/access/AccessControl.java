package io.sluice.access;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that decides whether a principal may act on a resource, for every service.
 *
 * <p>A resource belongs to the account in its ARN or URL. Its own account may do anything its
 * policy does not explicitly deny; another account (or a service acting for one) only what the
 * policy allows and does not deny. Actions AWS reserves to the owner ("cross-account permissions
 * don't apply") are decided by {@link #owns} alone. An unchecked principal may do anything.
 * Identity policies, permission boundaries and SCPs do not exist in Sluice.
 */
public final class AccessControl {
  private static final int CACHE_LIMIT = 1024;
  private static final ConcurrentHashMap<String, ResourcePolicy> PARSED = new ConcurrentHashMap<>();

  private AccessControl() {}

  /** Whether {@code who} may perform an owner-only action on a resource of {@code resourceAccount}. */
  public static boolean owns(Principal who, String resourceAccount) {
    return !who.checked() || who.account().equals(resourceAccount);
  }

  /**
   * Whether {@code who} may perform {@code action} ({@code service:Action}, e.g. {@code sqs:SendMessage})
   * on {@code resourceArn}, a resource of {@code resourceAccount} whose policy document is
   * {@code policy} (null if it has none).
   */
  public static boolean permits(Principal who, String action, String resourceArn, String resourceAccount,
                                String policy) {
    if (!who.checked()) {
      return true;
    }
    boolean own = who.account().equals(resourceAccount);
    if (own && (policy == null || !policy.toLowerCase(Locale.ROOT).contains("deny"))) {
      return true;
    }
    ResourcePolicy.Decision decision = policyOf(policy).evaluate(who, action, resourceArn);
    return decision == ResourcePolicy.Decision.ALLOW || own && decision == ResourcePolicy.Decision.NONE;
  }

  private static ResourcePolicy policyOf(String document) {
    if (document == null) {
      return ResourcePolicy.parse(null);
    }
    ResourcePolicy cached = PARSED.get(document);
    if (cached != null) {
      return cached;
    }
    if (PARSED.size() >= CACHE_LIMIT) {
      PARSED.clear();
    }
    ResourcePolicy parsed = ResourcePolicy.parse(document);
    PARSED.put(document, parsed);
    return parsed;
  }
}
