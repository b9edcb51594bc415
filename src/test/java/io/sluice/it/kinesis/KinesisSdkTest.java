package io.sluice.it.kinesis;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Base of black-box Kinesis tests run on each engine in CBOR and in JSON (subclasses say which with
 * {@code @ParameterizedClass}): a node per engine on one manual clock for the class, and a client of
 * the engine's node in the format under test for each test.
 */
abstract class KinesisSdkTest {
  static final KinesisTesting.Nodes NODES = new KinesisTesting.Nodes();
  static final ManualClock CLOCK = NODES.clock;

  @Parameter(0)
  Engine engine;
  @Parameter(1)
  boolean cbor;

  KinesisClient kinesis;

  @BeforeAll
  static void start() {
    NODES.start();
  }

  @AfterAll
  static void stop() {
    NODES.stop();
  }

  @BeforeEach
  void client() {
    kinesis = NODES.client(engine, cbor);
  }

  @AfterEach
  void closeClient() {
    kinesis.close();
  }

  /** A name no other test uses, naming the engine and format. */
  String name(String base) {
    return TestSluice.uniqueName(base + "-" + engine.name().toLowerCase() + (cbor ? "-cbor" : "-json"));
  }
}
