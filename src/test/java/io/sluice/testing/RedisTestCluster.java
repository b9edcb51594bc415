package io.sluice.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis Cluster that tests use: {@code REDIS_CLUSTER_URLS} (comma-separated) if set, else three
 * masters started once per test JVM with {@code redis-server} and {@code redis-cli} from PATH and
 * stopped when it exits. Callers keep apart by key prefix ({@link RedisTestServer#uniquePrefix}).
 */
public final class RedisTestCluster {
  private static final int MASTERS = 3;
  private static List<String> urls;

  private RedisTestCluster() {}

  /** The masters' URLs; aborts the calling test (skipped) when there is no cluster to be had. */
  public static synchronized List<String> urls() throws IOException, InterruptedException {
    if (urls == null) {
      TestLoop.requireFull("a Redis Cluster");
      String env = System.getenv("REDIS_CLUSTER_URLS");
      if (env != null && !env.isBlank()) {
        urls = Arrays.asList(env.split(","));
      } else {
        Assumptions.assumeTrue(RedisTestServer.onPath("redis-server") && RedisTestServer.onPath("redis-cli"),
            "no REDIS_CLUSTER_URLS and no redis-server/redis-cli on PATH");
        urls = start();
      }
    }
    return urls;
  }

  /** How many keys under {@code prefix} each master holds, in the order of {@link #urls()}. */
  public static List<Long> keysOnEachMaster(Vertx vertx, String prefix) throws IOException, InterruptedException {
    List<Long> out = new ArrayList<>();
    for (String url : urls()) {
      Redis node = Redis.createClient(vertx, url);
      out.add((long) keys(node, prefix + ":*").size());
      join(node.close());
    }
    return out;
  }

  /** The keys matching a glob on one server (standalone, or one master of a cluster), by SCAN. */
  public static List<String> keys(Redis node, String pattern) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      var page = join(node.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern)
          .arg("COUNT").arg(1000)));
      cursor = page.get(0).toString();
      page.get(1).forEach(k -> keys.add(k.toString()));
    } while (!cursor.equals("0"));
    return keys;
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A free port whose cluster bus port (the port plus 10000, where every cluster node also listens)
   * is free too: a node whose bus port is taken exits at once.
   */
  private static int freeNodePort() {
    while (true) {
      int port = RedisTestServer.freePort();
      if (port + 10_000 <= 65_535) {
        try (ServerSocket bus = new ServerSocket(port + 10_000, 50, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
  }

  private static List<String> start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("sluice-redis-cluster");
    List<Process> nodes = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(Process::destroy)));
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < MASTERS; i++) {
      int port = freeNodePort();
      nodes.add(RedisTestServer.startDedicated(port, dir, "--cluster-enabled", "yes", "--cluster-config-file",
          "nodes-" + port + ".conf", "--save", "", "--appendonly", "no"));
      addresses.add("127.0.0.1:" + port);
    }
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    create.addAll(addresses);
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process p = new ProcessBuilder(create).redirectErrorStream(true)
        .redirectOutput(dir.resolve("create.log").toFile()).start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("redis-cli --cluster create failed; see " + dir.resolve("create.log"));
    }
    for (String address : addresses) {
      awaitClusterOk(address);
    }
    return addresses.stream().map(a -> "redis://" + a).toList();
  }

  private static void awaitClusterOk(String address) throws IOException, InterruptedException {
    String[] hostPort = address.split(":");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Process info = new ProcessBuilder("redis-cli", "-h", hostPort[0], "-p", hostPort[1], "cluster", "info").start();
      String text = new String(info.getInputStream().readAllBytes());
      info.waitFor();
      if (text.contains("cluster_state:ok")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("cluster node " + address + " did not become ready");
  }
}
