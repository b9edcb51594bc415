package io.sluice.sns.filter;

/**
 * One SNS message attribute as a filter policy sees it. {@code dataType} is {@code String},
 * {@code String.Array}, {@code Number} or {@code Binary}, optionally with a custom suffix
 * ({@code Number.float}); {@code stringValue} is the value as published (a JSON array for
 * {@code String.Array}, absent for {@code Binary}).
 */
public record MessageAttributeValue(String dataType, String stringValue) {

  public static MessageAttributeValue string(String value) {
    return new MessageAttributeValue("String", value);
  }

  public static MessageAttributeValue number(String value) {
    return new MessageAttributeValue("Number", value);
  }

  /** A {@code String.Array} attribute; {@code jsonArray} is its JSON text, e.g. {@code ["a", 1, true]}. */
  public static MessageAttributeValue stringArray(String jsonArray) {
    return new MessageAttributeValue("String.Array", jsonArray);
  }

  public static MessageAttributeValue binary() {
    return new MessageAttributeValue("Binary", null);
  }
}
