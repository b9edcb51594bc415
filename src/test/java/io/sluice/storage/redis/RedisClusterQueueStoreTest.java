package io.sluice.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.config.SluiceConfig.RedisConfig;
import io.sluice.sqs.model.QueueId;
import io.sluice.storage.QueueStore;
import io.sluice.storage.QueueStoreContract;
import io.sluice.testing.RedisTestServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis engine against the store compatibility kit on a Redis Cluster of three masters: every
 * script must touch only its queue's slot (Redis answers CROSSSLOT otherwise) and wipe must reach
 * every master. Uses {@code REDIS_CLUSTER_URLS} (comma-separated) if set, else starts a cluster with
 * {@code redis-server} and {@code redis-cli} from PATH; skipped when neither is available.
 */
class RedisClusterQueueStoreTest extends QueueStoreContract {
  private static final String PREFIX = RedisTestServer.uniquePrefix("cluster");
  private static final List<Process> NODES = new ArrayList<>();
  private static Vertx vertx;
  private static RedisStoreEngine engine;
  private static List<String> urls;

  @BeforeAll
  static void connect() throws Exception {
    String env = System.getenv("REDIS_CLUSTER_URLS");
    if (env != null && !env.isBlank()) {
      urls = Arrays.asList(env.split(","));
    } else {
      Assumptions.assumeTrue(RedisTestServer.onPath("redis-server") && RedisTestServer.onPath("redis-cli"),
          "no REDIS_CLUSTER_URLS and no redis-server/redis-cli on PATH");
      urls = startCluster(3);
    }
    vertx = Vertx.vertx();
    engine = (RedisStoreEngine) await(RedisStoreEngine.start(vertx, new RedisConfig(urls, true, PREFIX, 8))
        .toCompletionStage());
  }

  @AfterAll
  static void disconnect() {
    if (engine != null) {
      await(engine.wipe());
      await(engine.close());
      await(vertx.close().toCompletionStage());
    }
    NODES.forEach(Process::destroy);
  }

  @Override
  protected QueueStore freshStore() {
    await(engine.wipe());
    return engine.queues();
  }

  @Test
  void wipeReachesTheKeysOnEveryMaster() {
    // Given queues whose keys hash to different masters
    List<QueueId> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(createStandard("q" + i));
      send(ids.get(i), "m");
    }
    assertTrue(keysOnEachMaster().stream().filter(n -> n > 0).count() > 1);

    // When the engine wipes
    await(engine.wipe());

    // Then no master holds a key under the prefix
    assertEquals(List.of(0L, 0L, 0L), keysOnEachMaster());
    assertEquals(List.of(), await(store.allQueues()));
  }

  private static List<Long> keysOnEachMaster() {
    List<Long> out = new ArrayList<>();
    for (String url : urls) {
      Redis node = Redis.createClient(vertx, url);
      long n = 0;
      String cursor = "0";
      do {
        var page = await(node.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(PREFIX + ":*")
            .arg("COUNT").arg(1000)).toCompletionStage());
        cursor = page.get(0).toString();
        n += page.get(1).size();
      } while (!cursor.equals("0"));
      await(node.close().toCompletionStage());
      out.add(n);
    }
    return out;
  }

  private static List<String> startCluster(int masters) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("sluice-redis-cluster");
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < masters; i++) {
      int port = RedisTestServer.freePort();
      NODES.add(RedisTestServer.startDedicated(port, dir, "--cluster-enabled", "yes", "--cluster-config-file",
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
