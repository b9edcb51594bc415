package io.sluice.firehose;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.FlushListener;
import io.sluice.firehose.model.DeliveryStreamRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Firehose meters per delivery stream (tag {@code deliveryStream}) named {@code firehose.<CloudWatch
 * metric>} (Firehose Developer Guide, "Monitoring with CloudWatch metrics"): on puts
 * {@code IncomingRecords}, {@code IncomingBytes}, {@code IncomingPutRequests}, {@code ThrottledRecords},
 * {@code PutRecord.*}/{@code PutRecordBatch.*} (Bytes, Requests, Records, Latency); on delivery
 * {@code DeliveryTo<Destination>.Records}, {@code .Bytes}, {@code .Success} (successful attempts) and
 * {@code .DataFreshness} (a gauge, seconds: the age of the oldest record of the latest delivery).
 */
public final class FirehoseMetrics implements FlushListener {
  /** The CloudWatch prefix of each destination kind's delivery metrics. */
  private static final Map<String, String> DELIVERY_TO = Map.of("S3", "DeliveryToS3", "ExtendedS3", "DeliveryToS3",
      "HttpEndpoint", "DeliveryToHttpEndpoint", "Splunk", "DeliveryToSplunk", "Redshift", "DeliveryToRedshift",
      "Elasticsearch", "DeliveryToElasticsearch", "Amazonopensearchservice", "DeliveryToAmazonOpenSearchService",
      "AmazonOpenSearchServerless", "DeliveryToAmazonOpenSearchServerless");

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  public FirehoseMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A PutRecord or PutRecordBatch call that stored {@code stored} records of {@code bytes}, {@code throttled} refused. */
  public void put(DeliveryStreamRecord stream, String action, int stored, long bytes, int throttled,
                  long latencyMillis) {
    String name = stream.id().name();
    add(name, "IncomingRecords", stored);
    add(name, "IncomingBytes", bytes);
    add(name, "IncomingPutRequests", 1);
    add(name, "ThrottledRecords", throttled);
    add(name, action + ".Requests", 1);
    add(name, action + ".Bytes", bytes);
    if (action.equals("PutRecordBatch")) {
      add(name, action + ".Records", stored);
    }
    registry.timer("firehose." + action + ".Latency", "deliveryStream", name)
        .record(latencyMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void attempted(DeliveryBatch batch, List<DeliveryRecord> sent, AttemptResult result, long now) {
    String prefix = DELIVERY_TO.getOrDefault(batch.destination().kind(), "DeliveryTo" + batch.destination().kind());
    String name = batch.stream().id().name();
    long records = sent.size() - result.failed().size();
    long bytes = 0;
    long oldest = now;
    for (DeliveryRecord r : sent) {
      bytes += r.data().length;
      oldest = Math.min(oldest, r.arrivalMillis());
    }
    for (DeliveryRecord r : result.failed()) {
      bytes -= r.data().length;
    }
    add(name, prefix + ".Records", records);
    add(name, prefix + ".Bytes", bytes);
    if (result.allDelivered()) {
      add(name, prefix + ".Success", 1);
      gauges.computeIfAbsent(prefix + ".DataFreshness\u0000" + name, k -> registry.gauge(
              "firehose." + prefix + ".DataFreshness", Tags.of("deliveryStream", name), new AtomicLong()))
          .set((now - oldest) / 1000);
    }
  }

  private void add(String stream, String metric, long amount) {
    counters.computeIfAbsent(metric + "\u0000" + stream,
            k -> Counter.builder("firehose." + metric).tag("deliveryStream", stream).register(registry))
        .increment(amount);
  }
}
