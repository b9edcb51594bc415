package io.sluice.sns.model;

import java.util.Map;

/**
 * A platform application as stored: its ARN ({@code arn:aws:sns:<region>:<account>:app/<platform>/<name>}),
 * its push platform (GCM, APNS, …) and the attributes set on it by AWS name, credentials included
 * (they are never shown; see {@code PlatformAttributes}).
 */
public record PlatformApplicationRecord(String arn, String name, String platform, Map<String, String> attributes) {

  public PlatformApplicationRecord {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** False once the application was disabled (attribute {@code Enabled=false}). */
  public boolean enabled() {
    return !"false".equals(attributes.get("Enabled"));
  }

  public PlatformApplicationRecord withAttributes(Map<String, String> newAttributes) {
    return new PlatformApplicationRecord(arn, name, platform, newAttributes);
  }
}
