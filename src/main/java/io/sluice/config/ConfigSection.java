package io.sluice.config;

import com.typesafe.config.Config;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One section of the configuration ({@code sluice} or {@code sluice.<service>}), read value by value.
 * A bad value is recorded as a problem, naming the setting and its environment variable, instead of
 * thrown, so that {@link ConfigLoader} reports every problem at once.
 */
public final class ConfigSection {
  private final Config config;
  private final String path;
  private final List<String> problems;

  ConfigSection(Config config, String path, List<String> problems) {
    this.config = config;
    this.path = path;
    this.problems = problems;
  }

  /** Records a problem of a setting of this section (e.g. two settings that contradict each other). */
  public void problem(String setting, String problem) {
    problems.add(describe(setting) + ": " + problem);
  }

  /** Records a problem that concerns several settings; the text names them. */
  public void problem(String text) {
    problems.add(text);
  }

  /** {@code setting} with its full path and its environment variable, as problems name it. */
  public String describe(String setting) {
    String full = path + "." + setting;
    String relative = full.substring(full.indexOf('.') + 1);
    return relative + " (SLUICE_" + relative.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT) + ")";
  }

  /** A string; {@code check} answers a problem ("must be …") or null. */
  public String string(String setting, Function<String, String> check) {
    try {
      String v = config.getString(setting);
      String problem = check.apply(v);
      if (problem != null) {
        problems.add(describe(setting) + ": '" + v + "' " + problem);
      }
      return v;
    } catch (RuntimeException e) {
      problems.add(describe(setting) + ": " + e.getMessage());
      return null;
    }
  }

  public String string(String setting) {
    return string(setting, s -> null);
  }

  /** A string, empty when blank; trimmed. */
  public Optional<String> optional(String setting) {
    String s = string(setting);
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }

  public int integer(String setting, int min, int max) {
    try {
      int v = config.getInt(setting);
      if (v < min || v > max) {
        problems.add(describe(setting) + ": " + v + " is outside " + min + ".." + max);
      }
      return v;
    } catch (RuntimeException e) {
      problems.add(describe(setting) + ": " + e.getMessage());
      return min;
    }
  }

  public boolean bool(String setting) {
    try {
      return config.getBoolean(setting);
    } catch (RuntimeException e) {
      problems.add(describe(setting) + ": " + e.getMessage());
      return false;
    }
  }

  /** A comma-separated list, items trimmed, empty items dropped. */
  public List<String> list(String setting) {
    return split(string(setting));
  }

  /** {@code KEY=VALUE} items separated by commas or whitespace; values may contain {@code =}. */
  public Map<String, String> pairs(String setting) {
    Map<String, String> out = new LinkedHashMap<>();
    String text = string(setting);
    for (String item : (text == null ? "" : text).split("[,\\s]+")) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        problems.add(describe(setting) + ": '" + item + "' must be KEY=URL");
        continue;
      }
      out.put(item.substring(0, eq), item.substring(eq + 1));
    }
    return Map.copyOf(out);
  }

  static List<String> split(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
