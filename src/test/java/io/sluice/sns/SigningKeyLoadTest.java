package io.sluice.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.storage.StoreUnavailableException;
import io.sluice.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared signing keys are loaded once the store is back, so SNS does not stay unable to deliver. */
class SigningKeyLoadTest {
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close();
  }

  @Test
  void aLoadThatFailsWhileTheStoreIsUnavailableIsMadeAgainUntilItSucceeds() {
    // Given a store that is unavailable for the first two loads
    AtomicInteger loads = new AtomicInteger();

    // When the keys are loaded
    Future<String> keys = SnsNode.whileStoreUnavailable(vertx, new AtomicBoolean(), 5, () -> loads.incrementAndGet() <= 2
        ? Future.failedFuture(new StoreUnavailableException("Redis is unavailable", null))
        : Future.succeededFuture("keys"));

    // Then the third load brings them
    assertEquals("keys", Await.await(keys.toCompletionStage()));
    assertEquals(3, loads.get());
  }

  @Test
  void otherFailuresAndAStoppedNodeEndTheLoad() {
    AtomicInteger loads = new AtomicInteger();
    Future<String> broken = SnsNode.whileStoreUnavailable(vertx, new AtomicBoolean(), 5, () -> {
      loads.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("a bad key document"));
    });
    assertThrows(IllegalStateException.class, () -> Await.await(broken.toCompletionStage()));

    Future<String> stopped = SnsNode.whileStoreUnavailable(vertx, new AtomicBoolean(true), 5, () -> {
      loads.incrementAndGet();
      return Future.failedFuture(new StoreUnavailableException("Redis is unavailable", null));
    });
    assertThrows(StoreUnavailableException.class, () -> Await.await(stopped.toCompletionStage()));
    assertEquals(2, loads.get());
  }
}
