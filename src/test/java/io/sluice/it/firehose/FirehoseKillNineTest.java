package io.sluice.it.firehose;

import static io.sluice.it.firehose.DeliveryTesting.ROLE;
import static io.sluice.it.firehose.DeliveryTesting.WAIT;
import static io.sluice.it.firehose.DeliveryTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisEngineFixture;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * A Redis-backed node killed with kill -9 while it holds a flush mid-delivery (its request to the
 * HTTP endpoint gets no answer) loses no record it acknowledged: a second node on the same Redis
 * takes the flush over once the first one's lease ran out, within lease + sweep, and delivers every
 * acknowledged record, in order (at least once: a retry may repeat a request, as on AWS).
 */
class FirehoseKillNineTest {
  private static final Logger LOG = Logger.getLogger(FirehoseKillNineTest.class.getName());
  private static final int LEASE_MS = 2_000;
  private static final int SWEEP_MS = 100;
  /** What the second node may take past lease + sweep to claim, read the buffer and send (a loaded machine). */
  private static final int WORK_MS = 1_500;
  private static final int BATCHES = 5;
  private static final int BATCH = 50;

  @Test
  void recordsAcknowledgedBeforeKillNineAreDeliveredByTheNodeThatTakesTheFlushOver() throws Exception {
    Vertx vertx = Vertx.vertx();
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    Map<String, String> env = Map.of("SLUICE_REDIS_KEY_PREFIX", RedisTestServer.uniquePrefix("firehose-kill9"),
        "SLUICE_FIREHOSE_CREATE_DELAY_MS", "0",
        "SLUICE_FIREHOSE_FLUSH_LEASE_MS", String.valueOf(LEASE_MS),
        "SLUICE_FIREHOSE_FLUSH_SWEEP_MS", String.valueOf(SWEEP_MS),
        "SLUICE_FIREHOSE_FLUSH_RETRY_BASE_MS", "100",
        "SLUICE_FIREHOSE_HTTP_TRUSTED_CERTIFICATES", certificate.certificatePath());
    String stream = TestSluice.uniqueName("kill9");
    List<String> acknowledged = new ArrayList<>();
    try (HttpEndpointReceiver receiver = new HttpEndpointReceiver(vertx, certificate)) {
      // The first request gets no answer: the node that sends it holds its flush mid-delivery.
      receiver.answer(new HttpEndpointReceiver.Silence());
      long killedAt;
      try (SluiceProcess first = SluiceProcess.start(Engine.REDIS, env);
           FirehoseClient firehose = DeliveryTesting.client(first.endpoint())) {
        // Given a stream flushed at once to the endpoint, its first flush hanging on the first node
        DeliveryTesting.createActive(firehose, r -> r.deliveryStreamName(stream)
            .httpEndpointDestinationConfiguration(h -> h.endpointConfiguration(e -> e.url(receiver.url("/in")))
                .bufferingHints(b -> b.intervalInSeconds(0).sizeInMBs(1)).roleARN(ROLE)
                .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::unused"))));
        for (int b = 0; b < BATCHES; b++) {
          List<String> data = new ArrayList<>();
          for (int i = 0; i < BATCH; i++) {
            data.add("record-" + b + "-" + i + "\n");
          }
          DeliveryTesting.putBatch(firehose, stream, data);
          acknowledged.addAll(data);
          if (b == 0) {
            receiver.await(1, WAIT);
          }
        }
        // and a second node on the same Redis, which leaves the held flush alone
        try (SluiceProcess second = SluiceProcess.start(Engine.REDIS, env)) {
          Thread.sleep(LEASE_MS);
          assertEquals(1, receiver.received().size(), "the flush stays with the node that holds its lease");

          // When the first node is killed
          killedAt = System.currentTimeMillis();
          first.kill();

          // Then the second node delivers every acknowledged record
          until("every acknowledged record delivered", WAIT, () -> delivered(receiver).containsAll(acknowledged));
          long takenOver = receiver.received().get(1).timestamp() - killedAt;
          LOG.info("kill -9 to the second node's first request: " + takenOver + " ms (lease " + LEASE_MS
              + " ms, sweep " + SWEEP_MS + " ms); requests " + receiver.received().size());
          assertTrue(takenOver <= LEASE_MS + SWEEP_MS + WORK_MS, "taken over in " + takenOver + " ms");
          assertEquals(acknowledged, List.copyOf(delivered(receiver)), "in put order");
          assertEquals(List.of(), receiver.received().stream().flatMap(r -> r.violations().stream()).toList());
        }
      }
    } finally {
      certificate.delete();
      RedisEngineFixture.join(vertx.close());
    }
  }

  /** The distinct records of the requests the receiver answered with a 200, in the order first delivered. */
  private static LinkedHashSet<String> delivered(HttpEndpointReceiver receiver) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (HttpEndpointReceiver.Received r : receiver.delivered()) {
      r.records().forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
    }
    return out;
  }
}
