package io.sluice.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import redis.embedded.core.ExecutableProvider;

/**
 * The Redis that tests use: {@code REDIS_URL} if set, else a {@code redis-server} from PATH started
 * on a free port, else the binary shipped by embedded-redis. One server per test JVM; each caller
 * gets its own key prefix so tests never see each other's (or anyone else's) keys.
 */
public final class RedisTestServer {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static volatile String url;
  private static String executable;

  private RedisTestServer() {}

  /** {@code redis://127.0.0.1:port}, starting a server on first use. */
  public static synchronized String url() {
    if (url == null) {
      TestLoop.requireFull("a Redis server");
      String env = System.getenv("REDIS_URL");
      url = env != null && !env.isBlank() ? env : start();
    }
    return url;
  }

  /** A key prefix no other test in this JVM (or a concurrent JVM) uses. */
  public static String uniquePrefix(String name) {
    return "sluicetest:" + ProcessHandle.current().pid() + ":" + PREFIXES.incrementAndGet() + ":" + name;
  }

  private static String start() {
    Server server = startPrivate();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server.url();
  }

  /** A Redis server of a caller's own: its URL, and how to stop it. */
  public record Server(String url, int port, Runnable stopper) {
    public void stop() {
      stopper.run();
    }
  }

  /**
   * Starts a Redis server that only the caller uses (e.g. to watch every command it runs), on a
   * free port: {@link #executable()}. The caller stops it.
   */
  public static Server startPrivate() {
    TestLoop.requireFull("a Redis server");
    int port = freePort();
    try {
      Path dir = Files.createTempDirectory("sluice-redis");
      Process p = startDedicated(port, dir, "--save", "", "--appendonly", "no");
      return new Server("redis://127.0.0.1:" + port, port, p::destroy);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a Redis server for tests", e);
    }
  }

  /** Starts a separate Redis server of {@link #executable()} (e.g. for restart tests); the caller stops it. */
  public static Process startDedicated(int port, Path dir, String... extraArgs) throws IOException {
    TestLoop.requireFull("a Redis server");
    List<String> cmd = new ArrayList<>(List.of(executable(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--dir", dir.toString()));
    cmd.addAll(List.of(extraArgs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
    waitForPort(port);
    return p;
  }

  /**
   * The Redis server binary tests start: {@code redis-server} from PATH, else the one embedded-redis
   * ships for this platform (Redis 6.2).
   */
  public static synchronized String executable() throws IOException {
    if (executable == null) {
      executable = onPath("redis-server") ? "redis-server"
          : ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
    }
    return executable;
  }

  public static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, binary).canExecute()) {
        return true;
      }
    }
    return false;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void waitForPort(int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("Redis did not start on port " + port);
  }
}
