package io.sluice.storage.redis;

import io.sluice.logging.OutageLog;
import io.sluice.storage.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The Redis client the stores share: the engine's client, whose calls that fail because Redis cannot
 * be reached fail with a {@link StoreUnavailableException} (no stack trace) and are counted in the
 * engine's {@link OutageLog} instead of being logged one by one. Redis's error replies to a
 * command (NOSCRIPT, a script's error) pass unchanged.
 */
final class GuardedRedis implements Redis {
  /** Error replies that mean "not now" rather than "wrong command" (Redis docs, "Error replies"). */
  private static final List<String> TRANSIENT_REPLIES = List.of("LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN",
      "TRYAGAIN");

  private final Redis delegate;
  private final String name;
  private final OutageLog outages;

  GuardedRedis(Redis delegate, String name, OutageLog outages) {
    this.delegate = delegate;
    this.name = name;
    this.outages = outages;
  }

  @Override
  public Future<RedisConnection> connect() {
    return delegate.connect();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  @Override
  public Future<Response> send(Request command) {
    return watched(delegate.send(command));
  }

  @Override
  public Future<List<Response>> batch(List<Request> commands) {
    return watched(delegate.batch(commands));
  }

  private <T> Future<T> watched(Future<T> call) {
    return call.transform(ar -> {
      if (ar.succeeded()) {
        outages.succeeded();
        return call;
      }
      String reason = unavailable(ar.cause());
      if (reason == null) {
        // Redis answered, with an error reply: it is up.
        outages.succeeded();
        return call;
      }
      outages.failed(reason);
      return Future.failedFuture(new StoreUnavailableException(name + " is unavailable: " + reason, null));
    });
  }

  /** Why {@code failure} means Redis cannot be reached or cannot serve now, in a few words; null if it does not. */
  static String unavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + message;
      }
      if (t instanceof IOException) {
        return "connection lost (" + (message.isEmpty() ? t.getClass().getSimpleName() : message) + ")";
      }
      if (message.startsWith("WRONGPASS") || message.contains("invalid password")) {
        return "Redis refused the password (" + message + ")";
      }
      if (message.startsWith("NOAUTH")) {
        return "Redis requires a password and the URL gives none (" + message + ")";
      }
      if (message.contains("without any password configured")) {
        return "Redis has no password set but the URL gives one (" + message + ")";
      }
      String code = message.split(" ", 2)[0];
      if (TRANSIENT_REPLIES.contains(code)) {
        return message;
      }
      String lower = message.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("connection") && (lower.contains("closed") || lower.contains("reset"))) {
        return "connection lost (" + message + ")";
      }
    }
    return null;
  }
}
