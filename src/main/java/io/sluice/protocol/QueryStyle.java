package io.sluice.protocol;

/**
 * How a service lays out lists and maps in the query protocol. SQS flattens them
 * ({@code Attribute.1.Name}); SNS wraps them ({@code Attributes.entry.1.key}, {@code Tags.member.1.Key}).
 */
public record QueryStyle(boolean flattened, String mapKey, String mapValue) {

  /** SQS: flattened lists and maps, map entries named {@code Name}/{@code Value}. */
  public static final QueryStyle FLATTENED = new QueryStyle(true, "Name", "Value");

  /** SNS and most query services: {@code member} lists and {@code entry}/{@code key}/{@code value} maps. */
  public static final QueryStyle WRAPPED = new QueryStyle(false, "key", "value");
}
