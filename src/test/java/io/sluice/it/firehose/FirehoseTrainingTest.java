package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.firehose.FirehoseModule;
import io.sluice.module.TrainingClient;
import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/**
 * Firehose's part of the ahead-of-time training run ({@link FirehoseModule#train}) against a node on
 * the memory engine, as the build runs it: it passes (it checks the object it reads back) and takes
 * the put, flush and S3 read paths, which the node's meters count.
 */
class FirehoseTrainingTest {

  @Test
  void trainingDrivesPutsThroughAFlushIntoTheObjectStore() throws Exception {
    try (TestSluice node = TestSluice.start(Engine.MEMORY, InstantSource.system(),
        new FirehoseModule().trainingSettings())) {
      new FirehoseModule().train(new TrainingClient(node.endpoint().toString()));

      String metrics = Prometheus.scrape(node.endpoint());
      assertEquals(3.0, Prometheus.labelledSample(metrics, "firehose_DeliveryToS3_Records_total",
          "deliveryStream=\"sluice-training\"").orElse(0));
    }
  }
}
