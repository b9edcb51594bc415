package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.sns.model.PlatformApplicationRecord;
import io.sluice.sns.model.PlatformEndpointRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of platform applications and endpoints (see SetPlatformApplicationAttributes and
 * SetEndpointAttributes in the API reference): which names exist, their values, and what Get…Attributes
 * shows. Credentials are stored but never shown.
 */
public final class PlatformAttributes {
  private PlatformAttributes() {}

  private static final Set<String> APPLICATION_NAMES = Set.of("PlatformCredential", "PlatformPrincipal",
      "EventEndpointCreated", "EventEndpointDeleted", "EventEndpointUpdated", "EventDeliveryFailure",
      "SuccessFeedbackRoleArn", "FailureFeedbackRoleArn", "SuccessFeedbackSampleRate", "ApplePlatformTeamID",
      "ApplePlatformBundleID", "Enabled");
  private static final Set<String> SECRETS = Set.of("PlatformCredential", "PlatformPrincipal");
  /** ChannelId and UserId are Baidu's (see "Creating an Amazon SNS endpoint for Baidu"). */
  private static final Set<String> ENDPOINT_NAMES = Set.of("Token", "Enabled", "CustomUserData", "ChannelId", "UserId");
  /** Platforms whose tokens AWS shows in lowercase (the iOS ones, per GetEndpointAttributes). */
  private static final Set<String> APPLE = Set.of("APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX");
  /** CustomUserData must be less than 2 KB of UTF-8. */
  private static final int MAX_USER_DATA_BYTES = 2048;

  /** The attributes of a new application of {@code platform}; InvalidParameter on the first problem. */
  public static Map<String, String> forNewApplication(String platform, Map<String, String> given) {
    Map<String, String> attributes = applicationChanged(Map.of(), given == null ? Map.of() : given);
    if (!attributes.containsKey("PlatformCredential")) {
      throw invalid("Attributes", "PlatformCredential attribute must be specified");
    }
    // FCM (GCM) has no principal; every other service gives SNS one (see CreatePlatformApplication).
    if (!platform.equals("GCM") && !attributes.containsKey("PlatformPrincipal")) {
      throw invalid("Attributes", "PlatformPrincipal attribute must be specified");
    }
    return attributes;
  }

  /** {@code current} with {@code changes} applied; an empty value removes an optional attribute. */
  public static Map<String, String> applicationChanged(Map<String, String> current, Map<String, String> changes) {
    return applied(current, applicationChanges(changes));
  }

  /**
   * {@code changes} of an application's attributes checked and normalized (booleans in lower case,
   * an absent value empty), in their order; an empty value removes the attribute. InvalidParameter
   * on the first problem.
   */
  public static Map<String, String> applicationChanges(Map<String, String> changes) {
    Map<String, String> out = new LinkedHashMap<>();
    changes.forEach((name, raw) -> {
      String value = raw == null ? "" : raw;
      if (!APPLICATION_NAMES.contains(name)) {
        throw invalid("Attributes", "Invalid attribute name: " + name);
      }
      switch (name) {
        case "PlatformCredential", "PlatformPrincipal" -> {
          if (value.isEmpty()) {
            throw invalid("Attributes", name + " must not be empty");
          }
        }
        case "EventEndpointCreated", "EventEndpointDeleted", "EventEndpointUpdated", "EventDeliveryFailure" -> {
          if (!value.isEmpty() && !SnsArns.isTopicArn(value)) {
            throw invalid(name, "not a valid topic ARN");
          }
        }
        case "SuccessFeedbackRoleArn", "FailureFeedbackRoleArn" -> {
          if (!value.isEmpty() && !SnsArns.isRoleArn(value)) {
            throw invalid(name, "not a valid IAM role ARN");
          }
        }
        case "SuccessFeedbackSampleRate" -> {
          if (!value.isEmpty() && !isPercentage(value)) {
            throw invalid(name, "must be an integer from 0 to 100");
          }
        }
        case "Enabled" -> value = bool(name, value);
        default -> { }
      }
      out.put(name, value);
    });
    return out;
  }

