package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.DestinationDelivery;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.Destination;
import io.sluice.time.Timers;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Delivers to Splunk (kind {@code Splunk}) through its HTTP Event Collector ({@link HecProtocol}):
 * one POST of the flush to the {@code HECEndpoint}'s raw or event collector, then polls of its
 * acknowledgement every {@code ackPollMillis}. An attempt succeeds when HEC says the events are
 * indexed; it fails with {@code Splunk.AckTimeout} when {@code HECAcknowledgmentTimeoutInSeconds}
 * (default 180) passed since its send, or with the error HEC's answer names. Failed flushes are
 * retried for {@code RetryOptions.DurationInSeconds} (default 3600), then written to the S3
 * configuration's error prefix as {@code splunk-failed}; with {@code S3BackupMode} AllEvents every
 * delivered record is also written to S3 ("Handle data delivery failures", Splunk).
 */
public final class SplunkDelivery implements DestinationDelivery {
  public static final String KIND = "Splunk";
  /** RetryOptions.DurationInSeconds when not given (DescribeDeliveryStream's default for Splunk). */
  static final long DEFAULT_RETRY_SECONDS = 3600;
  /** HECAcknowledgmentTimeoutInSeconds when not given. */
  static final long DEFAULT_ACK_TIMEOUT_SECONDS = 180;
  /** HEC's largest answer Firehose reads. */
  private static final int MAX_ANSWER_BYTES = 1 << 20;

  private final EndpointClient client;
  private final S3Output s3;
  private final InstantSource clock;
  private final Timers timers;
  private final long ackPollMillis;
  /** This node's HEC channel: acknowledgements are per channel, and a channel is meant to be reused. */
  private final String channel = UUID.randomUUID().toString();

  /** @param timers wait between acknowledgement polls, measured on {@code clock} */
  public SplunkDelivery(EndpointClient client, S3Output s3, InstantSource clock, Timers timers, long ackPollMillis) {
    this.client = client;
    this.s3 = s3;
    this.clock = clock;
    this.timers = timers;
    this.ackPollMillis = ackPollMillis;
  }

  @Override
  public Set<String> kinds() {
    return Set.of(KIND);
  }

  @Override
  public CompletionStage<AttemptResult> attempt(DeliveryBatch batch, int attempt) {
    JsonNode config = batch.destination().config();
    String endpoint = config.path("HECEndpoint").asText();
    String type = config.path("HECEndpointType").asText("Raw");
    long sentAt = clock.millis();
    long ackTimeout = config.path("HECAcknowledgmentTimeoutInSeconds").asLong(DEFAULT_ACK_TIMEOUT_SECONDS) * 1000;
    String contentType = "Event".equals(type) ? "application/json" : "text/plain; charset=utf-8";
    return post(HecProtocol.eventsUrl(endpoint, type), config, contentType, HecProtocol.body(batch.records()),
        (status, body) -> HecProtocol.sent(status, body))
        .thenCompose(sent -> sent.failure() != null ? CompletableFuture.completedFuture(sent.failure())
            : awaitAck(endpoint, config, sent.ackId(), sentAt + ackTimeout))
        .handle((failure, error) -> {
          DeliveryFailure why = error == null ? failure : failureOf(error);
          return why == null ? AttemptResult.delivered() : AttemptResult.failed(batch.records(), why);
        });
  }

  private static DeliveryFailure failureOf(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof DeliveryFailure f ? f : SplunkError.ServerError.failure(String.valueOf(cause.getMessage()));
  }

  /** Polls for {@code ackId} until it is indexed (null), a poll fails, or {@code deadline} passes. */
  private CompletionStage<DeliveryFailure> awaitAck(String endpoint, JsonNode config, long ackId, long deadline) {
    CompletableFuture<Void> turn = new CompletableFuture<>();
    timers.once(ackPollMillis, () -> turn.complete(null));
    return turn.thenCompose(v -> post(HecProtocol.ackUrl(endpoint), config, "application/json",
            HecProtocol.ackBody(ackId), (status, body) -> HecProtocol.acked(ackId, status, body)))
        .thenCompose(acked -> {
          if (acked.failure() != null) {
            return CompletableFuture.completedFuture(acked.failure());
          }
          if (acked.indexed()) {
            return CompletableFuture.completedFuture(null);
          }
          if (clock.millis() >= deadline) {
            return CompletableFuture.completedFuture(SplunkError.AckTimeout.failure(""));
          }
          return awaitAck(endpoint, config, ackId, deadline);
        });
  }

  /** What a HEC answer means. */
  private interface Judge<T> {
    T judge(int status, byte[] body);
  }

  /** One POST on this node's channel, judged; a failed stage's cause is Splunk's error for the transport failure. */
  private <T> CompletionStage<T> post(String url, JsonNode config, String contentType, byte[] body, Judge<T> judge) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    Map<String, String> map = HecProtocol.headers(config.path("HECToken").textValue(), channel, contentType);
    map.forEach(headers::add);
    return client.post(url, headers, Buffer.buffer(body), MAX_ANSWER_BYTES).handle((response, error) -> {
      if (error == null) {
        return CompletableFuture.completedFuture(judge.judge(response.status(), response.body()));
      }
      EndpointClient.TransportFailure failure = EndpointClient.TransportFailure.of(error);
      return CompletableFuture.<T>failedFuture(SplunkError.of(failure.kind()).failure(failure.getMessage()));
    }).thenCompose(Function.identity());
  }

  @Override
  public long retryDurationMillis(Destination destination) {
    return EndpointS3Writes.retryDurationMillis(destination, DEFAULT_RETRY_SECONDS);
  }

  /** The retry duration starts after the initial attempt fails (API reference, {@code SplunkRetryOptions}). */
  @Override
  public boolean retryDurationFromFirstFailure(Destination destination) {
    return true;
  }

  @Override
  public CompletionStage<Void> giveUp(DeliveryBatch batch, List<DeliveryRecord> failed, DeliveryFailure cause,
                                      int attempts) {
    return EndpointS3Writes.failed(s3, batch, EndpointErrorOutput.SPLUNK_FAILED, failed, cause, attempts,
        clock.millis());
  }

  @Override
  public CompletionStage<Void> delivered(DeliveryBatch batch) {
    return EndpointS3Writes.delivered(s3, batch, "AllEvents", clock.millis());
  }
}
