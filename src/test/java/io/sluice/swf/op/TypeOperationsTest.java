package io.sluice.swf.op;

import static io.sluice.swf.op.MemorySwf.typeIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.swf.SwfConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workflow and activity type operations on the in-memory store with a manual clock. */
class TypeOperationsTest {
  private static final String FLOW = typeIn("orders", "workflow", "flow", "1");
  private static final String WORK = typeIn("orders", "activity", "work", "1");
  private final MemorySwf swf = new MemorySwf();

  private void registerFlow(String name, String version) {
    swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"" + name + "\",\"version\":\"" + version
        + "\"}");
  }

  @Test
  void aWorkflowTypeIsDescribedWithEveryDefaultItWasRegisteredWith() {
    // Given a workflow type registered with every default
    swf.domain("orders");
    swf.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"flow\",\"version\":\"1\","
        + "\"description\":\"the flow\",\"defaultTaskStartToCloseTimeout\":\"30\","
        + "\"defaultExecutionStartToCloseTimeout\":\"3600\",\"defaultTaskList\":{\"name\":\"decisions\"},"
        + "\"defaultTaskPriority\":\"-5\",\"defaultChildPolicy\":\"ABANDON\","
        + "\"defaultLambdaRole\":\"arn:aws:iam::000000000000:role/lambda\"}");

    // When it is described
    JsonNode d = swf.call(DescribeWorkflowType::new, FLOW);

    // Then its info and configuration are as registered, created now and not deprecated
    assertEquals("{\"name\":\"flow\",\"version\":\"1\"}", d.at("/typeInfo/workflowType").toString());
    assertEquals("REGISTERED", d.at("/typeInfo/status").asText());
    assertEquals("the flow", d.at("/typeInfo/description").asText());
    assertEquals(1_700_000_000L, d.at("/typeInfo/creationDate").asLong());
    assertFalse(d.get("typeInfo").has("deprecationDate"));
    assertEquals("{\"defaultTaskStartToCloseTimeout\":\"30\",\"defaultExecutionStartToCloseTimeout\":\"3600\","
        + "\"defaultTaskList\":{\"name\":\"decisions\"},\"defaultTaskPriority\":\"-5\",\"defaultChildPolicy\":\"ABANDON\","
        + "\"defaultLambdaRole\":\"arn:aws:iam::000000000000:role/lambda\"}", d.get("configuration").toString());
  }

  @Test
  void anActivityTypeIsDescribedWithEveryDefaultItWasRegisteredWith() {
    swf.domain("orders");
    swf.call(RegisterActivityType::new, "{\"domain\":\"orders\",\"name\":\"work\",\"version\":\"1\","
        + "\"defaultTaskStartToCloseTimeout\":\"NONE\",\"defaultTaskHeartbeatTimeout\":\"10\","
        + "\"defaultTaskList\":{\"name\":\"work\"},\"defaultTaskPriority\":\"2147483647\","
        + "\"defaultTaskScheduleToStartTimeout\":\"60\",\"defaultTaskScheduleToCloseTimeout\":\"120\"}");

    JsonNode d = swf.call(DescribeActivityType::new, WORK);

    assertEquals("{\"name\":\"work\",\"version\":\"1\"}", d.at("/typeInfo/activityType").toString());
    assertEquals("{\"defaultTaskStartToCloseTimeout\":\"NONE\",\"defaultTaskHeartbeatTimeout\":\"10\","
        + "\"defaultTaskList\":{\"name\":\"work\"},\"defaultTaskPriority\":\"2147483647\","
        + "\"defaultTaskScheduleToStartTimeout\":\"60\",\"defaultTaskScheduleToCloseTimeout\":\"120\"}",
        d.get("configuration").toString());
  }

  @Test
  void timeoutsAreNoneOrSecondsAndPrioritiesJavaInts() {
    swf.domain("orders");
    for (String bad : List.of("\"defaultTaskStartToCloseTimeout\":\"-1\"", "\"defaultTaskStartToCloseTimeout\":\"ten\"",
        "\"defaultExecutionStartToCloseTimeout\":\"1.5\"", "\"defaultTaskPriority\":\"2147483648\"",
        "\"defaultChildPolicy\":\"KILL\"", "\"version\":\"\"", "\"version\":\"1:2\"", "\"name\":\"arn\"",
        "\"defaultTaskList\":{\"name\":\"a|b\"}")) {
      assertEquals("ValidationException", swf.errorCode(RegisterWorkflowType::new,
          "{\"domain\":\"orders\",\"name\":\"flow\",\"version\":\"1\"," + bad + "}"), bad);
    }
    assertEquals("ValidationException", swf.errorCode(RegisterActivityType::new,
        "{\"domain\":\"orders\",\"name\":\"work\",\"version\":\"1\",\"defaultTaskHeartbeatTimeout\":\"x\"}"));
  }

  @Test
  void aTypeIsRegisteredOnceOnlyInARegisteredDomain() {
    swf.domain("orders");
    registerFlow("flow", "1");
    swf.call(DeprecateWorkflowType::new, FLOW);

    assertEquals("TypeAlreadyExistsFault", swf.errorCode(RegisterWorkflowType::new,
        "{\"domain\":\"orders\",\"name\":\"flow\",\"version\":\"1\"}"));
    assertEquals("UnknownResourceFault", swf.errorCode(RegisterWorkflowType::new,
        "{\"domain\":\"none\",\"name\":\"flow\",\"version\":\"1\"}"));
    swf.call(DeprecateDomain::new, "{\"name\":\"orders\"}");
    assertEquals("DomainDeprecatedFault", swf.errorCode(RegisterActivityType::new,
        "{\"domain\":\"orders\",\"name\":\"work\",\"version\":\"1\"}"));
  }

  @Test
  void deprecatingTheDomainDeprecatesItsTypes() {
    swf.domain("orders");
    registerFlow("flow", "1");
    swf.clock.advanceSeconds(5);

    swf.call(DeprecateDomain::new, "{\"name\":\"orders\"}");

    JsonNode info = swf.call(DescribeWorkflowType::new, FLOW).get("typeInfo");
    assertEquals("DEPRECATED", info.get("status").asText());
    assertEquals(1_700_000_005L, info.get("deprecationDate").asLong());
  }

  @Test
  void registeringPastTheDomainsTypeLimitIsLimitExceededFault() {
    MemorySwf limited = new MemorySwf(new SwfConfig(100, 1));
    limited.domain("orders");
    limited.call(RegisterWorkflowType::new, "{\"domain\":\"orders\",\"name\":\"a\",\"version\":\"1\"}");

    assertEquals("LimitExceededFault", limited.errorCode(RegisterWorkflowType::new,
        "{\"domain\":\"orders\",\"name\":\"a\",\"version\":\"2\"}"));
    limited.call(RegisterActivityType::new, "{\"domain\":\"orders\",\"name\":\"a\",\"version\":\"1\"}");
  }

  @Test
  void aTypeIsDeprecatedUndeprecatedAndDeletedWithAwsFaults() {
    // Given a registered workflow type
    swf.domain("orders");
    registerFlow("flow", "1");

    // When it is undeprecated or deleted while registered, then deprecated twice, then deleted
    String undeprecate = swf.errorCode(UndeprecateWorkflowType::new, FLOW);
    String delete = swf.errorCode(DeleteWorkflowType::new, FLOW);
    swf.clock.advanceSeconds(2);
    swf.call(DeprecateWorkflowType::new, FLOW);
    String deprecateAgain = swf.errorCode(DeprecateWorkflowType::new, FLOW);
    JsonNode deprecated = swf.call(DescribeWorkflowType::new, FLOW).get("typeInfo");
    swf.call(UndeprecateWorkflowType::new, FLOW);
    JsonNode undeprecated = swf.call(DescribeWorkflowType::new, FLOW).get("typeInfo");
    swf.call(DeprecateWorkflowType::new, FLOW);
    swf.call(DeleteWorkflowType::new, FLOW);

    // Then each refusal is AWS's fault, and the deleted type is unknown
    assertEquals("TypeAlreadyExistsFault", undeprecate);
    assertEquals("TypeNotDeprecatedFault", delete);
    assertEquals("TypeDeprecatedFault", deprecateAgain);
    assertEquals(1_700_000_002L, deprecated.get("deprecationDate").asLong());
    assertEquals("REGISTERED", undeprecated.get("status").asText());
    assertFalse(undeprecated.has("deprecationDate"));
    assertEquals("UnknownResourceFault", swf.errorCode(DescribeWorkflowType::new, FLOW));
    assertEquals("UnknownResourceFault", swf.errorCode(DeleteWorkflowType::new, FLOW));
    assertEquals("UnknownResourceFault", swf.errorCode(DescribeWorkflowType::new,
        typeIn("none", "workflow", "flow", "1")));
  }

  @Test
  void activityTypesHaveTheirOwnLifecycle() {
    swf.domain("orders");
    swf.call(RegisterActivityType::new, "{\"domain\":\"orders\",\"name\":\"work\",\"version\":\"1\"}");

    swf.call(DeprecateActivityType::new, WORK);
    assertEquals("TypeDeprecatedFault", swf.errorCode(DeprecateActivityType::new, WORK));
    swf.call(UndeprecateActivityType::new, WORK);
    assertEquals("TypeNotDeprecatedFault", swf.errorCode(DeleteActivityType::new, WORK));
    swf.call(DeprecateActivityType::new, WORK);
    swf.call(DeleteActivityType::new, WORK);

    assertEquals("UnknownResourceFault", swf.errorCode(DescribeActivityType::new, WORK));
    assertEquals("UnknownResourceFault", swf.errorCode(DescribeWorkflowType::new, FLOW));
  }

  @Test
  void typesAreListedByNameAndVersionFilteredByNameAndStatusInPages() {
    // Given versions of two workflow types, one deprecated, and an activity type
    swf.domain("orders");
    for (String[] t : new String[][] {{"b", "1"}, {"a", "2"}, {"a", "1"}, {"a", "3"}, {"c", "1"}}) {
      registerFlow(t[0], t[1]);
    }
    swf.call(DeprecateWorkflowType::new, typeIn("orders", "workflow", "c", "1"));
    swf.call(RegisterActivityType::new, "{\"domain\":\"orders\",\"name\":\"x\",\"version\":\"1\"}");

    // When they are listed
    List<String> all = list("{\"domain\":\"orders\",\"registrationStatus\":\"REGISTERED\",\"maximumPageSize\":2");
    List<String> reversedA = list("{\"domain\":\"orders\",\"registrationStatus\":\"REGISTERED\",\"name\":\"a\","
        + "\"reverseOrder\":true,\"maximumPageSize\":1");
    List<String> deprecated = list("{\"domain\":\"orders\",\"registrationStatus\":\"DEPRECATED\"");
    JsonNode activities = swf.call(ListActivityTypes::new, "{\"domain\":\"orders\",\"registrationStatus\":\"REGISTERED\"}");

    // Then each listing is in order, across pages
    assertEquals(List.of("a/1", "a/2", "a/3", "b/1"), all);
    assertEquals(List.of("a/3", "a/2", "a/1"), reversedA);
    assertEquals(List.of("c/1"), deprecated);
    assertEquals("x", activities.at("/typeInfos/0/activityType/name").asText());
    assertEquals("UnknownResourceFault", swf.errorCode(ListWorkflowTypes::new,
        "{\"domain\":\"none\",\"registrationStatus\":\"REGISTERED\"}"));
  }

  private List<String> list(String partial) {
    List<String> types = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = swf.call(ListWorkflowTypes::new, partial
          + (token == null ? "" : ",\"nextPageToken\":\"" + token + "\"") + "}");
      page.get("typeInfos").forEach(t -> types.add(t.at("/workflowType/name").asText() + "/"
          + t.at("/workflowType/version").asText()));
      token = page.path("nextPageToken").asText(null);
    } while (token != null);
    return types;
  }
}
