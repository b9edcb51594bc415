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

/**
 * The Redis Cluster that tests use: {@code REDIS_CLUSTER_URLS} (comma-separated) if set, else three
 * masters of {@link RedisTestServer#executable()} started once per test JVM, joined and given their
 * slots with {@code CLUSTER} commands, and stopped when it exits. Callers keep apart by key prefix ({@link RedisTestServer#uniquePrefix}).
 */
public final class RedisTestCluster {
  private static final int MASTERS = 3;
  private static final int SLOTS = 16_384;
  private static List<String> urls;

  private RedisTestCluster() {}

  /** The masters' URLs. */
  public static synchronized List<String> urls() throws IOException, InterruptedException {
    if (urls == null) {
      TestLoop.requireFull("a Redis Cluster");
      String env = System.getenv("REDIS_CLUSTER_URLS");
      if (env != null && !env.isBlank()) {
        urls = Arrays.asList(env.split(","));
      } else {
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
    // What redis-cli --cluster create does for masters without replicas: an even share of the
    // 16,384 slots each, then every node meets the first.
    Vertx vertx = Vertx.vertx();
    try {
      List<Redis> clients = addresses.stream().map(a -> Redis.createClient(vertx, "redis://" + a)).toList();
      for (int i = 0; i < MASTERS; i++) {
        Request addSlots = Request.cmd(Command.CLUSTER).arg("ADDSLOTS");
        for (int slot = i * SLOTS / MASTERS; slot < (i + 1) * SLOTS / MASTERS; slot++) {
          addSlots.arg(slot);
        }
        join(clients.get(i).send(addSlots));
        if (i > 0) {
          String[] first = addresses.get(0).split(":");
          join(clients.get(i).send(Request.cmd(Command.CLUSTER).arg("MEET").arg(first[0]).arg(first[1])));
        }
      }
      for (Redis client : clients) {
        awaitClusterOk(client);
      }
      clients.forEach(Redis::close);
    } finally {
      join(vertx.close());
    }
    return addresses.stream().map(a -> "redis://" + a).toList();
  }

  private static void awaitClusterOk(Redis node) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (join(node.send(Request.cmd(Command.CLUSTER).arg("INFO"))).toString().contains("cluster_state:ok")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("a Redis Cluster node did not become ready");
  }
}
