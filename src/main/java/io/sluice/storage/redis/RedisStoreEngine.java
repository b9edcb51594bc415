package io.sluice.storage.redis;

import io.sluice.config.SluiceConfig.RedisConfig;
import io.sluice.storage.StoreEngine;
import io.sluice.storage.StoreFactory;
import io.sluice.logging.OutageLog;
import io.sluice.storage.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The durable engine: every service's state in Redis (standalone, or Redis Cluster with several
 * seed URLs), shared by all Sluice nodes that use the same key prefix. Services build every key
 * through {@link #keys}, so each starts with {@code <keyPrefix>:} and {@link #wipe} can delete
 * exactly Sluice's keys in a Redis that holds other data.
 */
public final class RedisStoreEngine implements StoreEngine {
  // Requests beyond the pool size wait for a connection; under load many do (the default is 24).
  private static final int MAX_POOL_WAITING = 100_000;
  private static final int SCAN_COUNT = 1000;
  private static final long OUTAGE_SUMMARY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

  private final Vertx vertx;
  private final Redis redis;
  private final RedisConfig config;
  private final RedisKeys keys;

  private RedisStoreEngine(Vertx vertx, Redis redis, RedisConfig config) {
    this.vertx = vertx;
    this.redis = redis;
    this.config = config;
    this.keys = RedisKeys.root(config.keyPrefix());
  }

  /** Connects and checks that Redis answers; fails (naming the server, not its password) if not. */
  public static Future<RedisStoreEngine> start(Vertx vertx, RedisConfig config) {
    RedisOptions options = new RedisOptions()
        .setType(config.cluster() ? RedisClientType.CLUSTER : RedisClientType.STANDALONE)
        .setEndpoints(new ArrayList<>(config.urls()))
        .setMaxPoolSize(config.maxPoolSize())
        .setMaxPoolWaiting(MAX_POOL_WAITING);
    Redis redis = Redis.createClient(vertx, options);
    String name = "Redis at " + withoutPassword(config.urls());
    return redis.send(Request.cmd(Command.PING))
        .map(pong -> new RedisStoreEngine(vertx,
            new GuardedRedis(redis, name, new OutageLog(name,
                "calls answer 503 ServiceUnavailable until it is back", System::nanoTime, OUTAGE_SUMMARY_NANOS)), config))
        .recover(failure -> {
          String reason = GuardedRedis.unavailable(failure);
          String message = "Cannot connect to " + name + ": "
              + (reason != null ? reason : String.valueOf(failure.getMessage()).lines().findFirst().orElse(""));
          return redis.close().transform(v -> Future.failedFuture(new StoreUnavailableException(message, failure)));
        });
  }

  @Override
  public <S> S open(StoreFactory<S> factory) {
    return factory.redis(this);
  }

  @Override
  public String name() {
    return "redis";
  }

  /** The client every store of this engine shares. */
  public Redis client() {
    return redis;
  }

  /** The root of every key a store of this engine writes ({@code <keyPrefix>:}). */
  public RedisKeys keys() {
    return keys;
  }

  /** The Vert.x instance the client runs on. */
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public CompletionStage<Boolean> ping() {
    return redis.send(Request.cmd(Command.PING)).map(r -> "PONG".equalsIgnoreCase(String.valueOf(r)))
        .otherwise(false).toCompletionStage();
  }

  /** Deletes every key under the key prefix, by SCAN and UNLINK (on a cluster, on every master). */
  @Override
  public CompletionStage<Void> wipe() {
    String pattern = globEscape(config.keyPrefix()) + ":*";
    if (!config.cluster()) {
      return unlinkMatching(redis, pattern, "0", true).toCompletionStage();
    }
    return masters().compose(urls -> {
      List<Future<Void>> perNode = new ArrayList<>();
      for (String url : urls) {
        Redis node = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(1)
            .setMaxPoolWaiting(MAX_POOL_WAITING));
        perNode.add(unlinkMatching(node, pattern, "0", false).eventually(node::close));
      }
      return Future.all(perNode).<Void>mapEmpty();
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Void> close() {
    return redis.close().toCompletionStage();
  }

  private static Future<Void> unlinkMatching(Redis node, String pattern, String cursor, boolean oneSlotSpace) {
    return node.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_COUNT))
        .compose(page -> {
          String next = page.get(0).toString();
          Response keys = page.get(1);
          Future<?> unlinked;
          if (keys.size() == 0) {
            unlinked = Future.succeededFuture();
          } else if (oneSlotSpace) {
            Request unlink = Request.cmd(Command.UNLINK);
            keys.forEach(k -> unlink.arg(k.toBytes()));
            unlinked = node.send(unlink);
          } else {
            // On a cluster node the keys lie in different slots: one UNLINK each (CROSSSLOT otherwise).
            List<Request> each = new ArrayList<>(keys.size());
            keys.forEach(k -> each.add(Request.cmd(Command.UNLINK).arg(k.toBytes())));
            unlinked = node.batch(each);
          }
          return unlinked.compose(v -> "0".equals(next) ? Future.<Void>succeededFuture()
              : unlinkMatching(node, pattern, next, oneSlotSpace));
        });
  }

  /** Connection strings of the cluster's masters, with the credentials of the configured URL. */
  private Future<List<String>> masters() {
    return redis.send(Request.cmd(Command.CLUSTER).arg("NODES")).map(nodes -> {
      URI seed = URI.create(config.urls().get(0));
      List<String> out = new ArrayList<>();
      for (String line : nodes.toString().split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length < 3 || !f[2].contains("master") || f[2].contains("fail") || f[2].contains("noaddr")) {
          continue;
        }
        String address = f[1].split("@", 2)[0];
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
          continue;
        }
        try {
          out.add(new URI(seed.getScheme(), seed.getUserInfo(), address.substring(0, colon),
              Integer.parseInt(address.substring(colon + 1)), null, null, null).toString());
        } catch (URISyntaxException | NumberFormatException e) {
          throw new IllegalStateException("unexpected CLUSTER NODES entry: " + line, e);
        }
      }
      return out;
    });
  }

  private static String globEscape(String s) {
    return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }

  private static String withoutPassword(List<String> urls) {
    return String.join(", ", urls.stream().map(u -> u.replaceFirst("//[^@/]*@", "//")).toList());
  }
}
