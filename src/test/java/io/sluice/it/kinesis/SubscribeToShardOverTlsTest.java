package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Http2Clients;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;

/**
 * SubscribeToShard over the TLS port with the SDK's async client as it connects to {@code https://}
 * by default: HTTP/2 started at once, without ALPN.
 */
class SubscribeToShardOverTlsTest {

  @Test
  void recordsArePushedOverHttp2AndTls() throws Exception {
    ManualClock clock = new ManualClock(System.currentTimeMillis());
    try (TestSluice node = TestSluice.start(Engine.MEMORY, clock, TestSluice.withTls(Map.of()));
         KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(node.tlsEndpoint())
             .region(Region.US_EAST_1).credentialsProvider(TestSluice.credentials())
             .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                 .tlsTrustManagersProvider(() -> Http2Clients.trustManagers(node.tlsCertificate())).build())
             .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build()) {
      // Given an ACTIVE consumer of a stream, subscribed to its shard over TLS
      String stream = TestSluice.uniqueName("efo-tls");
      Consumer consumer = EnhancedFanOutTest.streamWithConsumer(kinesis, stream, () -> clock.advanceSeconds(1));
      Subscriptions subscription = Subscriptions.fromStart(kinesis, consumer.consumerARN());
      subscription.next(Duration.ofSeconds(3));

      // When a record is put
      kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("sealed")))
          .get(10, TimeUnit.SECONDS);

      // Then it is pushed to the subscription
      assertEquals(List.of("sealed"), subscription.nextRecords(Duration.ofSeconds(3)));
      assertTrue(subscription.responded.isDone());
      subscription.call.cancel(true);
    }
  }
}
