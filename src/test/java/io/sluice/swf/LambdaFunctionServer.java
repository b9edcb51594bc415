package io.sluice.swf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Lambda functions for SWF tests, each served at a function URL of a local HTTP server (what
 * {@code SLUICE_LAMBDA_ENDPOINTS} maps a function to): {@code hello} answers {@code Hello, <who>!} for
 * the event {@code {"who": …}}; {@code fail} answers 500 with Lambda's error document
 * ({@code errorType} {@code CardDeclined}); {@code hold} answers {@code late} only once
 * {@link #release()}d (at most 30 s on), and holds again when called later. {@link #calls()} are the
 * events each received.
 */
public final class LambdaFunctionServer implements AutoCloseable {
  /** The error document {@code fail} answers. */
  public static final String ERROR = "{\"errorType\":\"CardDeclined\",\"errorMessage\":\"no funds\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One invocation: the function's path and the event it was given. */
  public record Call(String function, String event) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();
  private int lateAnswers;

  public LambdaFunctionServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::invoke);
    server.start();
  }

  /** The function URL of function {@code name} ({@code hello}, {@code fail}, {@code hold}). */
  public String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  /** {@code SLUICE_LAMBDA_ENDPOINTS}'s value mapping each of {@code functions} (function → name served) here. */
  public String endpoints(Map<String, String> functions) {
    StringBuilder setting = new StringBuilder();
    functions.forEach((function, name) -> setting.append(setting.isEmpty() ? "" : ",").append(function).append('=')
        .append(url(name)));
    return setting.toString();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Waits until the functions were invoked {@code count} times in all (a held one is waiting by then). */
  public void awaitCalls(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (calls.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " invocations, got " + calls);
      }
      Thread.sleep(5);
    }
  }

  /** Lets the invocations of {@code hold} held now answer. */
  public void release() {
    held.forEach(CountDownLatch::countDown);
  }

  /** How many held invocations have answered so far. */
  public synchronized int lateAnswers() {
    return lateAnswers;
  }

  /** Waits until {@code count} held invocations in all have answered. */
  public synchronized void awaitLateAnswers(int count, Duration timeout) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (lateAnswers < count) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("the held function did not answer");
      }
      wait(left);
    }
  }

  private synchronized void answeredLate() {
    lateAnswers++;
    notifyAll();
  }

  private void invoke(HttpExchange exchange) throws IOException {
    String function = exchange.getRequestURI().getPath().substring(1);
    String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    // a held call waits for release() before it is listed, so a release after awaitCalls reaches it
    CountDownLatch release = new CountDownLatch(1);
    if (function.equals("hold")) {
      held.add(release);
    }
    calls.add(new Call(function, event));
    switch (function) {
      case "hello" -> {
        JsonNode who = JSON.readTree(event).path("who");
        answer(exchange, 200, "Hello, " + who.asText() + "!");
      }
      case "fail" -> answer(exchange, 500, ERROR);
      case "hold" -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        held.remove(release);
        answer(exchange, 200, "late");
        answeredLate();
      }
      default -> answer(exchange, 404, "");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
