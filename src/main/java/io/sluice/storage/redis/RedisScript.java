package io.sluice.storage.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One Lua script of the Redis engine, read from {@code redis/<name>.lua} with {@code redis/lib.lua}
 * prepended. Runs by EVALSHA; a server that does not know the script yet (restart, failover, a
 * cluster node seen for the first time) answers NOSCRIPT and gets it once by EVAL, which also
 * caches it there.
 */
final class RedisScript {
  private static final String LIB = resource("lib");

  private final String name;
  private final String source;
  private final String sha;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  static RedisScript load(String name) {
    return new RedisScript(name, LIB + resource(name));
  }

  String name() {
    return name;
  }

  /**
   * Runs the script. {@code args} may be {@code String}, {@code byte[]}, {@code Long} or
   * {@code Integer}.
   */
  Future<Response> run(Redis redis, List<String> keys, List<Object> args) {
    return redis.send(request(Command.EVALSHA, sha, keys, args)).recover(failure -> {
      String message = failure.getMessage();
      if (message != null && message.startsWith("NOSCRIPT")) {
        return redis.send(request(Command.EVAL, source, keys, args));
      }
      return Future.failedFuture(failure);
    });
  }

  private static Request request(Command command, String script, List<String> keys, List<Object> args) {
    Request req = Request.cmd(command).arg(script).arg(keys.size());
    for (String key : keys) {
      req.arg(key);
    }
    for (Object a : args) {
      switch (a) {
        case String s -> req.arg(s);
        case byte[] b -> req.arg(b);
        case Long l -> req.arg(l.longValue());
        case Integer i -> req.arg(i.intValue());
        default -> throw new IllegalArgumentException("unsupported script argument " + a.getClass());
      }
    }
    return req;
  }

  private static String resource(String name) {
    String path = "redis/" + name + ".lua";
    try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
