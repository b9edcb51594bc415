package io.sluice.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that cannot start says what failed, in one line, and exits with a non-zero status. */
class FailedStartTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void unreachableRedisIsNamedAndTheStartFails() {
    // Given nothing listens on a port
    int port = RedisTestServer.freePort();

    // When a node is started on a Redis at that port
    SluiceProcess node = start(Map.of("SLUICE_REDIS_URL", "redis://127.0.0.1:" + port));

    // Then it exits non-zero naming the Redis and the refused connection
    assertFailedWith(node, "Cannot connect to Redis at redis://127.0.0.1:" + port + ": connection refused");
  }

  @Test
  void wrongRedisPasswordIsNamedWithoutShowingItAndTheStartFails(@TempDir Path dir) throws Exception {
    // Given a Redis that requires a password
    int port = RedisTestServer.freePort();
    Process redis = RedisTestServer.startDedicated(port, dir, "--requirepass", "right-secret", "--save", "",
        "--appendonly", "no");
    try {
      // When a node is started with another password
      SluiceProcess node = start(Map.of("SLUICE_REDIS_URL", "redis://:wrong-secret@127.0.0.1:" + port));

      // Then it exits non-zero saying Redis refused the password, which it does not print
      assertFailedWith(node, "Cannot connect to Redis at redis://127.0.0.1:" + port + ": Redis refused the password");
      assertTrue(node.output().stream().noneMatch(l -> l.contains("wrong-secret")), node.output()::toString);
    } finally {
      redis.destroy();
    }
  }

  @Test
  void badConfigurationIsNamedAndTheStartFails() {
    // When a node is started with a port that is no number
    SluiceProcess node = start(Map.of("SLUICE_PORT", "eighty"));

    // Then it exits non-zero naming the setting
    assertFailedWith(node, "SLUICE_PORT");
  }

  @Test
  void portInUseIsNamedAndTheStartFails() throws Exception {
    // Given another program listens on a port
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      // When a node is started on that port
      SluiceProcess node = start(Map.of("SLUICE_PORT", Integer.toString(taken.getLocalPort()),
          "SLUICE_STORE", "memory"));

      // Then it exits non-zero saying it cannot listen there
      assertFailedWith(node, "cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void tlsPortInUseIsNamedAndTheStartFails() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      SluiceProcess node = start(Map.of("SLUICE_TLS_PORT", Integer.toString(taken.getLocalPort()),
          "SLUICE_TLS_GENERATED_CERT_FILE", Files.createTempDirectory("sluice-tls").resolve("c.pem").toString(),
          "SLUICE_STORE", "memory"));

      assertFailedWith(node, "or its TLS port " + taken.getLocalPort());
    }
  }

  private static SluiceProcess start(Map<String, String> overrides) {
    Map<String, String> env = new java.util.HashMap<>(TestSluice.environment(Engine.MEMORY, Map.of(), "unused"));
    env.put("SLUICE_STORE", "redis");
    env.put("SLUICE_REDIS_URL", "redis://127.0.0.1:1");
    env.putAll(overrides);
    return SluiceProcess.runToExit(SluiceProcess.javaCommand(), env, EXIT_TIMEOUT);
  }

  private static void assertFailedWith(SluiceProcess node, String message) {
    List<String> output = node.output();
    assertNotEquals(0, node.exitValue(), output::toString);
    assertTrue(output.stream().anyMatch(l -> l.contains(message)), () -> "no line with '" + message + "' in " + output);
    assertTrue(output.stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")),
        () -> "a stack trace or exception name in " + output);
    assertEquals(List.of(), output.stream().filter(l -> l.contains("RejectedExecution")).toList());
  }
}
