package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.MemorySqs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RemovePermission on the in-memory store with a manual clock: labels, the Policy's end, LastModifiedTimestamp. */
class RemovePermissionTest {
  private static final String OTHER = "111111111111";

  private final MemorySqs sqs = new MemorySqs();
  private final String url = sqs.createQueue("orders", Map.of());

  private void add(String label) {
    sqs.call(AddPermission::new, new AddPermission.Request(url, label, List.of(OTHER), List.of("SendMessage")));
  }

  private void remove(String label) {
    sqs.call(RemovePermission::new, new RemovePermission.Request(url, label));
  }

  private String error(String queueUrl, String label) {
    return sqs.errorCode(RemovePermission::new, new RemovePermission.Request(queueUrl, label));
  }

  private Map<String, String> attributes() {
    Map<String, String> attributes = sqs.call(GetQueueAttributes::new,
        new GetQueueAttributes.Request(url, List.of("Policy", "LastModifiedTimestamp"))).attributes();
    return attributes == null ? Map.of() : attributes;
  }

  @Test
  void removingTheLastStatementRemovesThePolicyAndSetsLastModifiedTimestamp() {
    // Given a permission added at t0
    long t0 = sqs.clock().millis() / 1000;
    add("only");

    // When it is removed 30 s later
    sqs.clock().advanceSeconds(30);
    remove("only");

    // Then the queue has no Policy and was modified then
    assertNull(attributes().get("Policy"));
    assertEquals(Long.toString(t0 + 30), attributes().get("LastModifiedTimestamp"));
  }

  @Test
  void aRemovedLabelMayBeAddedAgainButNotRemovedTwice() {
    add("label");
    remove("label");
    assertEquals("InvalidParameterValue", error(url, "label"));
    add("label");
    assertTrue(attributes().get("Policy").contains("\"label\""));
  }

  @Test
  void anUnknownLabelIsRefusedAndChangesNothing() {
    // Given a permission added at t0
    long t0 = sqs.clock().millis() / 1000;
    add("kept");
    String policy = attributes().get("Policy");

    // When an unknown label is removed later
    sqs.clock().advanceSeconds(30);
    assertEquals("InvalidParameterValue", error(url, "Kept"));

    // Then the policy and the timestamp are as they were
    assertEquals(policy, attributes().get("Policy"));
    assertEquals(Long.toString(t0), attributes().get("LastModifiedTimestamp"));
  }

  @Test
  void theLabelAndQueueAreChecked() {
    assertEquals("MissingParameter", error(url, null));
    assertEquals("MissingParameter", error(url, ""));
    assertEquals("InvalidParameterValue", error(url, "not valid"));
    assertEquals("InvalidParameterValue", error(url, "none-yet"));
    assertEquals("QueueDoesNotExist", error(MemorySqs.urlOf("missing"), "label"));
  }
}
