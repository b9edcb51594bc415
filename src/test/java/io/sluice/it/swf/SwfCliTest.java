package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.AwsCli;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI (botocore, JSON 1.0) against a node: the SWF control plane, from register-domain to
 * deprecate-domain, with the CLI's own paging of list calls. Skipped without {@code aws}.
 */
class SwfCliTest {
  private static final ManualClock CLOCK = new ManualClock(1_780_000_000_000L);
  private static TestSluice node;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, CLOCK, Map.of());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void theCliRegistersDescribesListsTagsAndDeprecates() throws Exception {
    assumeTrue(AwsCli.available(), "the AWS CLI is not on the PATH");
    String domain = TestSluice.uniqueName("cli");

    // Given a domain with two workflow types and an activity type, registered by the CLI
    cli("swf", "register-domain", "--name", domain, "--workflow-execution-retention-period-in-days", "7",
        "--tags", "key=team,value=cli");
    cli("swf", "register-workflow-type", "--domain", domain, "--name", "flow", "--workflow-version", "1",
        "--default-task-list", "name=decisions", "--default-child-policy", "REQUEST_CANCEL",
        "--default-task-start-to-close-timeout", "30", "--default-execution-start-to-close-timeout", "600");
    cli("swf", "register-workflow-type", "--domain", domain, "--name", "flow", "--workflow-version", "2");
    cli("swf", "register-activity-type", "--domain", domain, "--name", "work", "--activity-version", "1",
        "--default-task-heartbeat-timeout", "NONE");

    // When the CLI describes and lists them (one item per page), tags and deprecates the domain
    JsonNode described = cli("swf", "describe-domain", "--name", domain);
    JsonNode flow = cli("swf", "describe-workflow-type", "--domain", domain, "--workflow-type", "name=flow,version=1");
    JsonNode types = cli("swf", "list-workflow-types", "--domain", domain, "--registration-status", "REGISTERED",
        "--page-size", "1");
    String arn = described.at("/domainInfo/arn").asText();
    cli("swf", "tag-resource", "--resource-arn", arn, "--tags", "key=env,value=test");
    JsonNode tags = cli("swf", "list-tags-for-resource", "--resource-arn", arn);
    cli("swf", "deprecate-domain", "--name", domain);
    JsonNode activities = cli("swf", "list-activity-types", "--domain", domain, "--registration-status", "DEPRECATED");

    // Then every answer is what was registered
    assertEquals("arn:aws:swf:us-east-1:000000000000:/domain/" + domain, arn);
    assertEquals("7", described.at("/configuration/workflowExecutionRetentionPeriodInDays").asText());
    assertEquals("REQUEST_CANCEL", flow.at("/configuration/defaultChildPolicy").asText());
    assertEquals("decisions", flow.at("/configuration/defaultTaskList/name").asText());
    assertEquals(List.of("1", "2"), versions(types.get("typeInfos")));
    assertEquals("[{\"key\":\"team\",\"value\":\"cli\"},{\"key\":\"env\",\"value\":\"test\"}]",
        tags.get("tags").toString());
    assertEquals("work", activities.at("/typeInfos/0/activityType/name").asText());
    assertEquals("DEPRECATED", activities.at("/typeInfos/0/status").asText());
  }

  private static List<String> versions(JsonNode infos) {
    List<String> versions = new ArrayList<>();
    infos.forEach(i -> versions.add(i.at("/workflowType/version").asText()));
    return versions;
  }

  private static JsonNode cli(String... args) throws IOException, InterruptedException {
    return AwsCli.run(node.endpoint(), args);
  }
}
