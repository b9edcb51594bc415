package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Comparator;

/**
 * A workflow or activity type by name and version (the wire's {@code WorkflowType} and
 * {@code ActivityType}). Listings order types by name, then version.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record TypeRef(String name, String version) {
  public static final Comparator<TypeRef> ORDER = Comparator.comparing(TypeRef::name).thenComparing(TypeRef::version);
}
