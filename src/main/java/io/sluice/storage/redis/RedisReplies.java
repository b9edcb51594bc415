package io.sluice.storage.redis;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Sluice's scripts and stores pass values that Lua cannot hold: "none" travels as the empty
 * string both ways (a Lua table cannot hold nil), and string maps as JSON objects.
 */
public final class RedisReplies {
  private RedisReplies() {}

  /** A script argument for a value that may be absent: "" for null. */
  public static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** A string reply, with nil or "" (how scripts say "none") as null. */
  public static String text(Response r) {
    String s = r == null ? "" : r.toString();
    return s.isEmpty() ? null : s;
  }

  /** A JSON object of strings as a map in its order (an absent object as an empty map). */
  public static Map<String, String> stringMap(JsonObject json) {
    Map<String, String> out = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }
}
