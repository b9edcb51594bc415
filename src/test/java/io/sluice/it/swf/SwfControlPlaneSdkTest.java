package io.sluice.it.swf;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityTypeConfiguration;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.DomainDeprecatedException;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.ResourceTag;
import software.amazon.awssdk.services.swf.model.TypeDeprecatedException;
import software.amazon.awssdk.services.swf.model.TypeNotDeprecatedException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowTypeInfo;

/**
 * SWF's control plane through the AWS SDK v2 {@code SwfClient} on each engine: domains registered,
 * described, listed in pages, deprecated and undeprecated; tags by domain ARN; workflow and activity
 * types registered with their defaults, described, listed, deprecated and deleted; AWS's faults as
 * the SDK's typed exceptions.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SwfControlPlaneSdkTest {
  static final ManualClock CLOCK = new ManualClock(1_780_000_000_000L);
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);
  static final String PREFIX = RedisTestServer.uniquePrefix("swf");

  @Parameter
  Engine engine;
  SwfClient swf;

  @BeforeAll
  static void start() {
    NODES.put(Engine.MEMORY, TestSluice.start(Engine.MEMORY, CLOCK, Map.of()));
    NODES.put(Engine.REDIS, TestSluice.start(Engine.REDIS, CLOCK, Map.of(), PREFIX));
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  @BeforeEach
  void client() {
    swf = SwfClients.sync(NODES.get(engine).endpoint());
  }

  @AfterEach
  void closeClient() {
    swf.close();
  }

  private String name(String base) {
    return TestSluice.uniqueName(base + "-" + engine.name().toLowerCase());
  }

  @Test
  void aDomainIsRegisteredDescribedListedDeprecatedAndUndeprecated() {
    // Given a domain registered with a description, a retention period and a tag
    String domain = name("orders");
    swf.registerDomain(r -> r.name(domain).description("the orders").workflowExecutionRetentionPeriodInDays("30")
        .tags(ResourceTag.builder().key("team").value("a").build()));

    // When it is described, listed, deprecated, listed as deprecated, registered again, undeprecated
    DescribeDomainResponse described = swf.describeDomain(r -> r.name(domain));
    List<String> registered = swf.listDomainsPaginator(r -> r.registrationStatus(RegistrationStatus.REGISTERED)
        .maximumPageSize(1)).domainInfos().stream().map(DomainInfo::name).toList();
    swf.deprecateDomain(r -> r.name(domain));
    List<String> deprecated = swf.listDomainsPaginator(r -> r.registrationStatus(RegistrationStatus.DEPRECATED)
        .reverseOrder(true)).domainInfos().stream().map(DomainInfo::name).toList();
    String again = codeOf(() -> swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1")));
    assertThrows(DomainDeprecatedException.class, () -> swf.deprecateDomain(r -> r.name(domain)));
    swf.undeprecateDomain(r -> r.name(domain));

    // Then each answer is AWS's
    assertEquals(domain, described.domainInfo().name());
    assertEquals(RegistrationStatus.REGISTERED, described.domainInfo().status());
    assertEquals("the orders", described.domainInfo().description());
    assertEquals("arn:aws:swf:us-east-1:000000000000:/domain/" + domain, described.domainInfo().arn());
    assertEquals("30", described.configuration().workflowExecutionRetentionPeriodInDays());
    assertTrue(registered.contains(domain));
    assertTrue(deprecated.contains(domain));
    assertEquals("DomainAlreadyExistsFault", again);
    assertThrows(DomainAlreadyExistsException.class, () -> swf.undeprecateDomain(r -> r.name(domain)));
    assertEquals(RegistrationStatus.REGISTERED, swf.describeDomain(r -> r.name(domain)).domainInfo().status());
  }

  @Test
  void domainsAreTaggedByArn() {
    String domain = name("tagged");
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("NONE"));
    String arn = swf.describeDomain(r -> r.name(domain)).domainInfo().arn();

    swf.tagResource(r -> r.resourceArn(arn).tags(ResourceTag.builder().key("env").value("prod").build(),
        ResourceTag.builder().key("gone").build()));
    swf.untagResource(r -> r.resourceArn(arn).tagKeys("gone"));

    assertEquals(List.of(ResourceTag.builder().key("env").value("prod").build()),
        swf.listTagsForResource(r -> r.resourceArn(arn)).tags());
    assertThrows(UnknownResourceException.class,
        () -> swf.listTagsForResource(r -> r.resourceArn(arn.replace("us-east-1", "eu-west-1"))));
  }

  @Test
  void typesAreRegisteredWithTheirDefaultsDescribedListedDeprecatedAndDeleted() {
    // Given a workflow type and an activity type registered with their defaults
    String domain = name("typed");
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(r -> r.domain(domain).name("flow").version("1").description("the flow")
        .defaultTaskStartToCloseTimeout("30").defaultExecutionStartToCloseTimeout("3600")
        .defaultTaskList(t -> t.name("decisions")).defaultTaskPriority("3").defaultChildPolicy(ChildPolicy.TERMINATE)
        .defaultLambdaRole("arn:aws:iam::000000000000:role/lambda"));
    swf.registerWorkflowType(r -> r.domain(domain).name("flow").version("2"));
    swf.registerActivityType(r -> r.domain(domain).name("work").version("1").defaultTaskHeartbeatTimeout("NONE")
        .defaultTaskList(t -> t.name("work")).defaultTaskScheduleToStartTimeout("60")
        .defaultTaskScheduleToCloseTimeout("120").defaultTaskStartToCloseTimeout("60"));

    // When they are described and listed, and a workflow type deprecated and deleted
    DescribeWorkflowTypeResponse flow = swf.describeWorkflowType(r -> r.domain(domain)
        .workflowType(t -> t.name("flow").version("1")));
    ActivityTypeConfiguration work = swf.describeActivityType(r -> r.domain(domain)
        .activityType(t -> t.name("work").version("1"))).configuration();
    List<WorkflowTypeInfo> listed = swf.listWorkflowTypesPaginator(r -> r.domain(domain).name("flow")
        .registrationStatus(RegistrationStatus.REGISTERED).maximumPageSize(1).reverseOrder(true)).typeInfos()
        .stream().toList();
    assertThrows(TypeNotDeprecatedException.class, () -> swf.deleteWorkflowType(r -> r.domain(domain)
        .workflowType(t -> t.name("flow").version("2"))));
    swf.deprecateWorkflowType(r -> r.domain(domain).workflowType(t -> t.name("flow").version("2")));
    assertThrows(TypeDeprecatedException.class, () -> swf.deprecateWorkflowType(r -> r.domain(domain)
        .workflowType(t -> t.name("flow").version("2"))));
    swf.deleteWorkflowType(r -> r.domain(domain).workflowType(t -> t.name("flow").version("2")));

    // Then they are as registered, and the deleted one is gone
    assertEquals("the flow", flow.typeInfo().description());
    assertEquals(RegistrationStatus.REGISTERED, flow.typeInfo().status());
    assertEquals(Instant.ofEpochMilli(CLOCK.millis()), flow.typeInfo().creationDate());
    assertNull(flow.typeInfo().deprecationDate());
    assertEquals("30", flow.configuration().defaultTaskStartToCloseTimeout());
    assertEquals("3600", flow.configuration().defaultExecutionStartToCloseTimeout());
    assertEquals("decisions", flow.configuration().defaultTaskList().name());
    assertEquals("3", flow.configuration().defaultTaskPriority());
    assertEquals(ChildPolicy.TERMINATE, flow.configuration().defaultChildPolicy());
    assertEquals("arn:aws:iam::000000000000:role/lambda", flow.configuration().defaultLambdaRole());
    assertEquals("NONE", work.defaultTaskHeartbeatTimeout());
    assertEquals("120", work.defaultTaskScheduleToCloseTimeout());
    assertEquals(List.of("2", "1"), listed.stream().map(t -> t.workflowType().version()).toList());
    assertThrows(UnknownResourceException.class, () -> swf.describeWorkflowType(r -> r.domain(domain)
        .workflowType(t -> t.name("flow").version("2"))));
    assertEquals(1, swf.listWorkflowTypes(r -> r.domain(domain).registrationStatus(RegistrationStatus.REGISTERED))
        .typeInfos().size());
  }

  @Test
  void activityTypesAreDeprecatedUndeprecatedListedByStatusAndDeleted() {
    // Given two activity types and a workflow type
    String domain = name("acts");
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
    swf.registerActivityType(r -> r.domain(domain).name("work").version("1"));
    swf.registerActivityType(r -> r.domain(domain).name("work").version("2"));
    swf.registerWorkflowType(r -> r.domain(domain).name("flow").version("1"));

    // When one activity type is deprecated, listed, undeprecated, deprecated again and deleted,
    // and the workflow type deprecated and undeprecated
    swf.deprecateActivityType(r -> r.domain(domain).activityType(t -> t.name("work").version("2")));
    List<String> deprecated = versions(swf.listActivityTypes(r -> r.domain(domain)
        .registrationStatus(RegistrationStatus.DEPRECATED)).typeInfos());
    List<String> registered = versions(swf.listActivityTypes(r -> r.domain(domain)
        .registrationStatus(RegistrationStatus.REGISTERED)).typeInfos());
    swf.undeprecateActivityType(r -> r.domain(domain).activityType(t -> t.name("work").version("2")));
    List<String> registeredAgain = versions(swf.listActivityTypes(r -> r.domain(domain)
        .registrationStatus(RegistrationStatus.REGISTERED)).typeInfos());
    assertThrows(TypeNotDeprecatedException.class, () -> swf.deleteActivityType(r -> r.domain(domain)
        .activityType(t -> t.name("work").version("2"))));
    swf.deprecateActivityType(r -> r.domain(domain).activityType(t -> t.name("work").version("2")));
    swf.deleteActivityType(r -> r.domain(domain).activityType(t -> t.name("work").version("2")));
    swf.deprecateWorkflowType(r -> r.domain(domain).workflowType(t -> t.name("flow").version("1")));
    swf.undeprecateWorkflowType(r -> r.domain(domain).workflowType(t -> t.name("flow").version("1")));

    // Then each listing and description says so
    assertEquals(List.of("2"), deprecated);
    assertEquals(List.of("1"), registered);
    assertEquals(List.of("1", "2"), registeredAgain);
    assertThrows(UnknownResourceException.class, () -> swf.describeActivityType(r -> r.domain(domain)
        .activityType(t -> t.name("work").version("2"))));
    assertEquals(RegistrationStatus.REGISTERED, swf.describeWorkflowType(r -> r.domain(domain)
        .workflowType(t -> t.name("flow").version("1"))).typeInfo().status());
  }

  private static List<String> versions(List<software.amazon.awssdk.services.swf.model.ActivityTypeInfo> infos) {
    return infos.stream().map(t -> t.activityType().version()).toList();
  }

  @Test
  void onRedisASecondNodeSeesWhatTheFirstRegisteredAndDeprecated() {
    assumeTrue(engine == Engine.REDIS, "one memory node keeps its domains to itself");
    String domain = name("shared");
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("2"));
    swf.registerWorkflowType(r -> r.domain(domain).name("flow").version("1"));

    try (TestSluice second = TestSluice.start(Engine.REDIS, CLOCK, Map.of(), PREFIX);
         SwfClient other = SwfClient.builder().endpointOverride(second.endpoint()).region(Region.US_EAST_1)
             .credentialsProvider(TestSluice.credentials()).httpClient(ApacheHttpClient.builder().build()).build()) {
      other.deprecateDomain(r -> r.name(domain));

      assertEquals("2", other.describeDomain(r -> r.name(domain)).configuration()
          .workflowExecutionRetentionPeriodInDays());
      assertEquals(RegistrationStatus.DEPRECATED, swf.describeDomain(r -> r.name(domain)).domainInfo().status());
      assertEquals(RegistrationStatus.DEPRECATED, swf.describeWorkflowType(r -> r.domain(domain)
          .workflowType(t -> t.name("flow").version("1"))).typeInfo().status());
    }
  }

  @Test
  void aDeprecatedDomainTakesNoTypesAndInvalidInputIsAValidationException() {
    String domain = name("closed");
    swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
    swf.deprecateDomain(r -> r.name(domain));

    assertThrows(DomainDeprecatedException.class,
        () -> swf.registerActivityType(r -> r.domain(domain).name("work").version("1")));
    assertEquals("ValidationException",
        codeOf(() -> swf.registerDomain(r -> r.name(name("d")).workflowExecutionRetentionPeriodInDays("91"))));
    assertEquals("ValidationException", codeOf(() -> swf.registerDomain(r -> r.name(name("d")))));
    assertThrows(UnknownResourceException.class, () -> swf.describeDomain(r -> r.name(name("none"))));
  }
}
