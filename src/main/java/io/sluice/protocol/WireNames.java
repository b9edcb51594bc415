package io.sluice.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Member names on the wire for a record component: the JSON name ({@code @JsonProperty}, else the
 * component name with its first letter upper-cased, as AWS spells members, or as it is in a record
 * annotated {@code @JsonNaming(LowerCamelCaseStrategy)}) and the query name
 * ({@link QueryName}, else the JSON name). Results are cached per record type.
 */
public final class WireNames {
  private static final Map<Class<?>, Member[]> CACHE = new ConcurrentHashMap<>();

  /** One record component with its wire names and its (accessible) accessor. */
  public record Member(RecordComponent component, String jsonName, String queryName,
                       String mapKeyName, String mapValueName, java.lang.reflect.Method accessor) {

    /** The component's value in {@code record}. */
    public Object read(Object record) {
      try {
        return accessor.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component, e);
      }
    }
  }

  private WireNames() {}

  /** The members of a record type, in declaration order. */
  public static Member[] membersOf(Class<?> recordType) {
    return CACHE.computeIfAbsent(recordType, WireNames::compute);
  }

  private static Member[] compute(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    Member[] members = new Member[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      String json = jsonName(rc);
      QueryName q = rc.getAnnotation(QueryName.class);
      QueryMapNames m = rc.getAnnotation(QueryMapNames.class);
      java.lang.reflect.Method accessor = rc.getAccessor();
      accessor.setAccessible(true);
      members[i] = new Member(rc, json, q != null ? q.value() : json,
          m != null ? m.key() : null, m != null ? m.value() : null, accessor);
    }
    return members;
  }

  /** The JSON member name of a record component. */
  public static String jsonName(RecordComponent rc) {
    // @JsonProperty does not target record components; javac copies it to the accessor.
    JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
    if (p != null && !p.value().isEmpty()) {
      return p.value();
    }
    String n = rc.getName();
    // A record of a service that spells its members in lower camel case (SWF) says so once.
    JsonNaming naming = rc.getDeclaringRecord().getAnnotation(JsonNaming.class);
    if (naming != null && naming.value() == PropertyNamingStrategies.LowerCamelCaseStrategy.class) {
      return n;
    }
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}
