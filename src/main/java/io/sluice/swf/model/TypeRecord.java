package io.sluice.swf.model;

/**
 * A workflow or activity type as stored: its kind, name and version, description (may be null),
 * status, when it was registered and, while deprecated, when it was deprecated (epoch millis, else
 * null), and its defaults.
 */
public record TypeRecord(TypeKind kind, TypeRef type, String description, RegistrationStatus status, long created,
                         Long deprecated, TypeDefaults defaults) {

  /** This type with {@code s}, deprecated at {@code at} (ignored when registered again). */
  public TypeRecord withStatus(RegistrationStatus s, long at) {
    return new TypeRecord(kind, type, description, s, created, s == RegistrationStatus.DEPRECATED ? Long.valueOf(at) : null,
        defaults);
  }
}
