package io.sluice.sts;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks request members against the STS model's constraints and reports every violation at once,
 * worded as AWS words them: {@code 1 validation error detected: Value '…' at 'roleSessionName'
 * failed to satisfy constraint: …}, as a {@code ValidationError}.
 */
public final class StsValidation {
  private final List<String> problems = new ArrayList<>();

  /** A required string member. */
  public StsValidation required(String member, String value) {
    if (value == null) {
      problems.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }
    return this;
  }

  /** A string member's length (when present). */
  public StsValidation length(String member, String value, int min, int max) {
    if (value != null && value.length() < min) {
      problems.add(at(member, value) + "Member must have length greater than or equal to " + min);
    } else if (value != null && value.length() > max) {
      problems.add(at(member, value) + "Member must have length less than or equal to " + max);
    }
    return this;
  }

  /** A string member's pattern (when present). */
  public StsValidation pattern(String member, String value, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      problems.add(at(member, value) + "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
    return this;
  }

  /** A number member's range (when present). */
  public StsValidation range(String member, Integer value, int min, int max) {
    if (value != null && value < min) {
      problems.add(at(member, value) + "Member must have value greater than or equal to " + min);
    } else if (value != null && value > max) {
      problems.add(at(member, value) + "Member must have value less than or equal to " + max);
    }
    return this;
  }

  /** Throws the ValidationError listing every problem found, if any. */
  public void check() {
    if (problems.isEmpty()) {
      return;
    }
    throw AwsException.of(CommonError.ValidationError, "%d validation error%s detected: %s", problems.size(),
        problems.size() == 1 ? "" : "s", String.join("; ", problems));
  }

  private static String at(String member, Object value) {
    return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
  }
}
