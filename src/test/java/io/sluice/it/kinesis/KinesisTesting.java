package io.sluice.it.kinesis;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Kinesis clients for black-box tests, speaking CBOR (the SDK's default) or JSON. */
final class KinesisTesting {
  private KinesisTesting() {}

  /**
   * A client of {@code node}; with {@code cbor} false it speaks JSON 1.1, as with
   * {@code -Daws.cborEnabled=false} (the SDK reads the setting when a client is built).
   */
  static KinesisClient client(TestSluice node, boolean cbor) {
    return client(node.endpoint(), cbor);
  }

  /** A client of the node at {@code endpoint} (see {@link #client(TestSluice, boolean)}). */
  static KinesisClient client(URI endpoint, boolean cbor) {
    return client(endpoint, cbor, TestSluice.credentials());
  }

  /** A client of the node at {@code endpoint} signing with {@code credentials}. */
  static KinesisClient client(URI endpoint, boolean cbor, AwsCredentialsProvider credentials) {
    synchronized (KinesisTesting.class) {
      String property = SdkSystemSetting.CBOR_ENABLED.property();
      String before = System.getProperty(property);
      System.setProperty(property, Boolean.toString(cbor));
      try {
        return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(ApacheHttpClient.builder().build())
            .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
            .build();
      } finally {
        if (before == null) {
          System.clearProperty(property);
        } else {
          System.setProperty(property, before);
        }
      }
    }
  }

  /**
   * A node on each engine sharing one manual clock, for a test class: streams stay CREATING and
   * DELETING for 500 ms of it (conf/kinesis.conf) and iterators age with it.
   */
  static final class Nodes {
    final ManualClock clock = new ManualClock(System.currentTimeMillis());
    private final Map<Engine, TestSluice> nodes = new EnumMap<>(Engine.class);

    void start() {
      for (Engine e : Engine.values()) {
        nodes.put(e, TestSluice.start(e, clock, Map.of()));
      }
    }

    void stop() {
      nodes.values().forEach(TestSluice::close);
    }

    KinesisClient client(Engine engine, boolean cbor) {
      return KinesisTesting.client(nodes.get(engine), cbor);
    }

    URI endpoint(Engine engine) {
      return nodes.get(engine).endpoint();
    }
  }
}
