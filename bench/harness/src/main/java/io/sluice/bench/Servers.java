package io.sluice.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the servers under test, each as its own process on 127.0.0.1 and a free port: Sluice from
 * {@code target/sluice.jar}, ElasticMQ from the jars bench/elasticmq resolved, the {@link Ceiling}
 * from the harness's own jars, kinesalite and kinesis-mock with node from npm packages installed
 * under {@code --peers}, and for Sluice's Redis engine a private redis-server (AOF on, fsync every
 * second, data in a temporary directory).
 */
final class Servers {
  private final Options options;
  private final String java;
  private int launches;

  /** Thrown when a server cannot be run here (Redis engine not built yet, redis-server missing…). */
  static final class Unavailable extends Exception {
    Unavailable(String reason) {
      super(reason);
    }
  }

  /** A started server; {@link #close()} stops it and its Redis and removes their files. */
  static final class Running implements AutoCloseable {
    final Target target;
    final int port;
    final ChildProcess server;
    final ChildProcess redis;
    final Path dir;

    /** A second Sluice node clustered with the first on the same Redis (scenario j), or null. */
    final ChildProcess peer;
    final int peerPort;

    Running(Target target, int port, ChildProcess server, ChildProcess redis, Path dir) {
      this(target, port, server, redis, dir, null, -1);
    }

    Running(Target target, int port, ChildProcess server, ChildProcess redis, Path dir, ChildProcess peer,
            int peerPort) {
      this.target = target;
      this.port = port;
      this.server = server;
      this.redis = redis;
      this.dir = dir;
      this.peer = peer;
      this.peerPort = peerPort;
    }

    /** The server's JVMs (whose JIT compilers tell whether it is warm). */
    List<Long> jvmPids() {
      return peer == null ? List.of(server.pid()) : List.of(server.pid(), peer.pid());
    }

    /** Pids whose CPU time counts as the server's (the JVMs, and redis-server for the Redis engine). */
    List<Long> serverPids() {
      List<Long> pids = new ArrayList<>(jvmPids());
      if (redis != null) {
        pids.add(redis.pid());
      }
      return pids;
    }

    @Override
    public void close() {
      if (peer != null) {
        peer.close();
      }
      server.close();
      if (redis != null) {
        redis.close();
      }
      deleteTree(dir);
    }
  }

  Servers(Options options) {
    this.options = options;
    this.java = ProcessHandle.current().info().command().orElse("java");
  }

  /** The java binary every server JVM is started with (the harness's own). */
  String java() {
    return java;
  }

  /** The Sluice jar the harness runs. */
  Path sluiceJar() {
    return options.repo().resolve("target/sluice.jar");
  }

  /** Starts {@code target} with its configured JVM flags and waits until it answers. */
  Running start(Target target, String scenario) throws Unavailable {
    return start(target, scenario, options.jvmFlags(target));
  }

  /** Starts {@code target} with the given JVM flags and waits until it answers. */
  Running start(Target target, String scenario, List<String> jvmOpts) throws Unavailable {
    return start(target, scenario, jvmOpts, Map.of());
  }

