package io.sluice.kinesis.model;

/**
 * Which stream a request names: its region, account and name; its ARN is
 * {@code arn:aws:kinesis:<region>:<account>:stream/<name>}.
 */
public record StreamId(String region, String account, String name) {

  public String arn() {
    return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name;
  }

  /** The stream an ARN names, or null if {@code arn} is not a Kinesis stream ARN. */
  public static StreamId ofArn(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("kinesis") || parts[3].isEmpty()
        || !parts[4].matches("\\d{12}") || !parts[5].startsWith("stream/")) {
      return null;
    }
    String name = parts[5].substring("stream/".length());
    return StreamNames.valid(name) ? new StreamId(parts[3], parts[4], name) : null;
  }

  @Override
  public String toString() {
    return arn();
  }
}
