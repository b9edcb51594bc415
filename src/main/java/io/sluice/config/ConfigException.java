package io.sluice.config;

import java.util.List;

/** Thrown at boot when the configuration has problems; the message lists all of them. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("Invalid Sluice configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