  /**
   * Starts {@code target} with the given JVM flags, Sluice with {@code sluiceEnv} added to its
   * environment (the Firehose scenarios' S3 endpoint), and waits until it answers.
   */
  Running start(Target target, String scenario, List<String> jvmOpts, Map<String, String> sluiceEnv)
      throws Unavailable {
    Path dir;
    try {
      dir = Files.createTempDirectory("sluice-bench-" + target.key() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String tag = target.key() + "-" + scenario + "-" + (++launches);
    Path logs = options.results().resolve("logs");
    int port = Probe.freePort();
    ChildProcess redis = null;
    ChildProcess server = null;
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(java);
      cmd.addAll(jvmOpts);
      // One line per collection, so a heap that fills up shows in the logs; the same for every server.
      cmd.add("-Xlog:gc:file=" + logs.resolve(tag + "-gc.log"));
      Files.createDirectories(logs);
      switch (target) {
        case SLUICE_MEMORY, SLUICE_REDIS -> {
          if (!Files.isRegularFile(sluiceJar())) {
            throw new Unavailable(sluiceJar() + " is missing; build it with `mvn package -DskipTests`");
          }
          Map<String, String> env = new java.util.HashMap<>(Map.of(
              "SLUICE_HOST", "127.0.0.1",
              "SLUICE_PORT", Integer.toString(port),
              "SLUICE_SSE_KEY", randomKey()));
          env.putAll(KINESIS_SETTINGS);
          env.putAll(FIREHOSE_SETTINGS);
          env.putAll(sluiceEnv);
          if (target == Target.SLUICE_REDIS) {
            int redisPort = Probe.freePort();
            redis = startRedis(redisPort, dir, logs.resolve(tag + "-redis.log"));
            env.put("SLUICE_STORE", "redis");
            env.put("SLUICE_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0");
          } else {
            env.put("SLUICE_STORE", "memory");
          }
          if (options.jfr()) {
            cmd.add("-XX:StartFlightRecording:settings=profile,dumponexit=true,filename="
                + options.results().resolve("profiles").resolve(tag + ".jfr"));
            Files.createDirectories(options.results().resolve("profiles"));
          }
          cmd.add("-jar");
          cmd.add(sluiceJar().toString());
          server = ChildProcess.start(tag, cmd, env, logs.resolve(tag + ".log"));
        }
        case ELASTICMQ -> {
          Path lib = elasticMqLib();
          Path conf = dir.resolve("elasticmq.conf");
          Files.writeString(conf, elasticMqConf(port), StandardCharsets.UTF_8);
          cmd.add("-Dconfig.file=" + conf);
          cmd.add("-cp");
          cmd.add(lib + "/*");
          cmd.add("org.elasticmq.server.Main");
          server = ChildProcess.start(tag, cmd, Map.of(), logs.resolve(tag + ".log"));
        }
        case KINESALITE -> {
          Path cli = installPeer("kinesalite", Versions.KINESALITE).resolve("node_modules/kinesalite/cli.js");
          // No delays on stream changes, and the in-memory store (no --path), its fastest.
          server = ChildProcess.start(tag, List.of("node", "--max-old-space-size=" + nodeHeapMib(jvmOpts),
              cli.toString(), "--port", Integer.toString(port), "--createStreamMs", "0", "--deleteStreamMs", "0",
              "--updateStreamMs", "0", "--shardLimit", "10000"), Map.of(), logs.resolve(tag + ".log"));
        }
        case KINESIS_MOCK -> {
          Path main = installPeer("kinesis-local", Versions.KINESIS_LOCAL).resolve("node_modules/kinesis-local/main.js");
          Map<String, String> env = new java.util.HashMap<>(KINESIS_MOCK_SETTINGS);
          env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
          env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(Probe.freePort()));
          // Its TLS certificate, which it reads at start even when only the plain port is used.
          env.put("KINESIS_MOCK_CERT_PATH", main.resolveSibling("server.json").toString());
          server = ChildProcess.start(tag, List.of("node", "--max-old-space-size=" + nodeHeapMib(jvmOpts),
              main.toString()), env, logs.resolve(tag + ".log"));
        }
        case MOTO -> {
          if (!onPath("moto_server")) {
            throw new Unavailable("moto_server is not on PATH (pip install 'moto[server]')");
          }
          server = ChildProcess.start(tag, List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)),
              Map.of(), logs.resolve(tag + ".log"));
        }
        case CEILING -> {
          cmd.add("-cp");
          cmd.add(System.getProperty("java.class.path"));
          cmd.add(Ceiling.class.getName());
          cmd.add(Integer.toString(port));
          cmd.add(Integer.toString(options.bodyBytes()));
          server = ChildProcess.start(tag, cmd, Map.of(), logs.resolve(tag + ".log"));
        }
      }
      if (target.speaksSqs()) {
        awaitAnswering(server, port, 120);
      } else if (target == Target.MOTO) {
        awaitAnswer(server, port, 120, Probe::listDeliveryStreamsAnswered);
      } else {
        awaitKinesis(server, port, 120);
      }
      return new Running(target, port, server, redis, dir);
    } catch (Unavailable | RuntimeException e) {
      closeQuietly(server, redis, dir);
      throw e;
    } catch (IOException e) {
      closeQuietly(server, redis, dir);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts two Sluice nodes on one private Redis, clustered with each other (Hazelcast members on two
   * free ports of 127.0.0.1), with the configured JVM flags; waits until both answer and have joined.
   * The first is {@link Running#server}, the second {@link Running#peer}.
   */
  Running startCluster(String scenario) throws Unavailable {
    if (!Files.isRegularFile(sluiceJar())) {
      throw new Unavailable(sluiceJar() + " is missing; build it with `mvn package -DskipTests`");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("sluice-bench-cluster-");
      Files.createDirectories(options.results().resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path logs = options.results().resolve("logs");
    String tag = "cluster-" + scenario + "-" + (++launches);
    ChildProcess redis = null;
    ChildProcess a = null;
    ChildProcess b = null;
    try {
      int redisPort = Probe.freePort();
      redis = startRedis(redisPort, dir, logs.resolve(tag + "-redis.log"));
      int[] ports = {Probe.freePort(), Probe.freePort()};
      int[] members = {Probe.freePort(), Probe.freePort()};
      String key = randomKey();
      ChildProcess[] nodes = new ChildProcess[2];
      for (int i = 0; i < 2; i++) {
        String node = tag + "-" + (char) ('a' + i);
        Map<String, String> env = new java.util.HashMap<>(Map.of(
            "SLUICE_HOST", "127.0.0.1",
            "SLUICE_PORT", Integer.toString(ports[i]),
            "SLUICE_SSE_KEY", key,
            "SLUICE_STORE", "redis",
            "SLUICE_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0",
            "SLUICE_CLUSTER_ENABLED", "true",
            "SLUICE_CLUSTER_NAME", tag + "-" + ProcessHandle.current().pid(),
            "SLUICE_CLUSTER_HOST", "127.0.0.1",
            "SLUICE_CLUSTER_PORT", Integer.toString(members[i]),
            "SLUICE_CLUSTER_MEMBERS", "127.0.0.1:" + members[0] + ",127.0.0.1:" + members[1]));
        env.put("SLUICE_KINESIS_THROUGHPUT_LIMITS", "false");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(options.jvmFlags(Target.SLUICE_REDIS));
        cmd.add("-Xlog:gc:file=" + logs.resolve(node + "-gc.log"));
        cmd.add("-jar");
        cmd.add(sluiceJar().toString());
        nodes[i] = ChildProcess.start(node, cmd, env, logs.resolve(node + ".log"));
      }
      a = nodes[0];
      b = nodes[1];
      awaitAnswering(a, ports[0], 120);
      awaitAnswering(b, ports[1], 120);
      awaitLogLine(a, "2 nodes", 60);
      awaitLogLine(b, "2 nodes", 60);
      return new Running(Target.SLUICE_REDIS, ports[0], a, redis, dir, b, ports[1]);
    } catch (Unavailable | RuntimeException e) {
      if (b != null) {
        b.close();
      }
      closeQuietly(a, redis, dir);
      throw e;
    }
  }

  /**
   * Sluice's Kinesis settings in the benchmark: per-shard throughput limits off (the setting of branch
   * {@code limits}; harmless where it does not exist yet) and no CREATING/DELETING spells, as the
   * peers get.
   */
  static final Map<String, String> KINESIS_SETTINGS = Map.of(
      "SLUICE_KINESIS_THROUGHPUT_LIMITS", "false",
      "SLUICE_KINESIS_CREATE_DELAY_MS", "0",
      "SLUICE_KINESIS_DELETE_DELAY_MS", "0",
      "SLUICE_KINESIS_SHARD_LIMIT", "10000");

  /**
   * Sluice's Firehose settings in the benchmark: the Direct PUT quota off (AWS's 5 MiB a second per
   * stream would cap every Firehose scenario) and no CREATING/DELETING spells, as moto has none.
   */
  static final Map<String, String> FIREHOSE_SETTINGS = Map.of(
      "SLUICE_FIREHOSE_DIRECT_PUT_QUOTA", "false",
      "SLUICE_FIREHOSE_CREATE_DELAY_MS", "0",
      "SLUICE_FIREHOSE_DELETE_DELAY_MS", "0");

  /**
   * kinesis-mock's settings (its README, "Service Configuration"): no delay on any stream change,
   * nothing persisted, only warnings logged, shard limit out of the way.
   */
  static final Map<String, String> KINESIS_MOCK_SETTINGS = Map.ofEntries(
      Map.entry("CREATE_STREAM_DURATION", "0ms"), Map.entry("DELETE_STREAM_DURATION", "0ms"),
      Map.entry("REGISTER_STREAM_CONSUMER_DURATION", "0ms"), Map.entry("DEREGISTER_STREAM_CONSUMER_DURATION", "0ms"),
      Map.entry("START_STREAM_ENCRYPTION_DURATION", "0ms"), Map.entry("STOP_STREAM_ENCRYPTION_DURATION", "0ms"),
      Map.entry("MERGE_SHARDS_DURATION", "0ms"), Map.entry("SPLIT_SHARD_DURATION", "0ms"),
      Map.entry("UPDATE_SHARD_COUNT_DURATION", "0ms"), Map.entry("UPDATE_STREAM_MODE_DURATION", "0ms"),
      Map.entry("SHARD_LIMIT", "10000"), Map.entry("SHOULD_PERSIST_DATA", "false"),
      Map.entry("LOG_LEVEL", "WARN"), Map.entry("ROOT_LOG_LEVEL", "ERROR"));

  /**
   * The folder where npm installed {@code pkg@version} under {@link Options#peers()}, installing it
   * first if absent ({@code npm install --prefix}); {@link Unavailable} without npm or network.
   */
  Path installPeer(String pkg, String version) throws Unavailable {
    Path dir = options.peers().resolve(pkg + "-" + version);
    if (Files.isRegularFile(dir.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
      return dir;
    }
    if (!onPath("npm") || !onPath("node")) {
      throw new Unavailable("node and npm are needed to run " + pkg);
    }
    System.out.printf("    installing %s@%s with npm into %s …%n", pkg, version, dir);
    try {
      Files.createDirectories(dir);
      Process p = new ProcessBuilder("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
          "--loglevel=error", pkg + "@" + version).redirectErrorStream(true)
          .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
      if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new Unavailable("npm install " + pkg + "@" + version + " failed: "
            + lastMeaningfulLine(Files.readString(dir.resolve("npm-install.log"))));
      }
    } catch (IOException e) {
      throw new Unavailable("npm install " + pkg + "@" + version + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
    return dir;
  }

  /** The node heap limit matching the JVM servers' -Xmx (2 GiB when none is given). */
  static long nodeHeapMib(List<String> jvmOpts) {
    for (String o : jvmOpts) {
      if (o.startsWith("-Xmx")) {
        String v = o.substring(4).toLowerCase(Locale.ROOT);
        long n = Long.parseLong(v.replaceAll("[^0-9]", ""));
        return v.endsWith("g") ? n * 1024 : v.endsWith("m") ? n : v.endsWith("k") ? n / 1024 : n / (1 << 20);
      }
    }
    return 2048;
  }

  /** Waits until {@code server} answers a Kinesis ListStreams on {@code port}. */
  static void awaitKinesis(ChildProcess server, int port, int timeoutSeconds) throws Unavailable {
    awaitAnswer(server, port, timeoutSeconds, Probe::listStreamsAnswered);
  }

  /** Waits until {@code answered} says {@code server} answers on {@code port}; {@link Unavailable} if it exits first. */
  static void awaitAnswer(ChildProcess server, int port, int timeoutSeconds, java.util.function.IntPredicate answered)
      throws Unavailable {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      if (!server.alive()) {
        throw new Unavailable(server.name() + " exited with code " + server.exitCode() + ": "
            + lastMeaningfulLine(server.logTail(20)));
      }
      if (answered.test(port)) {
        return;
      }
      sleep(20);
    }
    throw new Unavailable(server.name() + " did not answer within " + timeoutSeconds + " s (log: " + server.log() + ")");
  }

  /** Waits until {@code server}'s log shows {@code text}; {@link Unavailable} if it does not in time. */
  private static void awaitLogLine(ChildProcess server, String text, int timeoutSeconds) throws Unavailable {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!server.logTail(200).contains(text)) {
      if (System.nanoTime() > deadline || !server.alive()) {
        throw new Unavailable(server.name() + " did not print '" + text + "' within " + timeoutSeconds + " s");
      }
      sleep(50);
    }
  }

  /** Waits until {@code server} answers a CreateQueue on {@code port}; {@link Unavailable} if it exits first. */
  static void awaitAnswering(ChildProcess server, int port, int timeoutSeconds) throws Unavailable {
    awaitAnswer(server, port, timeoutSeconds, Probe::createQueueAnswered);
  }

  private static ChildProcess startRedis(int port, Path dir, Path log) throws Unavailable {
    if (!onPath("redis-server")) {
      throw new Unavailable("redis-server is not on PATH");
    }
    // AOF with fsync every second is the durability the Redis engine is meant to run with; RDB
    // snapshots are off so that a background save's fork does not land in a measurement.
    ChildProcess redis = ChildProcess.start("redis-" + port, List.of("redis-server",
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
        "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--daemonize", "no"),
        Map.of(), log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Probe.listening(port)) {
      if (!redis.alive() || System.nanoTime() > deadline) {
        redis.close();
        throw new Unavailable("redis-server did not start: " + lastMeaningfulLine(redis.logTail(10)));
      }
      sleep(20);
    }
    return redis;
  }

  /** Where bench/elasticmq put ElasticMQ and its dependencies. */
  Path elasticMqLib() throws Unavailable {
    Path lib = options.repo().resolve("bench/elasticmq/target/lib");
    try (Stream<Path> jars = Files.list(lib)) {
      if (jars.noneMatch(p -> p.getFileName().toString().startsWith("elasticmq-server"))) {
        throw new Unavailable("ElasticMQ jars missing in " + lib + "; run bench/run.sh, which resolves them");
      }
    } catch (IOException e) {
      throw new Unavailable("ElasticMQ jars missing in " + lib + "; run bench/run.sh, which resolves them");
    }
    return lib;
  }

  /** ElasticMQ's configuration: SQS REST API on 127.0.0.1:port, queue URLs naming that address. */
  static String elasticMqConf(int port) {
    return """
        include classpath("application.conf")
        node-address { protocol = "http", host = "127.0.0.1", port = %d, context-path = "" }
        rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
        rest-stats { enabled = false }
        """.formatted(port, port);
  }

  private static volatile String motoVersion;

  /** moto's version (its Python package's), for the report; "?" when it cannot be told. */
  static String motoVersion() {
    if (motoVersion == null) {
      try {
        Process p = new ProcessBuilder("python3", "-c", "import moto; print(moto.__version__)")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        motoVersion = p.waitFor() == 0 && !out.isEmpty() && !out.contains("\n") ? out : "?";
      } catch (IOException e) {
        motoVersion = "?";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "?";
      }
    }
    return motoVersion;
  }

  /** The Redis version, for the report (null when redis-server is missing). */
  static String redisVersion() {
    if (!onPath("redis-server")) {
      return null;
    }
    try {
      Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(5, TimeUnit.SECONDS);
      int v = out.indexOf("v=");
      return v < 0 ? out : out.substring(v + 2, out.indexOf(' ', v) < 0 ? out.length() : out.indexOf(' ', v));
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, binary))) {
        return true;
      }
    }
    return false;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The last log line that says something (skips JVM warnings about Unsafe and blank lines). */
  static String lastMeaningfulLine(String tail) {
    String[] lines = tail.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("WARNING:") && !l.startsWith("at ")) {
        return l.length() > 300 ? l.substring(0, 300) + "…" : l;
      }
    }
    return "(no output)";
  }

  private static void closeQuietly(ChildProcess server, ChildProcess redis, Path dir) {
    if (server != null) {
      server.close();
    }
    if (redis != null) {
      redis.close();
    }
    deleteTree(dir);
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }

  /** Polls {@code done} every 10 ms until it holds; IllegalStateException ({@code what}) after {@code seconds}. */
  static void await(java.util.function.BooleanSupplier done, int seconds, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " after " + seconds + " s");
      }
      sleep(10);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
