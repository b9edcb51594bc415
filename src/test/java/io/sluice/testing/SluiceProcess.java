package io.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A Sluice node in a child JVM ({@code java -cp <test class path> io.sluice.Sluice}), for tests that
 * must kill a node outright, send it SIGTERM, or look at a fresh JVM. Configured only through its
 * environment (the test defaults of {@link TestSluice#environment} plus the caller's overrides;
 * inherited {@code SLUICE_*} variables are dropped). The port is read from the
 * {@code Sluice listening on port N} line the node prints once it answers requests; everything it
 * prints is kept in a temporary file.
 */
public final class SluiceProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Sluice listening on port (\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  // A file rather than a pipe: when a process ends, the JDK drains its pipe away from the thread
  // reading it, and what the node printed while exiting could be lost.
  private final Path log;
  private int port;
  private SqsClient sqs;
  private SnsClient sns;

  private SluiceProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a node and waits until it listens. {@code env} overrides the test defaults for
   * {@code engine}; {@code jvmArgs} go before the main class.
   */
  public static SluiceProcess start(Engine engine, Map<String, String> env, String... jvmArgs) {
    String prefix = env.getOrDefault("SLUICE_REDIS_KEY_PREFIX", RedisTestServer.uniquePrefix("process"));
    return startWith(TestSluice.environment(engine, env, prefix), jvmArgs);
  }

  /** Starts a node with exactly {@code env} (plus the inherited non-Sluice variables such as PATH). */
  public static SluiceProcess startWith(Map<String, String> env, String... jvmArgs) {
    return startCommand(javaCommand(jvmArgs), env);
  }

  /**
   * Runs {@code command} (e.g. {@link #javaCommand} under a shell, or {@code bin/sluice}) with exactly
   * {@code env} plus the inherited non-Sluice variables, and waits until the node it starts listens.
   */
  public static SluiceProcess startCommand(List<String> command, Map<String, String> env) {
    SluiceProcess node = launch(command, env);
    node.port = node.awaitListening();
    return node;
  }

  /**
   * Runs {@code command} as {@link #startCommand} does but expects it to exit (a start that fails):
   * the process, ended, or a failure if it is still running after {@code timeout}.
   */
  public static SluiceProcess runToExit(List<String> command, Map<String, String> env, Duration timeout) {
    SluiceProcess node = launch(command, env);
    node.awaitExit(timeout);
    return node;
  }

  /** {@code java <test JVM flags> <jvmArgs> -cp <test class path> io.sluice.Sluice}. */
  public static List<String> javaCommand(String... jvmArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.addAll(List.of(jvmArgs));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.sluice.Sluice");
    return command;
  }

  private static SluiceProcess launch(List<String> command, Map<String, String> env) {
    TestLoop.requireFull("a Sluice node in a child JVM");
    try {
      Path log = Files.createTempFile("sluice-process", ".log");
      log.toFile().deleteOnExit();
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_"));
      builder.environment().putAll(env);
      return new SluiceProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a Sluice process", e);
    }
  }

  private int awaitListening() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : output()) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Sluice process exited with " + process.exitValue() + ":\n"
            + String.join("\n", output()));
      }
      pause();
    }
    kill();
    throw new IllegalStateException("Sluice process did not start within " + START_TIMEOUT + ":\n"
        + String.join("\n", output()));
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status of a process that has ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Everything the process printed so far (stdout and stderr). */
  public List<String> output() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the process printed a line containing {@code text}, waiting up to {@code wait} for it. */
  public boolean printed(String text, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    do {
      if (output().stream().anyMatch(l -> l.contains(text))) {
        return true;
      }
      pause();
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** An SDK client for this node (closed with it). */
  public synchronized SqsClient sqs() {
    if (sqs == null) {
      sqs = SqsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(TestSluice.credentials())
          .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
          .build();
    }
    return sqs;
  }

  /** An SNS client for this node (closed with it). */
  public synchronized SnsClient sns() {
    if (sns == null) {
      sns = SnsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(TestSluice.credentials())
          .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
          .build();
    }
    return sns;
  }

  /** kill -9: the JVM gets no chance to run anything. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, as Kubernetes stops a pod; returns the exit code, or fails if it did not exit in time. */
  public int terminate(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  private int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("Sluice process " + process.pid() + " did not exit within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Sluice to exit");
    } finally {
      closeClient();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a Sluice process");
    }
  }

  private synchronized void closeClient() {
    if (sqs != null) {
      sqs.close();
      sqs = null;
    }
    if (sns != null) {
      sns.close();
      sns = null;
    }
  }

  @Override
  public void close() {
    closeClient();
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
