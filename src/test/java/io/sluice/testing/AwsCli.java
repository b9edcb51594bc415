package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The AWS CLI run against a node, with throwaway credentials and no user configuration. */
public final class AwsCli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsCli() {}

  /** Whether {@code aws} runs here. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** {@code aws --endpoint-url <endpoint> --output json <args>}, which must succeed; its JSON output. */
  public static JsonNode run(URI endpoint, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("--output", "json"));
    command.addAll(List.of(args));
    String out = new String(output(endpoint, command.toArray(String[]::new)), StandardCharsets.UTF_8);
    return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
  }

  /**
   * {@code aws --endpoint-url <endpoint> <args>}, which must succeed; what it printed (standard output
   * and error together, as bytes: {@code aws s3 cp s3://b/k -} prints the object).
   */
  public static byte[] output(URI endpoint, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
        "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws did not finish");
    assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
    return out;
  }
}
