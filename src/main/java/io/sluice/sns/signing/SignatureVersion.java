package io.sluice.sns.signing;

import io.sluice.protocol.AwsException;

/**
 * The {@code SignatureVersion} of an SNS message (and the topic attribute of that name): the hash
 * the RSA signature uses. {@link #wireValue()} is what the envelope and the topic attribute carry.
 */
public enum SignatureVersion {
  /** {@code "1"}: SHA1withRSA, the default of a new topic. */
  V1("1", "SHA1withRSA"),
  /** {@code "2"}: SHA256withRSA. */
  V2("2", "SHA256withRSA");

  private final String wireValue;
  private final String jcaAlgorithm;

  SignatureVersion(String wireValue, String jcaAlgorithm) {
    this.wireValue = wireValue;
    this.jcaAlgorithm = jcaAlgorithm;
  }

  /** {@code "1"} or {@code "2"}. */
  public String wireValue() {
    return wireValue;
  }

  /** The {@link java.security.Signature} algorithm name. */
  public String jcaAlgorithm() {
    return jcaAlgorithm;
  }

  /**
   * The version a wire value names.
   *
   * @throws AwsException {@code InvalidParameter} for anything but {@code "1"} or {@code "2"}
   */
  public static SignatureVersion fromWire(String value) {
    for (SignatureVersion version : values()) {
      if (version.wireValue.equals(value)) {
        return version;
      }
    }
    throw new AwsException(io.sluice.sns.SnsError.InvalidParameter, "Invalid parameter: SignatureVersion");
  }
}
