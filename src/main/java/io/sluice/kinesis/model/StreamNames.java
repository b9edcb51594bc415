package io.sluice.kinesis.model;

import java.util.regex.Pattern;

/** The rule for stream names (API reference, CreateStream: 1 to 128 of {@code [a-zA-Z0-9_.-]}). */
public final class StreamNames {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private StreamNames() {}

  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
