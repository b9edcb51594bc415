package io.sluice.sns.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.MemorySns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AddPermission and RemovePermission on the in-memory store: statements of the topic policy. */
class AddPermissionTest {
  private final MemorySns sns = new MemorySns();
  private final String topic = sns.createTopic("orders", Map.of());

  private String policy() {
    return sns.call(GetTopicAttributes::new, new GetTopicAttributes.Request(topic)).attributes().get("Policy");
  }

  private void add(String label) {
    sns.call(AddPermission::new, new AddPermission.Request(topic, label, List.of("111111111111"), List.of("Publish")));
  }

  @Test
  void aPermissionIsAStatementOfThePolicyUntilRemoved() {
    // When account 111111111111 is allowed to publish
    add("partner");

    // Then the policy keeps the default statement and grants it under the label
    String policy = policy();
    assertTrue(policy.contains("__default_statement_ID"), policy);
    assertTrue(policy.contains("\"Sid\":\"partner\""), policy);
    assertTrue(policy.contains("arn:aws:iam::111111111111:root"), policy);
    assertTrue(policy.contains("SNS:Publish"), policy);

    // When it is removed, Then the statement is gone
    sns.call(RemovePermission::new, new RemovePermission.Request(topic, "partner"));
    assertFalse(policy().contains("\"Sid\":\"partner\""), policy());
  }

  @Test
  void aLabelAlreadyInThePolicyIsInvalidParameter() {
    add("partner");
    assertEquals("InvalidParameter", sns.errorCode(AddPermission::new,
        new AddPermission.Request(topic, "partner", List.of("222222222222"), List.of("Subscribe"))));
  }

  @Test
  void badRequestsAreInvalidParameter() {
    assertEquals("InvalidParameter", sns.errorCode(AddPermission::new,
        new AddPermission.Request(topic, "p", List.of("111111111111"), List.of("SendMessage"))));
    assertEquals("InvalidParameter", sns.errorCode(AddPermission::new,
        new AddPermission.Request(topic, "p", List.of(), List.of("Publish"))));
    assertEquals("InvalidParameter", sns.errorCode(AddPermission::new,
        new AddPermission.Request(topic, "p", List.of("111111111111"), List.of())));
    assertEquals("InvalidParameter", sns.errorCode(AddPermission::new,
        new AddPermission.Request(topic, "", List.of("111111111111"), List.of("Publish"))));
    assertEquals("NotFound", sns.errorCode(AddPermission::new,
        new AddPermission.Request(MemorySns.topicArn("nope"), "p", List.of("111111111111"), List.of("Publish"))));
  }
}
