package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the curl command line printed for one request: the body, and the HTTP version and status it
 * got (as {@code "2 200"}, {@code "1.1 200"}).
 */
public record Curl(String body, String status) {

  /** Runs curl with {@code args} (options and the URL). */
  public static Curl run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-w",
        "\n%{http_version} %{http_code}"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
    int cut = out.lastIndexOf('\n');
    return new Curl(out.substring(0, cut), out.substring(cut + 1).trim());
  }
}
