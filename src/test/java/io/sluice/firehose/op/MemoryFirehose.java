package io.sluice.firehose.op;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.access.Principal;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.DirectPutQuota;
import io.sluice.firehose.FirehoseServices;
import io.sluice.storage.limits.InMemoryRateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.firehose.FirehoseMetrics;
import io.sluice.firehose.delivery.Flusher;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.storage.Sealer;
import io.sluice.firehose.delivery.RecordingDelivery;
import io.sluice.firehose.delivery.Unprocessed;
import io.sluice.firehose.source.FakeKinesis;
import io.sluice.firehose.source.KinesisSources;
import io.sluice.firehose.store.InMemoryDeliveryStreamStore;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.Operation;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.storage.scheduler.InMemoryScheduler;
import io.sluice.testing.Await;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import java.util.List;
import java.util.Set;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * Firehose operations on the in-memory store with a manual clock, called as account {@link #ACCOUNT}
 * with requests written as the JSON a client sends (read as the gateway reads them).
 */
final class MemoryFirehose {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "000000000000";
  static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  static final String S3 = "{\"RoleARN\":\"" + ROLE + "\",\"BucketARN\":\"arn:aws:s3:::bucket\"}";

  final ManualClock clock = new ManualClock(1_700_000_000_000L);
  final ManualTimers timers = new ManualTimers(clock);
  final InMemoryDeliveryStreamStore store = new InMemoryDeliveryStreamStore();
  /** The Kinesis stream {@link FakeKinesis#ARN}, for KinesisStreamAsSource streams. */
  final FakeKinesis kinesis = new FakeKinesis(clock::millis, 1);
  /** Where CreateDeliveryStream registers Kinesis sources. */
  final InMemoryScheduler sources = new InMemoryScheduler();
  final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final FirehoseMetrics metrics = new FirehoseMetrics(meters);
  final StoredRecords records = new StoredRecords(new Sealer(new byte[32]));
  /** Where the S3 destinations' flushes go. */
  final RecordingDelivery s3 = new RecordingDelivery(Set.of("ExtendedS3", "S3"));
  /** Where the other destinations' flushes go. */
  final RecordingDelivery others = new RecordingDelivery(Set.of("HttpEndpoint", "Splunk", "Redshift",
      "Elasticsearch", "Amazonopensearchservice", "AmazonOpenSearchServerless"));
  final FirehoseServices services;

  MemoryFirehose(FirehoseConfig config) {
    Flusher flusher = new Flusher(store, List.of(s3, others), new Unprocessed(), null, clock, timers, config.flush(),
        metrics, records);
    services = new FirehoseServices(store, clock, config, new DirectPutQuota(limiter, config.directPutQuota()),
        flusher, metrics, records, new KinesisSources(kinesis, sources));
    flusher.start();
  }

  MemoryFirehose() {
    this(FirehoseConfig.DEFAULTS);
  }

  static RequestContext context() {
    return new RequestContext("req", "firehose", "Test", WireProtocol.JSON_1_1, REGION, ACCOUNT, "AKIDTEST",
        "localhost", "http", "/", Principal.unchecked(ACCOUNT));
  }

  /** The operation's answer to the request {@code json}, as JSON on the wire. */
  JsonNode call(Function<FirehoseServices, ? extends Operation<?, ?>> operation, String json) {
    Object response = Await.await(run(operation, json));
    return response == null ? JsonCodec.json().createObjectNode() : JsonCodec.json().valueToTree(response);
  }

  /** The error code the operation fails the request {@code json} with. */
  String errorCode(Function<FirehoseServices, ? extends Operation<?, ?>> operation, String json) {
    return error(operation, json).error().code();
  }

  AwsException error(Function<FirehoseServices, ? extends Operation<?, ?>> operation, String json) {
    return assertThrows(AwsException.class, () -> Await.await(run(operation, json)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private java.util.concurrent.CompletionStage<?> run(Function<FirehoseServices, ? extends Operation<?, ?>> operation,
                                                      String json) {
    Operation op = operation.apply(services);
    Class<?> type = OperationSpec.ofOperationClass(op.getClass()).requestType();
    Object request;
    try {
      request = JsonCodec.requests(JsonCodec.json()).readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return op.execute(context(), request);
    } catch (AwsException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** Creates a DirectPut stream to an ExtendedS3 destination and lets it become ACTIVE. */
  void activeStream(String name) {
    call(CreateDeliveryStream::new, "{\"DeliveryStreamName\":\"" + name + "\",\"ExtendedS3DestinationConfiguration\":"
        + S3 + "}");
    clock.advanceSeconds(1);
  }

  JsonNode describe(String name) {
    return call(DescribeDeliveryStream::new, "{\"DeliveryStreamName\":\"" + name + "\"}")
        .get("DeliveryStreamDescription");
  }
}
