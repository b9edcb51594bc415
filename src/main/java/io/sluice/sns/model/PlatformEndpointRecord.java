package io.sluice.sns.model;

import java.util.Map;

/**
 * A platform endpoint (one app on one device) as stored: its ARN
 * ({@code arn:aws:sns:<region>:<account>:endpoint/<platform>/<application>/<id>}), the application
 * it belongs to, and its attributes {@code Token}, {@code Enabled} and {@code CustomUserData}.
 */
public record PlatformEndpointRecord(String arn, String applicationArn, Map<String, String> attributes) {

  public PlatformEndpointRecord {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** The device token. */
  public String token() {
    return attributes.get("Token");
  }

  public boolean enabled() {
    return !"false".equals(attributes.get("Enabled"));
  }

  public PlatformEndpointRecord withAttributes(Map<String, String> newAttributes) {
    return new PlatformEndpointRecord(arn, applicationArn, newAttributes);
  }
}
