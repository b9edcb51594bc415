package io.sluice.testing;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/** Reads samples from a node's {@code GET /metrics} (Prometheus text format). */
public final class Prometheus {
  private Prometheus() {}

  /** The whole exposition of {@code endpoint}'s /metrics. */
  public static String scrape(URI endpoint) {
    RawHttp.Answer a = RawHttp.get(endpoint.resolve("/metrics"), Map.of());
    if (a.status() != 200) {
      throw new AssertionError("/metrics answered " + a.status() + ": " + a.body());
    }
    return a.body();
  }

  /**
   * The value of the sample of {@code metric} whose labels include {@code queue="<queue>"}, or empty
   * if there is none.
   */
  public static OptionalDouble queueSample(String exposition, String metric, String queue) {
    return labelledSample(exposition, metric, "queue=\"" + queue + "\"");
  }

  /**
   * The value of the sample of {@code metric} whose labels include all of {@code labels} (each
   * {@code name="value"}), or empty if there is none.
   */
  public static OptionalDouble labelledSample(String exposition, String metric, String... labels) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(metric + "{") && Arrays.stream(labels).allMatch(line::contains)) {
        return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return OptionalDouble.empty();
  }

  /** The value of the unlabelled-or-labelled sample line starting with {@code prefix}, or empty. */
  public static OptionalDouble sample(String exposition, String prefix) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(prefix)) {
        return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * Scrapes until {@code metric} for {@code queue} satisfies {@code expected} (absent counts as NaN),
   * failing after {@code timeout}; returns the last exposition.
   */
  public static String awaitQueueSample(URI endpoint, String metric, String queue, DoublePredicate expected,
                                        Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last;
    do {
      last = scrape(endpoint);
      if (expected.test(queueSample(last, metric, queue).orElse(Double.NaN))) {
        return last;
      }
      sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(metric + " for queue " + queue + " did not reach the expected value within "
        + timeout + "; last: " + queueSample(last, metric, queue));
  }

  /**
   * Waits until the node at {@code endpoint} is working on at least one POST request (e.g. a held
   * long poll), as its Vert.x HTTP server metrics report; fails after 15 s.
   */
  public static void awaitActivePost(URI endpoint) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    String last;
    do {
      last = scrape(endpoint);
      if (sample(last, "vertx_http_server_active_requests{method=\"POST\"").orElse(0) >= 1) {
        return;
      }
      sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no request became active on " + endpoint + "; "
        + last.lines().filter(l -> l.startsWith("vertx_http_server_active")).toList());
  }

  /**
   * Waits until the node at {@code endpoint} holds at least {@code count} long polls (its
   * {@code sqs_long_polls_held} gauge); fails after 15 s.
   */
  public static void awaitHeldPolls(URI endpoint, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    double held;
    do {
      held = sample(scrape(endpoint), "sqs_long_polls_held").orElse(0);
      if (held >= count) {
        return;
      }
      sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(endpoint + " held " + held + " long polls, not " + count);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
