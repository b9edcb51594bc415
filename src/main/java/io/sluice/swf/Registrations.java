package io.sluice.swf;

import io.sluice.protocol.AwsException;
import java.util.regex.Pattern;

/**
 * AWS's rules for values the model types only as strings: a retention period ({@code NONE}, or
 * {@code 0}..{@code 90} days), a duration in seconds ({@code NONE} or a non-negative integer) and a
 * task priority (a Java int); and the names of what is registered (domains, types, versions, task
 * lists), which may not start or end with whitespace, hold {@code :}, {@code /}, {@code |} or control
 * characters, or be {@code arn} (API reference, RegisterDomain and RegisterWorkflowType). A value that
 * breaks one is a ValidationException naming the member.
 */
public final class Registrations {
  /** The longest retention period (API reference, RegisterDomain). */
  public static final int MAX_RETENTION_DAYS = 90;
  /** One year, the longest an execution may run. */
  public static final long MAX_EXECUTION_SECONDS = 365L * 24 * 3600;

  private static final Pattern FORBIDDEN = Pattern.compile("[:/|\\u0000-\\u001f\\u007f-\\u009f]");

  private Registrations() {}

  /** Checks the name of something registered, if given. */
  public static void checkName(String name, String member) {
    if (name == null) {
      return;
    }
    if (name.equals("arn") || FORBIDDEN.matcher(name).find() || !name.equals(name.strip())) {
      throw invalid(name, member, "Member must not start or end with whitespace, contain ':', '/', '|' or control "
          + "characters, or be 'arn'");
    }
  }

  /** Checks a domain's {@code workflowExecutionRetentionPeriodInDays}. */
  public static void checkRetention(String days) {
    // RegisterDomain: "If you pass the value NONE or 0 (zero), then the workflow execution history
    // isn't retained"; the maximum is 90 days.
    if (days.equals("NONE")) {
      return;
    }
    long value = integer(days, "workflowExecutionRetentionPeriodInDays");
    if (value < 0 || value > MAX_RETENTION_DAYS) {
      throw invalid(days, "workflowExecutionRetentionPeriodInDays",
          "Member must be NONE or an integer from 0 to " + MAX_RETENTION_DAYS);
    }
  }

  /** Checks a default timeout, if given: {@code NONE} or seconds as a non-negative integer. */
  public static void checkDuration(String seconds, String member) {
    if (seconds == null || seconds.equals("NONE")) {
      return;
    }
    if (integer(seconds, member) < 0) {
      throw invalid(seconds, member, "Member must be NONE or a non-negative integer");
    }
  }

  /**
   * Checks an execution's start-to-close timeout, if given: not {@code NONE}, at most a year (API
   * reference, StartWorkflowExecution: "you cannot specify a value of NONE for this timeout; there
   * is a one-year max limit on the time that a workflow execution can run").
   */
  public static void checkExecutionTimeout(String seconds) {
    if (seconds == null) {
      return;
    }
    if (seconds.equals("NONE") || integer(seconds, "executionStartToCloseTimeout") > MAX_EXECUTION_SECONDS) {
      throw invalid(seconds, "executionStartToCloseTimeout", "Member must be an integer from 0 to "
          + MAX_EXECUTION_SECONDS);
    }
  }

  /** Checks a number of seconds, if given: an integer from {@code min} to {@code max} ({@code NONE} is not one). */
  public static void checkSeconds(String seconds, String member, long min, long max) {
    if (seconds == null) {
      return;
    }
    long value = integer(seconds, member);
    if (value < min || value > max) {
      throw invalid(seconds, member, "Member must be an integer from " + min + " to " + max);
    }
  }

  /** Checks a task priority, if given: an integer from Integer.MIN_VALUE to Integer.MAX_VALUE. */
  public static void checkPriority(String priority, String member) {
    if (priority == null) {
      return;
    }
    long value = integer(priority, member);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw invalid(priority, member, "Member must be an integer from -2147483648 to 2147483647");
    }
  }

  private static long integer(String text, String member) {
    if (!text.matches("[+-]?\\d{1,18}")) {
      throw invalid(text, member, "Member must be an integer");
    }
    return Long.parseLong(text);
  }

  private static AwsException invalid(String value, String member, String constraint) {
    return AwsException.of(SwfError.ValidationException,
        "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: %s", value, member, constraint);
  }
}
