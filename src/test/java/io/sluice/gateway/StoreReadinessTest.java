package io.sluice.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness follows the store's ping, within a timeout, until the node starts shutting down. */
class StoreReadinessTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private NodeHealth.Status check(Supplier<CompletionStage<Boolean>> ping, long timeoutMs, boolean stopping)
      throws Exception {
    StoreReadiness readiness = new StoreReadiness(vertx, ping, timeoutMs);
    if (stopping) {
      readiness.markStopping();
    }
    return readiness.readiness().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void storeAnsweringTrueIsUp() throws Exception {
    assertEquals(NodeHealth.Status.UP, check(() -> CompletableFuture.completedFuture(true), 1000, false));
  }

  @Test
  void storeAnsweringFalseIsDown() throws Exception {
    assertFalse(check(() -> CompletableFuture.completedFuture(false), 1000, false).up());
  }

  @Test
  void failingPingIsDown() throws Exception {
    NodeHealth.Status s = check(() -> CompletableFuture.failedFuture(new IllegalStateException("refused")), 1000, false);
    assertFalse(s.up());
    assertTrue(s.reason().contains("unreachable"));
  }

  @Test
  void pingThatNeverAnswersIsDownAfterTheTimeout() throws Exception {
    long started = System.nanoTime();
    NodeHealth.Status s = check(CompletableFuture::new, 200, false);
    assertFalse(s.up());
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200));
  }

  @Test
  void stoppingNodeIsDownWhateverTheStoreSays() throws Exception {
    NodeHealth.Status s = check(() -> CompletableFuture.completedFuture(true), 1000, true);
    assertFalse(s.up());
    assertEquals("shutting down", s.reason());
  }
}
