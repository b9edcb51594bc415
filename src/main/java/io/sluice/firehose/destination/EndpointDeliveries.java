package io.sluice.firehose.destination;

import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.delivery.DestinationDelivery;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.time.Timers;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.List;

/**
 * The deliveries to HTTP endpoints, Splunk and OpenSearch/Elasticsearch for a node: one {@link EndpointClient} with the
 * configured request timeout ({@code sluice.firehose.http-timeout-ms}) and trust shared by all three.
 */
public final class EndpointDeliveries {
  /** How often Splunk's acknowledgements are polled. */
  public static final long ACK_POLL_MILLIS = 1000;

  private EndpointDeliveries() {}

  /** The {@code HttpEndpoint} and {@code Splunk} deliveries; {@code s3} takes their failed records and backups. */
  public static List<DestinationDelivery> create(Vertx vertx, FirehoseConfig settings, S3Output s3,
                                                 InstantSource clock, Timers timers) {
    EndpointClient client = new EndpointClient(vertx, settings.httpTimeoutMs(), settings.httpTrustedCertificates());
    return List.of(new HttpEndpointDelivery(client, s3, clock),
        new SplunkDelivery(client, s3, clock, timers, ACK_POLL_MILLIS),
        SearchDelivery.create(client, s3, settings.openSearchEndpoints(), clock));
  }
}
