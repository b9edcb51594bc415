package io.sluice.firehose.destination;

import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.DestinationDelivery;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.Destination;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Delivers to an HTTP endpoint destination (kind {@code HttpEndpoint}) per the developer guide's
 * "HTTP endpoint delivery request and response specifications": a flush is POSTed to
 * {@code EndpointConfiguration.Url} as one request, or several in order when it holds more than a
 * request may ({@link HttpEndpointRequests}); each must be answered as {@link HttpEndpointResponses}
 * requires. A request refused with 413 is dropped, not retried and not written to the error bucket,
 * as the spec says; any other failure stops the attempt and the records from that request on are
 * retried for {@code RetryOptions.DurationInSeconds} (default 300), then written to the S3
 * configuration's error prefix as {@code http-endpoint-failed}. With {@code S3BackupMode} AllData,
 * delivered records are also written to S3.
 */
public final class HttpEndpointDelivery implements DestinationDelivery {
  public static final String KIND = "HttpEndpoint";
  /** RetryOptions.DurationInSeconds when not given (API reference, HttpEndpointRetryOptions). */
  static final long DEFAULT_RETRY_SECONDS = 300;
  private static final Logger LOG = Logger.getLogger(HttpEndpointDelivery.class.getName());

  private final EndpointClient client;
  private final S3Output s3;
  private final InstantSource clock;

  /** @param s3 where failed records and backups are written */
  public HttpEndpointDelivery(EndpointClient client, S3Output s3, InstantSource clock) {
    this.client = client;
    this.s3 = s3;
    this.clock = clock;
  }

  @Override
  public Set<String> kinds() {
    return Set.of(KIND);
  }

  @Override
  public CompletionStage<AttemptResult> attempt(DeliveryBatch batch, int attempt) {
    return send(batch, HttpEndpointRequests.requests(batch), 0, new ArrayList<>(), null);
  }

  /** Sends request {@code i} on; {@code refused} gathers the records of requests answered 413. */
  private CompletionStage<AttemptResult> send(DeliveryBatch batch, List<HttpEndpointRequests.Request> requests, int i,
                                              List<DeliveryRecord> refused, DeliveryFailure refusal) {
    if (i == requests.size()) {
      return CompletableFuture.completedFuture(refused.isEmpty() ? AttemptResult.delivered()
          : AttemptResult.failed(refused, refusal));
    }
    HttpEndpointRequests.Request request = requests.get(i);
    return exchange(batch, request).thenCompose(failure -> {
      if (failure == null) {
        return send(batch, requests, i + 1, refused, refusal);
      }
      if (!failure.retryable()) {
        refused.addAll(request.records());
        return send(batch, requests, i + 1, refused, failure);
      }
      if (!refused.isEmpty()) {
        LOG.warning(() -> "Delivery stream " + batch.stream().id().arn() + ": " + refused.size()
            + " records refused by the HTTP endpoint with 413 are dropped: " + refusal.getMessage());
      }
      List<DeliveryRecord> rest = new ArrayList<>();
      requests.subList(i, requests.size()).forEach(r -> rest.addAll(r.records()));
      return CompletableFuture.completedFuture(AttemptResult.failed(rest, failure));
    });
  }

  /** One request: null if delivered, else why not. */
  private CompletionStage<DeliveryFailure> exchange(DeliveryBatch batch, HttpEndpointRequests.Request request) {
    String url = batch.destination().config().path("EndpointConfiguration").path("Url").asText();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    HttpEndpointRequests.headers(batch, request.requestId()).forEach(headers::add);
    byte[] body = HttpEndpointRequests.body(request.requestId(), clock.millis(), request.records(),
        HttpEndpointRequests.gzip(batch));
    CompletionStage<EndpointClient.Response> sent =
        client.post(url, headers, Buffer.buffer(body), HttpEndpointResponses.MAX_RESPONSE_BYTES);
    return sent.handle((response, error) -> {
      if (error != null) {
        EndpointClient.TransportFailure failure = EndpointClient.TransportFailure.of(error);
        return HttpEndpointError.of(failure.kind()).failure(false, failure.getMessage());
      }
      return HttpEndpointResponses.judge(request.requestId(), response.status(),
          response.headers().get("Content-Type"), response.headers().get("Content-Encoding"), response.body());
    });
  }

  @Override
  public long retryDurationMillis(Destination destination) {
    return EndpointS3Writes.retryDurationMillis(destination, DEFAULT_RETRY_SECONDS);
  }

  /** The retry duration starts after the initial attempt fails (API reference, {@code HttpEndpointRetryOptions}). */
  @Override
  public boolean retryDurationFromFirstFailure(Destination destination) {
    return true;
  }

  @Override
  public CompletionStage<Void> giveUp(DeliveryBatch batch, List<DeliveryRecord> failed, DeliveryFailure cause,
                                      int attempts) {
    if (!cause.retryable() && cause.errorCode().equals(HttpEndpointError.DestinationException.code())) {
      // "Response code 413 (size exceeded) is considered as a permanent failure and the record batch is not
      // sent to error bucket if configured" (HTTP endpoint delivery request and response specifications).
      LOG.warning(() -> "Delivery stream " + batch.stream().id().arn() + ": " + failed.size()
          + " records refused by the HTTP endpoint with 413 are dropped: " + cause.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    return EndpointS3Writes.failed(s3, batch, EndpointErrorOutput.HTTP_ENDPOINT_FAILED, failed, cause, attempts,
        clock.millis());
  }

  @Override
  public CompletionStage<Void> delivered(DeliveryBatch batch) {
    return EndpointS3Writes.delivered(s3, batch, "AllData", clock.millis());
  }
}
