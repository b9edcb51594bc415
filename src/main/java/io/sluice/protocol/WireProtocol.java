package io.sluice.protocol;

/** The AWS wire protocols Sluice speaks. */
public enum WireProtocol {
  /** Form-encoded {@code Action=…} requests, XML responses. */
  QUERY("text/xml"),
  /** {@code X-Amz-Target} with {@code application/x-amz-json-1.0}. */
  JSON_1_0("application/x-amz-json-1.0"),
  /** {@code X-Amz-Target} with {@code application/x-amz-json-1.1}. */
  JSON_1_1("application/x-amz-json-1.1"),
  /** {@code X-Amz-Target} with {@code application/x-amz-cbor-1.1} (Kinesis). */
  CBOR_1_1("application/x-amz-cbor-1.1");

  private final String contentType;

  WireProtocol(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public boolean isJson() {
    return this == JSON_1_0 || this == JSON_1_1;
  }

  /** The protocol a request's {@code Content-Type} names, or {@code null}. */
  public static WireProtocol fromContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String ct = contentType.toLowerCase(java.util.Locale.ROOT);
    if (ct.startsWith("application/x-amz-json-1.0")) {
      return JSON_1_0;
    }
    if (ct.startsWith("application/x-amz-json-1.1")) {
      return JSON_1_1;
    }
    if (ct.startsWith("application/x-amz-cbor-1.1")) {
      return CBOR_1_1;
    }
    return null;
  }
}
