package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.RecordProcessing.ErrorLine;
import io.sluice.firehose.model.BufferedRecord;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.lambda.LambdaInvocationException;
import io.sluice.lambda.LambdaInvoker;
import io.sluice.protocol.JsonCodec;
import io.sluice.time.Timers;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The {@code Lambda} processor (developer guide, "Transform source data in Amazon Data Firehose"):
 * records are sent to the function in invocations of at most {@code BufferSizeInMBs} of data (and
 * within Lambda's 6 MB synchronous payload), as
 * {@code {"invocationId","deliveryStreamArn","region","records":[{"recordId","approximateArrivalTimestamp","data"}]}},
 * with {@code sourceKinesisStreamArn} for a KinesisStreamAsSource stream and, on each of its records,
 * {@code kinesisRecordMetadata} ({@code shardId}, {@code partitionKey}, {@code approximateArrivalTimestamp},
 * {@code sequenceNumber}, {@code subsequenceNumber}).
 * A failed invocation (no answer, an error, an answer that breaks the status model) is retried
 * {@code NumberOfRetries} times; then all its records are {@code processing-failed}. Of an answer,
 * {@code Ok} records go on with the returned data (and the function's partition keys),
 * {@code Dropped} ones are gone, {@code ProcessingFailed} ones are {@code processing-failed}.
 * Invocations of one flush run concurrently; the output keeps the buffer's order.
 */
public final class LambdaTransformation {
  /**
   * How long a node should let one invocation run (the {@code FunctionUrlInvoker}'s timeout): the
   * longest a transformation function may run for Firehose, 5 minutes.
   */
  public static final long FUNCTION_TIMEOUT_MS = 5 * 60_000;
  /** Lambda's synchronous invocation payload limit. */
  static final long PAYLOAD_LIMIT = 6L * 1024 * 1024;
  /** What one record adds to an invocation besides its base64 data (ids, timestamps, punctuation). */
  private static final int RECORD_OVERHEAD = 160;

  private final LambdaInvoker invoker;
  private final InstantSource clock;
  private final Timers timers;
  private final long retryDelayMillis;

  /** {@code retryDelayMillis}: the wait before each retry of a failed invocation. */
  public LambdaTransformation(LambdaInvoker invoker, InstantSource clock, Timers timers, long retryDelayMillis) {
    this.invoker = invoker;
    this.clock = clock;
    this.timers = timers;
    this.retryDelayMillis = retryDelayMillis;
  }

  /** Transformed records, in order, and the error lines of those that failed. */
  public record Transformed(List<DeliveryRecord> records, List<ErrorLine> errors) {}

  /** Transforms {@code records} with {@code lambda}; {@code invocationId} is stable across the flush's retries. */
  public CompletionStage<Transformed> transform(DeliveryStreamRecord stream, ProcessingSettings.Lambda lambda,
                                                String invocationId, List<BufferedRecord> records) {
    List<List<BufferedRecord>> batches = batches(records, lambda.bufferBytes());
    List<CompletableFuture<Transformed>> parts = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      String id = batches.size() == 1 && isUuid(invocationId) ? invocationId
          : UUID.nameUUIDFromBytes((invocationId + "/" + i).getBytes(StandardCharsets.UTF_8)).toString();
      byte[] payload = payload(stream, id, batches.get(i));
      parts.add(invoke(lambda, payload, batches.get(i), 1).toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<DeliveryRecord> out = new ArrayList<>();
      List<ErrorLine> errors = new ArrayList<>();
      for (CompletableFuture<Transformed> part : parts) {
        out.addAll(part.join().records());
        errors.addAll(part.join().errors());
      }
      return new Transformed(out, errors);
    });
  }

  /** {@code records} cut into invocations of at most {@code bufferBytes} of data and 6 MB of payload, each at least one record. */
  static List<List<BufferedRecord>> batches(List<BufferedRecord> records, long bufferBytes) {
    List<List<BufferedRecord>> out = new ArrayList<>();
    List<BufferedRecord> current = new ArrayList<>();
    long data = 0;
    long payload = 0;
    for (BufferedRecord r : records) {
      long encoded = (r.data().length + 2L) / 3 * 4 + RECORD_OVERHEAD;
      if (!current.isEmpty() && (data + r.data().length > bufferBytes || payload + encoded > PAYLOAD_LIMIT)) {
        out.add(current);
        current = new ArrayList<>();
        data = 0;
        payload = 0;
      }
      current.add(r);
      data += r.data().length;
      payload += encoded;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private CompletionStage<Transformed> invoke(ProcessingSettings.Lambda lambda, byte[] payload,
                                              List<BufferedRecord> batch, int attempt) {
    List<String> ids = batch.stream().map(BufferedRecord::recordId).toList();
    CompletionStage<Map<String, TransformationResponse.Outcome>> answered;
    try {
      answered = invoker.invoke(lambda.arn(), payload).thenApply(body -> TransformationResponse.parse(body, ids));
    } catch (RuntimeException e) {
      answered = CompletableFuture.failedFuture(e);
    }
    return answered.handle((outcomes, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(outcome(lambda, batch, outcomes, attempt));
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      LambdaInvocationException e = cause instanceof LambdaInvocationException l ? l
          : new LambdaInvocationException("Lambda.ServiceException", String.valueOf(cause.getMessage()));
      if (attempt > lambda.retries() || "Lambda.ResourceNotFound".equals(e.errorCode())) {
        return CompletableFuture.completedFuture(failedAll(lambda, batch, e, attempt));
      }
      CompletableFuture<Transformed> retried = new CompletableFuture<>();
      timers.once(retryDelayMillis, () -> invoke(lambda, payload, batch, attempt + 1).whenComplete((t, f) -> {
        if (f != null) {
          retried.completeExceptionally(f);
        } else {
          retried.complete(t);
        }
      }));
      return retried;
    }).thenCompose(stage -> stage);
  }

  private Transformed outcome(ProcessingSettings.Lambda lambda, List<BufferedRecord> batch,
                              Map<String, TransformationResponse.Outcome> outcomes, int attempt) {
    List<DeliveryRecord> out = new ArrayList<>();
    List<ErrorLine> errors = new ArrayList<>();
    long now = clock.millis();
    for (BufferedRecord r : batch) {
      TransformationResponse.Outcome o = outcomes.get(r.recordId());
      switch (o.result()) {
        case "Ok" -> {
          Map<String, String> keys = new LinkedHashMap<>();
          o.partitionKeys().forEach((k, v) -> keys.put("partitionKeyFromLambda:" + k, v));
          out.add(new DeliveryRecord(r.recordId(), r.arrivalMillis(), o.data(), keys));
        }
        case "ProcessingFailed" -> errors.add(ErrorOutput.line(ErrorOutput.PROCESSING_FAILED, attempt,
            r.arrivalMillis(), "Lambda.ProcessingFailedStatus", "ProcessingFailed status set for record", now,
            r.data(), lambda.arn()));
        default -> { } // Dropped: intentionally left out by the function.
      }
    }
    return new Transformed(out, errors);
  }

  private Transformed failedAll(ProcessingSettings.Lambda lambda, List<BufferedRecord> batch,
                                LambdaInvocationException e, int attempts) {
    long now = clock.millis();
    List<ErrorLine> errors = new ArrayList<>();
    for (BufferedRecord r : batch) {
      errors.add(ErrorOutput.line(ErrorOutput.PROCESSING_FAILED, attempts, r.arrivalMillis(), e.errorCode(),
          e.getMessage(), now, r.data(), lambda.arn()));
    }
    return new Transformed(List.of(), errors);
  }

  private static byte[] payload(DeliveryStreamRecord stream, String invocationId, List<BufferedRecord> batch) {
    ObjectNode root = JsonCodec.json().createObjectNode();
    root.put("invocationId", invocationId);
    root.put("deliveryStreamArn", stream.id().arn());
    root.put("region", stream.id().region());
    if (stream.source() != null && stream.source().hasNonNull("KinesisStreamARN")) {
      // A Kinesis-sourced stream's invocations name the source stream (the Lambda blueprints' event model).
      root.put("sourceKinesisStreamArn", stream.source().get("KinesisStreamARN").asText());
    }
    ArrayNode records = root.putArray("records");
    for (BufferedRecord r : batch) {
      ObjectNode record = records.addObject().put("recordId", r.recordId())
          .put("approximateArrivalTimestamp", r.arrivalMillis())
          .put("data", Base64.getEncoder().encodeToString(r.data()));
      if (r.kinesis() != null) {
        record.putObject("kinesisRecordMetadata").put("shardId", r.kinesis().shardId())
            .put("partitionKey", r.kinesis().partitionKey())
            .put("approximateArrivalTimestamp", r.kinesis().approximateArrivalTimestamp())
            .put("sequenceNumber", r.kinesis().sequenceNumber())
            .put("subsequenceNumber", r.kinesis().subsequenceNumber());
      }
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isUuid(String s) {
    try {
      return UUID.fromString(s).toString().equalsIgnoreCase(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
