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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Lua script of a Redis store, read from {@code lua/<name>.lua}. A script names the libraries
 * it needs in lines {@code --@use <library>} at its top (e.g. {@code --@use common}); each library
 * ({@code lua/<library>.lua}, which may name its own) is prepended once, in order, so the script is
 * still one self-contained EVAL and one atomic step. Runs by EVALSHA; a server that does not know
 * the script yet (restart, failover, a cluster node seen for the first time) answers NOSCRIPT and
 * gets it once by EVAL, which also caches it there.
 */
public final class RedisScript {
  private static final Pattern USE = Pattern.compile("(?m)^--@use\\s+(\\S+)\\s*$");

  private final String name;
  private final String source;
  private final String sha;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  /** The script {@code lua/<name>.lua} with the libraries it uses. */
  public static RedisScript load(String name) {
    Set<String> libraries = new LinkedHashSet<>();
    String body = resource(name);
    collectLibraries(body, libraries);
    StringBuilder source = new StringBuilder();
    for (String library : libraries) {
      source.append(resource(library)).append('\n');
    }
    return new RedisScript(name, source.append(body).toString());
  }

  /** Adds the libraries {@code text} uses, each after the libraries it uses itself. */
  private static void collectLibraries(String text, Set<String> into) {
    Matcher m = USE.matcher(text);
    while (m.find()) {
      String library = m.group(1);
      if (!into.contains(library)) {
        collectLibraries(resource(library), into);
        into.add(library);
      }
    }
  }

  public String name() {
    return name;
  }

  /** The whole text sent to Redis, libraries included. */
  public String source() {
    return source;
  }

  /**
   * Runs the script. {@code args} may be {@code String}, {@code byte[]}, {@code Long} or
   * {@code Integer}.
   */
  public Future<Response> run(Redis redis, List<String> keys, List<Object> args) {
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
    String path = "lua/" + name + ".lua";
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
