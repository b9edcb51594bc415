package io.sluice.it.sqs;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.OverLimitException;

/** AddPermission and RemovePermission through the AWS SDK v2, on each engine. */
@ParameterizedClass
@EnumSource(Engine.class)
class PermissionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameter
  Engine engine;

  private SqsClient sqs() {
    return TestSluice.shared(engine).sqs();
  }

  private String create() {
    return sqs().createQueue(b -> b.queueName(TestSluice.uniqueName("perm"))).queueUrl();
  }

  private String policy(String url) {
    return sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("Policy"))
        .attributesAsStrings().get("Policy");
  }

  private JsonNode policyJson(String url) throws Exception {
    return JSON.readTree(policy(url));
  }

  private static String arnOf(String url) {
    return "arn:aws:sqs:us-east-1:000000000000:" + url.substring(url.lastIndexOf('/') + 1);
  }

  private void add(String url, String label, List<String> accounts, List<String> actions) {
    sqs().addPermission(b -> b.queueUrl(url).label(label).awsAccountIds(accounts).actions(actions));
  }

  @Test
  void addPermissionWritesAStatementForTheLabel() throws Exception {
    // Given a queue without a policy
    String url = create();

    // When one account is allowed one action
    add(url, "AliceSend", List.of("111122223333"), List.of("SendMessage"));

    // Then the queue's policy holds one statement as AWS writes it
    JsonNode policy = policyJson(url);
    assertEquals("2012-10-17", policy.get("Version").asText());
    assertEquals(arnOf(url) + "/SQSDefaultPolicy", policy.get("Id").asText());
    assertEquals(1, policy.get("Statement").size());
    JsonNode statement = policy.get("Statement").get(0);
    assertEquals("AliceSend", statement.get("Sid").asText());
    assertEquals("Allow", statement.get("Effect").asText());
    assertEquals("arn:aws:iam::111122223333:root", statement.get("Principal").get("AWS").asText());
    assertEquals("SQS:SendMessage", statement.get("Action").asText());
    assertEquals(arnOf(url), statement.get("Resource").asText());
  }

  @Test
  void severalAccountsAndActionsAreListed() throws Exception {
    // Given a queue
    String url = create();

    // When two accounts are allowed two actions, and another label added
    add(url, "Pair", List.of("111122223333", "444455556666"), List.of("ReceiveMessage", "DeleteMessage"));
    add(url, "Everything", List.of("777788889999"), List.of("*"));

    // Then the statements list them in order
    JsonNode statements = policyJson(url).get("Statement");
    assertEquals(2, statements.size());
    assertEquals(List.of("arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"),
        texts(statements.get(0).get("Principal").get("AWS")));
    assertEquals(List.of("SQS:ReceiveMessage", "SQS:DeleteMessage"), texts(statements.get(0).get("Action")));
    assertEquals("Everything", statements.get(1).get("Sid").asText());
    assertEquals("SQS:*", statements.get(1).get("Action").asText());
  }

  @Test
  void aLabelCanBeUsedOnlyOnce() {
    // Given a queue with a permission
    String url = create();
    add(url, "Once", List.of("111122223333"), List.of("SendMessage"));
    String before = policy(url);

    // When the label is added again
    // Then InvalidParameterValue, and the policy is as it was
    assertEquals("InvalidParameterValue",
        codeOf(() -> add(url, "Once", List.of("444455556666"), List.of("ReceiveMessage"))));
    assertEquals(before, policy(url));
  }

  @Test
  void badPermissionsAreRejectedAndChangeNothing() {
    // Given a queue with a permission
    String url = create();
    add(url, "Existing", List.of("111122223333"), List.of("SendMessage"));
    String before = policy(url);

    // When owner-only or unknown actions, malformed accounts or labels are given
    // Then InvalidParameterValue or MissingParameter, and the policy is as it was
    assertEquals("InvalidParameterValue", codeOf(() -> add(url, "L1", List.of("111122223333"), List.of("DeleteQueue"))));
    assertEquals("InvalidParameterValue",
        codeOf(() -> add(url, "L1", List.of("111122223333"), List.of("SetQueueAttributes"))));
    assertEquals("InvalidParameterValue", codeOf(() -> add(url, "L1", List.of("111122223333"), List.of("Teleport"))));
    assertEquals("InvalidParameterValue", codeOf(() -> add(url, "L1", List.of("alice"), List.of("SendMessage"))));
    assertEquals("InvalidParameterValue", codeOf(() -> add(url, "bad label", List.of("111122223333"), List.of("SendMessage"))));
    assertEquals("InvalidParameterValue",
        codeOf(() -> add(url, "x".repeat(81), List.of("111122223333"), List.of("SendMessage"))));
    assertEquals("MissingParameter", codeOf(() -> sqs().addPermission(b -> b.queueUrl(url).label("L1")
        .actions("SendMessage"))));
    assertEquals("MissingParameter", codeOf(() -> sqs().addPermission(b -> b.queueUrl(url).label("L1")
        .awsAccountIds("111122223333"))));
    assertEquals("MissingParameter", codeOf(() -> sqs().addPermission(b -> b.queueUrl(url)
        .awsAccountIds("111122223333").actions("SendMessage"))));
    assertEquals(before, policy(url));
  }

  @Test
  void aStatementHoldsAtMostSevenActions() throws Exception {
    // Given a queue
    String url = create();
    List<String> eight = List.of("SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
        "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue");

    // When eight actions are granted, then seven
    // Then OverLimit, then success
    assertThrows(OverLimitException.class, () -> add(url, "Eight", List.of("111122223333"), eight));
    assertNull(policy(url));
    add(url, "Seven", List.of("111122223333"), eight.subList(0, 7));
    assertEquals(7, texts(policyJson(url).get("Statement").get(0).get("Action")).size());
  }

  @Test
  void aPolicyHoldsAtMostTwentyStatements() {
    // Given a queue with twenty permissions
    String url = create();
    for (int i = 0; i < 20; i++) {
      add(url, "L" + i, List.of("111122223333"), List.of("SendMessage"));
    }
    String before = policy(url);

    // When a twenty-first is added
    // Then OverLimit, and the policy is as it was
    assertThrows(OverLimitException.class, () -> add(url, "L20", List.of("111122223333"), List.of("SendMessage")));
    assertEquals(before, policy(url));
  }

  @Test
  void removePermissionRemovesItsStatementAndTheLastRemovesThePolicy() throws Exception {
    // Given a queue with two permissions
    String url = create();
    add(url, "First", List.of("111122223333"), List.of("SendMessage"));
    add(url, "Second", List.of("111122223333"), List.of("ReceiveMessage"));

    // When the first is removed
    sqs().removePermission(b -> b.queueUrl(url).label("First"));

    // Then only the second remains; removing it leaves no policy
    JsonNode statements = policyJson(url).get("Statement");
    assertEquals(1, statements.size());
    assertEquals("Second", statements.get(0).get("Sid").asText());
    sqs().removePermission(b -> b.queueUrl(url).label("Second"));
    assertFalse(sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"))
        .attributesAsStrings().containsKey("Policy"));
  }

  @Test
  void removingAnUnknownLabelIsRejected() {
    // Given a queue with a permission, and one without any
    String url = create();
    add(url, "Known", List.of("111122223333"), List.of("SendMessage"));
    String before = policy(url);
    String bare = create();

    // When unknown labels are removed
    // Then InvalidParameterValue, and the policy is as it was
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().removePermission(b -> b.queueUrl(url).label("Unknown"))));
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().removePermission(b -> b.queueUrl(bare).label("Known"))));
    assertEquals("MissingParameter", codeOf(() -> sqs().removePermission(b -> b.queueUrl(url))));
    assertEquals(before, policy(url));
  }

  @Test
  void permissionsAreAddedToAPolicySetByHand() throws Exception {
    // Given a queue whose policy was set with SetQueueAttributes as a single statement
    String url = create();
    String custom = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Mine\",\"Effect\":\"Deny\","
        + "\"Principal\":\"*\",\"Action\":\"sqs:*\",\"Resource\":\"" + arnOf(url) + "\"}}";
    sqs().setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("Policy", custom)));

    // When a permission is added, then the hand-written one removed
    add(url, "Added", List.of("111122223333"), List.of("SendMessage"));
    List<String> sids = new ArrayList<>();
    policyJson(url).get("Statement").forEach(s -> sids.add(s.get("Sid").asText()));
    sqs().removePermission(b -> b.queueUrl(url).label("Mine"));

    // Then both statements were there, and the added one remains
    assertEquals(List.of("Mine", "Added"), sids);
    assertEquals("Added", policyJson(url).get("Statement").get(0).get("Sid").asText());
  }

  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }
}
