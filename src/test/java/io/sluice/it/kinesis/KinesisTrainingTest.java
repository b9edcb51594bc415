package io.sluice.it.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kinesis.KinesisModule;
import io.sluice.module.TrainingClient;
import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Kinesis's part of the ahead-of-time training run ({@link KinesisModule#train}) against a node on
 * the memory engine, as the build runs it: it must pass, and drive the hot paths the cache is for,
 * which the node's meters count: puts and reads in both wire formats and enhanced fan-out.
 */
class KinesisTrainingTest {

  @Test
  void trainingDrivesPutsReadsAndSubscriptions() throws Exception {
    try (TestSluice node = TestSluice.start(Engine.MEMORY, InstantSource.system(),
        new KinesisModule().trainingSettings())) {
      // When the module trains against the node
      new KinesisModule().train(new TrainingClient(node.endpoint().toString()));

      // Then every path it is meant to warm was taken, and its stream is gone
      String metrics = Prometheus.scrape(node.endpoint());
      assertEquals(40.0, count(metrics, "kinesis_PutRecord_Success_total"), "PutRecord in CBOR and JSON");
      assertEquals(40.0, count(metrics, "kinesis_PutRecords_Success_total"), "PutRecords in CBOR and JSON");
      assertEquals(80.0, count(metrics, "kinesis_GetRecords_Success_total"), "GetRecords in CBOR and JSON");
      assertEquals(3.0, count(metrics, "kinesis_SubscribeToShard_Success_total"), "three subscriptions");
      assertTrue(count(metrics, "kinesis_SubscribeToShardEvent_Records_total") > 0, "events carried records");
      assertTrue(deletedOrDeleting(node), "the training stream is deleted");
    }
  }

  /** Whether the training stream is gone, or DELETING (for the configured delete delay). */
  private static boolean deletedOrDeleting(TestSluice node) {
    try (KinesisClient kinesis = KinesisTesting.client(node, false)) {
      return kinesis.describeStreamSummary(r -> r.streamName("sluice-training")).streamDescriptionSummary()
          .streamStatus() == StreamStatus.DELETING;
    } catch (ResourceNotFoundException e) {
      return true;
    }
  }

  private static double count(String metrics, String name) {
    return Prometheus.labelledSample(metrics, name, "stream=\"sluice-training\"").orElse(0);
  }
}