  /** {@code current} with checked changes applied: an empty value removes, any other sets. */
  private static Map<String, String> applied(Map<String, String> current, Map<String, String> changes) {
    Map<String, String> out = new LinkedHashMap<>(current);
    changes.forEach((name, value) -> {
      if (value.isEmpty()) {
        out.remove(name);
      } else {
        out.put(name, value);
      }
    });
    return out;
  }

  /** What GetPlatformApplicationAttributes and ListPlatformApplications show. */
  public static Map<String, String> shown(PlatformApplicationRecord app) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Enabled", app.enabled() ? "true" : "false");
    app.attributes().forEach((name, value) -> {
      if (!SECRETS.contains(name) && !name.equals("Enabled")) {
        out.put(name, value);
      }
    });
    String method = authenticationMethod(app);
    if (method != null) {
      out.put("AuthenticationMethod", method);
    }
    return out;
  }

  /**
   * APNS: {@code Token} with token credentials (a team and bundle id are set), else {@code Certificate};
   * GCM: {@code Token} for a service-account JSON credential, else {@code Key}.
   */
  private static String authenticationMethod(PlatformApplicationRecord app) {
    if (app.platform().startsWith("APNS") || app.platform().startsWith("MACOS")) {
      return app.attributes().containsKey("ApplePlatformTeamID") ? "Token" : "Certificate";
    }
    if (app.platform().equals("GCM")) {
      String credential = app.attributes().getOrDefault("PlatformCredential", "");
      return credential.strip().startsWith("{") ? "Token" : "Key";
    }
    return null;
  }

  /** {@code current} endpoint attributes with {@code changes} applied. */
  public static Map<String, String> endpointChanged(Map<String, String> current, Map<String, String> changes) {
    return applied(current, endpointChanges(changes));
  }

  /**
   * {@code changes} of an endpoint's attributes checked and normalized, in their order; an empty
   * value removes the attribute. InvalidParameter on the first problem.
   */
  public static Map<String, String> endpointChanges(Map<String, String> changes) {
    Map<String, String> out = new LinkedHashMap<>();
    changes.forEach((name, raw) -> {
      String value = raw == null ? "" : raw;
      if (!ENDPOINT_NAMES.contains(name)) {
        throw invalid("Attributes", "Invalid attribute name: " + name);
      }
      switch (name) {
        case "Token" -> {
          if (value.isEmpty()) {
            throw invalid("Token", "cannot be empty");
          }
        }
        case "Enabled" -> value = bool(name, value);
        case "CustomUserData" -> checkUserData(value);
        default -> { }
      }
      out.put(name, value);
    });
    return out;
  }

  public static void checkUserData(String customUserData) {
    if (customUserData != null && customUserData.getBytes(StandardCharsets.UTF_8).length >= MAX_USER_DATA_BYTES) {
      throw invalid("CustomUserData", "must be less than 2KB of UTF-8");
    }
  }

  /** What GetEndpointAttributes and ListEndpointsByPlatformApplication show. */
  public static Map<String, String> shown(PlatformEndpointRecord endpoint, String platform) {
    Map<String, String> out = new LinkedHashMap<>();
    String token = endpoint.token();
    out.put("Token", APPLE.contains(platform) ? token.toLowerCase(Locale.ROOT) : token);
    out.put("Enabled", endpoint.enabled() ? "true" : "false");
    for (String name : new String[] {"CustomUserData", "ChannelId", "UserId"}) {
      String value = endpoint.attributes().get(name);
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }

  private static String bool(String name, String value) {
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw invalid(name, "must be true or false");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static boolean isPercentage(String value) {
    try {
      int n = Integer.parseInt(value);
      return n >= 0 && n <= 100;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** InvalidParameter in AWS's form: {@code Invalid parameter: <parameter> Reason: <reason>}. */
  public static AwsException invalid(String parameter, String reason) {
    return AwsException.of(SnsError.InvalidParameter, "Invalid parameter: %s Reason: %s", parameter, reason);
  }
}
