package io.sluice.sns.filter;

import io.sluice.protocol.AwsException;

/** What a subscription's filter policy looks at: the message attributes (the default) or the message body. */
public enum FilterPolicyScope {
  MessageAttributes,
  MessageBody;

  /**
   * Reads the {@code FilterPolicyScope} subscription attribute; {@code null} means the default.
   *
   * @throws AwsException {@code InvalidParameter} for any other value than the two scope names
   */
  public static FilterPolicyScope fromAttribute(String value) {
    if (value == null) {
      return MessageAttributes;
    }
    for (FilterPolicyScope scope : values()) {
      if (scope.name().equals(value)) {
        return scope;
      }
    }
    throw new AwsException(io.sluice.sns.SnsError.InvalidParameter, "Invalid parameter: FilterPolicyScope: Invalid value ["
        + value + "]. Please use either MessageBody or MessageAttributes");
  }
}
