package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Http2Clients;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The TLS port on the Redis engine: the transport does not depend on the store (a smoke test). */
class TlsOnRedisTest {

  @Test
  void asyncClientSpeaksHttp2OverTlsToARedisNode() {
    try (TestSluice node = TestSluice.start(Engine.REDIS, InstantSource.system(), TestSluice.withTls(Map.of()));
         SqsAsyncClient sqs = Http2Clients.sqsAsyncHttp2(node.tlsEndpoint(), node.tlsCertificate(),
             ProtocolNegotiation.ASSUME_PROTOCOL)) {
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("tls-redis"))).join().queueUrl();
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("stored in redis")).join();

      List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).join().messages();

      assertEquals("stored in redis", got.get(0).body());
      assertTrue(url.startsWith("https://"), url);
    }
  }
}
