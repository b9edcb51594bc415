package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/** {@code {"cidr": "10.0.0.0/24"}}: string values that are IPv4 or IPv6 addresses within the block. */
final class CidrMatch implements Condition {
  private final byte[] low;
  private final byte[] high;

  private CidrMatch(byte[] low, byte[] high) {
    this.low = low;
    this.high = high;
  }

  /** Parses a CIDR block with the reasons AWS gives for malformed ones. */
  static CidrMatch parse(String cidr) {
    String[] parts = cidr.split("/");
    if (parts.length != 2) {
      throw FilterPolicyError.invalidPolicy("Malformed CIDR, one '/' required");
    }
    int maskBits;
    try {
      maskBits = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw FilterPolicyError.invalidPolicy("Malformed CIDR, mask bits must be an integer");
    }
    if (maskBits < 0) {
      throw FilterPolicyError.invalidPolicy("Malformed CIDR, mask bits must not be negative");
    }
    byte[] address = IpAddresses.parse(parts[0]);
    if (address == null) {
      throw FilterPolicyError.invalidPolicy("Nonstandard IP address: " + parts[0]);
    }
    // AWS Event Ruler (SNS's engine) rejects full-length masks (/32, /128).
    if (address.length == 4 && maskBits > 31) {
      throw FilterPolicyError.invalidPolicy("IPv4 mask bits must be < 32");
    }
    if (address.length == 16 && maskBits > 127) {
      throw FilterPolicyError.invalidPolicy("IPv6 mask bits must be < 128");
    }
    // Event Ruler's range starts at the address as written, not at the network address: 10.0.0.5/24 covers
    // 10.0.0.5 to 10.0.0.255.
    byte[] high = address.clone();
    int hostBits = address.length * 8 - maskBits;
    for (int i = high.length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) {
      high[i] |= (byte) (hostBits >= 8 ? 0xff : (1 << hostBits) - 1);
    }
    return new CidrMatch(address, high);
  }

  @Override
  public boolean matches(JsonNode value) {
    if (!value.isTextual()) {
      return false;
    }
    byte[] address = IpAddresses.parse(value.textValue());
    return address != null && address.length == low.length
        && Arrays.compareUnsigned(address, low) >= 0 && Arrays.compareUnsigned(address, high) <= 0;
  }
}
