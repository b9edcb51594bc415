package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node whose process runs out of file handles (a low {@code ulimit -n}, connections held open)
 * says so once, keeps its acceptor, and serves again as soon as handles are free.
 */
class FileHandleExhaustionTest {
  /** Handles the node needs besides connections: the class path's jars, selectors, logs; and a margin. */
  private static final int SPARE_HANDLES = 160;

  @Test
  void nodeOutOfFileHandlesLogsItOnceAndAcceptsAgainOnceHandlesAreFree() throws Exception {
    // Given a node in a process with few file handles, holding idle connections for long
    int limit = System.getProperty("java.class.path").split(File.pathSeparator).length + SPARE_HANDLES;
    List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + limit + " && exec \"$@\"", "sh"));
    command.addAll(SluiceProcess.javaCommand());
    Map<String, String> env = new HashMap<>(TestSluice.environment(Engine.MEMORY, Map.of(), "unused"));
    env.put("SLUICE_IDLE_TIMEOUT_MS", "600000");
    env.put("SLUICE_HEADER_TIMEOUT_MS", "600000");
    List<Socket> held = new ArrayList<>();
    try (SluiceProcess node = SluiceProcess.startCommand(command, env)) {
      assertEquals("HTTP/1.1 200 OK", probe(node.port()));

      // When more connections are opened than it has handles for
      for (int i = 0; i < limit + 50; i++) {
        held.add(new Socket("127.0.0.1", node.port()));
      }
      // Then it says once that it cannot accept
      assertTrue(node.printed("is unavailable (Too many open files)", Duration.ofSeconds(30)), node.output()::toString);

      // When the connections are closed
      for (Socket socket : held) {
        socket.close();
      }
      held.clear();

      // Then it answers new requests again, and says so
      assertEquals("HTTP/1.1 200 OK", eventually(node.port()));
      assertTrue(node.printed("is available again", Duration.ofSeconds(10)), node.output()::toString);
      List<String> output = node.output();
      assertEquals(1, output.stream().filter(l -> l.contains("Accepting connections on")
          && l.contains(" is unavailable (")).count(), output::toString);
      assertEquals(List.of(), output.stream().filter(l -> l.startsWith("\tat ") || l.contains("Error")).toList());
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  /** The status line of {@code GET /health/live}, waiting up to 30 s for the node to answer. */
  private static String eventually(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return probe(port);
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the node did not answer again within 30 s", e);
        }
        Thread.sleep(200);
      }
    }
  }

  private static String probe(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(3000);
      socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
        line.append((char) b);
      }
      if (line.isEmpty()) {
        throw new IOException("closed without an answer");
      }
      return line.toString();
    }
  }
}
