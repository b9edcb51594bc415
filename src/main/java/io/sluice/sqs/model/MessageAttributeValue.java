package io.sluice.sqs.model;

import io.sluice.protocol.QueryName;
import java.util.List;

/**
 * A message (or message system) attribute: a data type ({@code String}, {@code Number},
 * {@code Binary}, optionally with a {@code .custom} suffix) and its value.
 */
public record MessageAttributeValue(
    String stringValue,
    byte[] binaryValue,
    @QueryName("StringListValue") List<String> stringListValues,
    @QueryName("BinaryListValue") List<byte[]> binaryListValues,
    String dataType) {

  public static MessageAttributeValue ofString(String dataType, String value) {
    return new MessageAttributeValue(value, null, null, null, dataType);
  }

  public static MessageAttributeValue ofBinary(String dataType, byte[] value) {
    return new MessageAttributeValue(null, value, null, null, dataType);
  }

  /** True when the data type is Binary or a custom Binary type. */
  public boolean isBinary() {
    return dataType != null && (dataType.equals("Binary") || dataType.startsWith("Binary."));
  }
}
