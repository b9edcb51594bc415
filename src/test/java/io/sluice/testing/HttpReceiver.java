package io.sluice.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP endpoint for tests (SNS http/https subscriptions, Lambda function URLs, push and SMS
 * webhooks): records every request and answers with the statuses queued for its path
 * ({@link #respondWith(String, Integer...)}), else those queued for any path ({@link #respondWith}),
 * else the default status (200 unless given).
 */
public final class HttpReceiver implements AutoCloseable {

  /** One request as received; header names lower-cased. */
  public record Request(String method, String path, Map<String, String> headers, String body, long receivedNanos) {

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
  private final Map<String, Deque<Integer>> statusesByPath = new java.util.concurrent.ConcurrentHashMap<>();
  private final int defaultStatus;

  public HttpReceiver() {
    this(200);
  }

  /** A receiver that answers {@code defaultStatus} when no status is queued. */
  public HttpReceiver(int defaultStatus) {
    this.defaultStatus = defaultStatus;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (requests) {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body,
            System.nanoTime()));
        requests.notifyAll();
      }
      Deque<Integer> forPath = statusesByPath.get(exchange.getRequestURI().getPath());
      Integer status = forPath == null ? null : forPath.poll();
      if (status == null) {
        status = statuses.poll();
      }
      exchange.sendResponseHeaders(status == null ? defaultStatus : status, -1);
      exchange.close();
    });
    server.start();
  }

  /** The URL of {@code path} on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next requests are answered with these statuses, in order; later ones with 200. */
  public void respondWith(Integer... next) {
    statuses.addAll(List.of(next));
  }

  /** The next requests to {@code path} are answered with these statuses, in order. */
  public void respondWith(String path, Integer... next) {
    statusesByPath.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(next));
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Waits until {@code count} requests match, or fails after {@code timeout}. */
  public List<Request> await(Predicate<Request> which, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (requests) {
      while (true) {
        List<Request> matching = requests.stream().filter(which).toList();
        if (matching.size() >= count) {
          return matching;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " matching requests within " + timeout + ", got "
              + matching.size() + " of " + requests.size() + ": " + requests);
        }
        try {
          requests.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted");
        }
      }
    }
  }

  /** Requests of one SNS message type ({@code x-amz-sns-message-type}). */
  public List<Request> await(String messageType, int count, Duration timeout) {
    return await(r -> messageType.equals(r.header("x-amz-sns-message-type")), count, timeout);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
