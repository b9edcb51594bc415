package io.sluice.kinesis.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The in-memory engine against the consumer store compatibility kit. */
class InMemoryConsumerStoreTest extends ConsumerStoreContract {

  @Override
  protected ConsumerStore freshStore() {
    return new InMemoryConsumerStore();
  }

  @Test
  void aSubscriptionIsFreeAgainWhenItsTimeIsUp() {
    long until = clock.millis() + 5_000;
    await(store.subscribe("arn:c", 0, until, clock.millis()));
    clock.advanceMillis(5_000);

    assertTrue(await(store.subscribe("arn:c", 0, until + 5_000, clock.millis())));
  }
}
