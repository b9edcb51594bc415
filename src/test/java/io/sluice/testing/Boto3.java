package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Python scripts with boto3 run by black-box tests: a script prints one JSON object of what it saw,
 * and the test checks it. No shared AWS configuration is read.
 */
public final class Boto3 {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Boto3() {}

  /** Whether {@code python3} with boto3 runs here. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code script} with {@code args}; it must succeed within 120 s. What it printed, as JSON. */
  public static JsonNode run(String script, String... args) throws IOException, InterruptedException {
    Path output = Files.createTempFile("boto3", ".out");
    Path errors = Files.createTempFile("boto3", ".err");
    try {
      List<String> command = new ArrayList<>(List.of("python3", "-c", script));
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
      pb.environment().putAll(Map.of("AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("the boto3 script did not finish in 120 s: " + read(errors));
      }
      String out = read(output);
      assertEquals(0, p.exitValue(), () -> "boto3 script failed: " + read(errors) + out);
      return JSON.readTree(out);
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(errors);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
