package io.sluice.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.TestSluice;
import java.util.List;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

/** A domain with tags, a workflow type and an activity type that the fuzzing never names. */
final class SwfStoredData implements StoredData {
  private String kept;
  private String keptState;

  @Override
  public String service() {
    return "swf";
  }

  @Override
  public void store(TestSluice node) {
    kept = TestSluice.uniqueName("fuzz-kept");
    try (SwfClient swf = client(node)) {
      swf.registerDomain(b -> b.name(kept).description("kept").workflowExecutionRetentionPeriodInDays("3")
          .tags(t -> t.key("team").value("fuzz")));
      swf.registerWorkflowType(b -> b.domain(kept).name("flow").version("1").defaultTaskList(t -> t.name("d"))
          .defaultTaskStartToCloseTimeout("30"));
      swf.registerActivityType(b -> b.domain(kept).name("work").version("1").defaultTaskHeartbeatTimeout("NONE"));
      keptState = state(swf);
    }
  }

  @Override
  public List<String> targets() {
    return List.of();
  }

  @Override
  public void assertIntact(TestSluice node) {
    try (SwfClient swf = client(node)) {
      assertEquals(keptState, state(swf), "the kept domain, its tags and types");
    }
  }

  private String state(SwfClient swf) {
    String arn = swf.describeDomain(b -> b.name(kept)).domainInfo().arn();
    return swf.describeDomain(b -> b.name(kept)) + "\n" + swf.listTagsForResource(b -> b.resourceArn(arn))
        + "\n" + swf.describeWorkflowType(b -> b.domain(kept).workflowType(t -> t.name("flow").version("1")))
        + "\n" + swf.describeActivityType(b -> b.domain(kept).activityType(t -> t.name("work").version("1")));
  }

  private static SwfClient client(TestSluice node) {
    return SwfClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(ApacheHttpClient.builder().build()).build();
  }
}
