package io.sluice.swf.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which domain a request names: its region, account and name; its ARN is
 * {@code arn:aws:swf:<region>:<account>:/domain/<name>} (the form TagResource takes).
 */
public record DomainId(String region, String account, String name) {
  private static final Pattern ARN = Pattern.compile("arn:aws:swf:([^:]+):(\\d{12}):/domain/(.+)", Pattern.DOTALL);

  public String arn() {
    return "arn:aws:swf:" + region + ":" + account + ":/domain/" + name;
  }

  /** The domain a domain ARN names; empty if {@code arn} is not one. */
  public static Optional<DomainId> ofArn(String arn) {
    Matcher m = ARN.matcher(arn);
    return m.matches() ? Optional.of(new DomainId(m.group(1), m.group(2), m.group(3))) : Optional.empty();
  }

  @Override
  public String toString() {
    return arn();
  }
}
