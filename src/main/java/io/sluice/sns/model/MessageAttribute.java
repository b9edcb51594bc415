package io.sluice.sns.model;

/**
 * An SNS message attribute: data type {@code String}, {@code String.Array}, {@code Number} or
 * {@code Binary} (optionally with a {@code .custom} suffix) and its value.
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

  public boolean isBinary() {
    return dataType.equals("Binary") || dataType.startsWith("Binary.");
  }
}
