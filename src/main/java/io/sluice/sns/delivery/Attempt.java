package io.sluice.sns.delivery;

import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.store.TopicStore.Delivery;

/** Everything one delivery attempt needs: the stored delivery, its message, subscription and topic. */
public record Attempt(Delivery delivery, PublishedMessage message, SubscriptionRecord subscription, TopicRecord topic) {

  /** The FIFO sequence number, or null on standard topics. */
  public String sequenceNumber() {
    return delivery.sequenceNumber();
  }
}
