package io.sluice.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A DynamoDB for tests: dynalite (npm {@code dynalite} {@value #VERSION}, in memory) run by node on
 * a port of its choosing, for the Kinesis Client Library's lease tables. It is installed with npm
 * into {@code ~/.cache/sluice-test/dynalite-<version>} on first use (one installer at a time, under
 * a file lock). Tables change status at once (no CREATING/UPDATING spells). The node process ends
 * when {@link #close} is called or when this JVM's end closes its standard input.
 */
public final class Dynalite implements AutoCloseable {
  static final String VERSION = "4.0.0";
  private static final Path HOME = Path.of(System.getProperty("user.home"), ".cache", "sluice-test",
      "dynalite-" + VERSION);
  // Listens on port 0 and says which port it got (its CLI treats --port 0 as "use 4567").
  private static final String LAUNCHER = """
      const server = require('dynalite')({createTableMs: 0, deleteTableMs: 0, updateTableMs: 0});
      server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
      process.stdin.on('end', () => process.exit(0));
      process.stdin.resume();
      """;

  private final Process process;
  private final int port;

  private Dynalite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** A new dynalite on a free port of 127.0.0.1, installing it first if needed. */
  public static Dynalite start() {
    TestLoop.requireFull("dynalite");
    Path home = install();
    try {
      Process p = new ProcessBuilder("node", "-e", LAUNCHER).directory(home.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).get(30, TimeUnit.SECONDS);
      if (line == null || !line.startsWith("PORT ")) {
        p.destroyForcibly();
        throw new IllegalStateException("dynalite did not start: " + line);
      }
      return new Dynalite(p, Integer.parseInt(line.substring(5).trim()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot start dynalite " + VERSION + " in " + home + ")", e);
    }
  }

  /** The directory holding {@code node_modules/dynalite}, installed by npm if it is not there yet. */
  static Path install() {
    try {
      Files.createDirectories(HOME);
      try (FileChannel lockFile = FileChannel.open(HOME.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
        if (!Files.exists(HOME.resolve("node_modules/dynalite/package.json"))) {
          Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund",
              "--loglevel=error", "--prefix", HOME.toString(), "dynalite@" + VERSION))
              .redirectErrorStream(true).redirectOutput(HOME.resolve("npm-install.log").toFile()).start();
          if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm install dynalite@" + VERSION + " failed; see "
                + HOME.resolve("npm-install.log"));
          }
        }
      }
      return HOME;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
