package io.sluice.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.TestSluice;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /health}, {@code /health/ready} and {@code /health/live} of a running node. */
class HealthEndpointTest {
  private final TestSluice node = TestSluice.shared(Engine.MEMORY);

  @Test
  void runningNodeWithAReachableStoreIsUpAndReady() {
    for (String path : new String[] {"/health", "/health/ready"}) {
      Answer a = RawHttp.get(node.endpoint().resolve(path), Map.of());
      assertEquals(200, a.status(), path);
      assertEquals("application/json", a.header("content-type"));
      JsonObject body = new JsonObject(a.body());
      assertEquals("UP", body.getString("status"));
      assertEquals("memory", body.getString("store"));
    }
  }

  @Test
  void runningNodeIsLive() {
    Answer a = RawHttp.get(node.endpoint().resolve("/health/live"), Map.of());
    assertEquals(200, a.status());
    assertEquals("UP", new JsonObject(a.body()).getString("status"));
  }
}
