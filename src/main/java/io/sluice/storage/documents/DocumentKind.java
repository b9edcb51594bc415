package io.sluice.storage.documents;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.util.regex.Pattern;

/**
 * A kind of document: its name, which keeps its documents apart from every other kind's (prefix it
 * with the service, e.g. {@code sns-platform-endpoint}), and the Java type its documents are read
 * as. A document is mapped to a JSON object by the project's Jackson mapper with the Java names of
 * fields (record components, not AWS's spelling); those names are what {@link Update} and
 * {@link Condition} address.
 *
 * @param name lower-case letters, digits, {@code .} and {@code -}
 * @param <T> the type of the documents
 */
public record DocumentKind<T>(String name, JavaType type) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");

  public DocumentKind {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid document kind name: " + name);
    }
  }

  public static <T> DocumentKind<T> of(String name, Class<T> type) {
    return new DocumentKind<>(name, DocumentCodec.MAPPER.constructType(type));
  }

  /** A kind of a generic type, e.g. {@code new TypeReference<TreeMap<String, String>>() {}}. */
  public static <T> DocumentKind<T> of(String name, TypeReference<T> type) {
    return new DocumentKind<>(name, DocumentCodec.MAPPER.constructType(type));
  }
}
