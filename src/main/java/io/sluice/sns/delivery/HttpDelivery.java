package io.sluice.sns.delivery;

import io.sluice.time.Timers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Delivers to http and https endpoints: one POST per message with the headers AWS sends
 * ({@code x-amz-sns-message-type}, {@code -message-id}, {@code -topic-arn}, {@code -subscription-arn},
 * {@code -rawdelivery}), the Content-Type of the effective delivery policy's request policy, and
 * its throttle. 2xx is delivered; 3xx and 4xx are refused for good; anything else, a timeout or a
 * connection failure is retried (see "Amazon SNS message delivery retries").
 */
public final class HttpDelivery implements ProtocolDelivery {
  static final String USER_AGENT = "Amazon Simple Notification Service Agent";

  private final HttpClient client;
  private final Timers timers;
  private final NotificationBodies bodies;
  private final InstantSource clock;
  private final long timeoutMs;
  private final Map<String, ThrottleGate> throttles = new ConcurrentHashMap<>();

  /** @param timers wait out throttled deliveries' turns, measured on {@code clock} */
  public HttpDelivery(Vertx vertx, NotificationBodies bodies, InstantSource clock, Timers timers, long timeoutMs) {
    this.bodies = bodies;
    this.clock = clock;
    this.timers = timers;
    this.timeoutMs = timeoutMs;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) Math.min(timeoutMs, 10_000))
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(20));
  }

  @Override
  public Future<Void> deliver(Attempt attempt) {
    EffectiveDeliveryPolicy policy = DeliveryPolicies.effective(attempt.topic().attribute("DeliveryPolicy"),
        attempt.subscription().attribute("DeliveryPolicy"));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("x-amz-sns-message-type", "Notification")
        .add("x-amz-sns-message-id", attempt.message().messageId())
        .add("x-amz-sns-topic-arn", attempt.topic().arn())
        .add("x-amz-sns-subscription-arn", attempt.subscription().arn())
        .add("Content-Type", policy.headerContentType());
    if (attempt.subscription().rawMessageDelivery()) {
      headers.add("x-amz-sns-rawdelivery", "true");
    }
    String body = bodies.bodyFor(attempt);
    long wait = 0;
    if (policy.throttle().isPresent()) {
      int rate = policy.throttle().getAsInt();
      ThrottleGate gate = throttles.compute(attempt.subscription().arn(),
          (k, g) -> g == null || g.maxReceivesPerSecond() != rate ? new ThrottleGate(rate) : g);
      long now = clock.millis();
      synchronized (gate) {
        wait = Math.max(0, gate.reserve(now) - now);
      }
    }
    if (wait == 0) {
      return post(attempt.subscription().endpoint(), headers, body);
    }
    Promise<Void> turn = Promise.promise();
    timers.once(wait, turn::complete);
    return turn.future().compose(t -> post(attempt.subscription().endpoint(), headers, body));
  }

  /** Sends one POST; succeeds on 2xx, fails with a {@link DeliveryFailure} otherwise. */
  public Future<Void> post(String url, MultiMap headers, String body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .setIdleTimeout(timeoutMs).setHeaders(headers).putHeader("User-Agent", USER_AGENT);
    // the body is asked for in the callback that gets the response (see FunctionUrlInvoker)
    return client.request(options)
        .compose(req -> req.send(body).compose(resp -> resp.body().map(ignored -> resp.statusCode())))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(t -> Future.failedFuture(new DeliveryFailure(true, "ConnectionFailure",
            "HTTP delivery to " + url + " failed: " + t.getMessage())))
        .compose(status -> switch (DeliveryOutcome.classify(status)) {
          case DELIVERED -> Future.succeededFuture();
          case REJECTED -> Future.failedFuture(new DeliveryFailure(false, "HttpStatus" + status,
              "the endpoint answered HTTP " + status));
          case RETRYABLE -> Future.failedFuture(new DeliveryFailure(true, "HttpStatus" + status,
              "the endpoint answered HTTP " + status));
        });
  }

  public void close() {
    client.close();
  }
}
