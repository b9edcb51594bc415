package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.JsonCodec;
import io.sluice.testing.MemorySqs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * AddPermission on the in-memory store with a manual clock: the limits of "Amazon SQS policy quotas"
 * to the unit (50 distinct principals and 7 distinct actions per statement, 20 statements, 8,192
 * bytes), label and account rules, and LastModifiedTimestamp set by a permission that was added only.
 */
class AddPermissionTest {
  private static final String OTHER = "111111111111";

  private final MemorySqs sqs = new MemorySqs();
  private final String url = sqs.createQueue("orders", Map.of());

  private void add(String label, List<String> accounts, List<String> actions) {
    sqs.call(AddPermission::new, new AddPermission.Request(url, label, accounts, actions));
  }

  private String error(String label, List<String> accounts, List<String> actions) {
    return sqs.errorCode(AddPermission::new, new AddPermission.Request(url, label, accounts, actions));
  }

  private Map<String, String> attributes(String... names) {
    return sqs.call(GetQueueAttributes::new, new GetQueueAttributes.Request(url, List.of(names))).attributes();
  }

  private String policy() {
    Map<String, String> attributes = attributes("Policy");
    return attributes == null ? null : attributes.get("Policy");
  }

  private JsonNode statement(String label) throws IOException {
    for (JsonNode s : JsonCodec.json().readTree(policy()).get("Statement")) {
      if (s.path("Sid").asText().equals(label)) {
        return s;
      }
    }
    throw new AssertionError("no statement " + label);
  }

  /** {@code count} distinct twelve-digit account ids. */
  private static List<String> accounts(int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("%012d", 100_000_000_000L + i)).toList();
  }

  @Test
  void aLabelIsOneTo80LettersDigitsHyphensOrUnderscores() {
    add("L".repeat(80), List.of(OTHER), List.of("SendMessage"));
    add("a-Z_0", List.of(OTHER), List.of("SendMessage"));
    assertEquals("InvalidParameterValue", error("L".repeat(81), List.of(OTHER), List.of("SendMessage")));
    assertEquals("InvalidParameterValue", error("a.b", List.of(OTHER), List.of("SendMessage")));
    assertEquals("MissingParameter", error("", List.of(OTHER), List.of("SendMessage")));
    assertEquals("MissingParameter", error(null, List.of(OTHER), List.of("SendMessage")));
  }

  @Test
  void aStatementGrantsAtMost50DistinctAccountsOfTwelveDigits() throws IOException {
    // 51 accounts are OverLimit; 51 with one repeated are 50
    assertEquals("OverLimit", error("many", accounts(51), List.of("SendMessage")));
    List<String> repeated = new ArrayList<>(accounts(50));
    repeated.add(repeated.get(0));
    add("many", repeated, List.of("SendMessage"));
    assertEquals(50, statement("many").at("/Principal/AWS").size());
    // Accounts are twelve digits; none is MissingParameter
    assertEquals("InvalidParameterValue", error("short", List.of("12345678901"), List.of("SendMessage")));
    assertEquals("InvalidParameterValue", error("letters", List.of("12345678901a"), List.of("SendMessage")));
    assertEquals("MissingParameter", error("none", List.of(), List.of("SendMessage")));
    assertEquals("MissingParameter", error("none", null, List.of("SendMessage")));
  }

  @Test
  void aStatementGrantsAtMost7DistinctShareableActions() throws IOException {
    List<String> seven = List.of("SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
        "GetQueueAttributes", "GetQueueUrl", "PurgeQueue");
    List<String> eightWithARepeat = new ArrayList<>(seven);
    eightWithARepeat.add("SendMessage");
    add("seven", List.of(OTHER), eightWithARepeat);
    assertEquals(7, statement("seven").get("Action").size());
    List<String> eight = new ArrayList<>(seven);
    eight.add("ListDeadLetterSourceQueues");
    assertEquals("OverLimit", error("eight", List.of(OTHER), eight));
    // "*" is one action, written SQS:*
    add("all", List.of(OTHER), List.of("*"));
    assertEquals("SQS:*", statement("all").get("Action").asText());
    // Batch actions are granted with their single ones and cannot be named; owner-only actions cannot be shared
    assertEquals("InvalidParameterValue", error("batch", List.of(OTHER), List.of("SendMessageBatch")));
    assertEquals("InvalidParameterValue", error("owner", List.of(OTHER), List.of("SetQueueAttributes")));
    assertEquals("MissingParameter", error("none", List.of(OTHER), List.of()));
  }

  @Test
  void aPolicyHoldsAtMost8192Bytes() {
    // Given four statements of 50 accounts and 7 actions each; a fifth does not fit
    List<String> actions = List.of("SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
        "GetQueueAttributes", "GetQueueUrl", "PurgeQueue");
    for (int i = 0; i < 4; i++) {
      add("big" + i, accounts(50), actions);
    }
    String four = policy();
    assertEquals("OverLimit", error("big4", accounts(50), actions));
    assertEquals(four, policy());

    // And a statement of seven accounts with a one-letter label would leave room (its size measured
    // by adding and removing it), so that a label of a certain length fills the policy to the byte
    add("x", accounts(7), List.of("SendMessage"));
    int grown = bytes(policy()) - bytes(four);
    remove("x");
    assertEquals(four, policy());
    int filling = 8192 - bytes(four) - grown + 1;
    assertTrue(filling >= 1 && filling < 80, "label of " + filling);

    // When the label is one character longer than that, Then OverLimit
    assertEquals("OverLimit", error("y".repeat(filling + 1), accounts(7), List.of("SendMessage")));

    // When it is that long, Then the statement is added and the policy has exactly 8,192 bytes
    add("y".repeat(filling), accounts(7), List.of("SendMessage"));
    assertEquals(8192, bytes(policy()));
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private void remove(String label) {
    sqs.call(RemovePermission::new, new RemovePermission.Request(url, label));
  }

  @Test
  void aPolicyHoldsAtMost20Statements() {
    for (int i = 0; i < 20; i++) {
      add("p" + i, List.of(OTHER), List.of("SendMessage"));
    }
    assertEquals("OverLimit", error("p20", List.of(OTHER), List.of("SendMessage")));
  }

  @Test
  void anAddedPermissionSetsLastModifiedTimestampAndARefusedOneDoesNot() {
    // Given a queue created at t0
    long created = sqs.clock().millis() / 1000;
    assertEquals(Long.toString(created), attributes("LastModifiedTimestamp").get("LastModifiedTimestamp"));

    // When a permission is added 10 s later, Then the timestamp moves there
    sqs.clock().advanceSeconds(10);
    add("label", List.of(OTHER), List.of("SendMessage"));
    assertEquals(Long.toString(created + 10), attributes("LastModifiedTimestamp").get("LastModifiedTimestamp"));

    // When the same label is refused 10 s later, Then it stays
    sqs.clock().advanceSeconds(10);
    assertEquals("InvalidParameterValue", error("label", List.of(OTHER), List.of("ReceiveMessage")));
    assertEquals(Long.toString(created + 10), attributes("LastModifiedTimestamp").get("LastModifiedTimestamp"));
  }

  @Test
  void aQueueThatDoesNotExistIsQueueDoesNotExist() {
    assertEquals("QueueDoesNotExist", sqs.errorCode(AddPermission::new, new AddPermission.Request(
        MemorySqs.urlOf("missing"), "label", List.of(OTHER), List.of("SendMessage"))));
    assertNull(policy());
  }
}
