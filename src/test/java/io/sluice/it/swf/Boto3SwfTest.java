package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.Boto3;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * boto3 (botocore's JSON 1.0) against a node on each engine: the SWF control plane with botocore's
 * paginators and its error codes. The script prints what it saw as JSON; the checks are here.
 * Skipped without boto3.
 */
class Boto3SwfTest {
  private static final ManualClock CLOCK = new ManualClock(1_780_000_000_000L);
  private static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);

  /** The script: argv endpoint, domain name; prints one JSON object of observations. */
  private static final String SCRIPT = """
      import json, sys
      import boto3
      from botocore.exceptions import ClientError

      endpoint, domain = sys.argv[1], sys.argv[2]
      swf = boto3.client("swf", endpoint_url=endpoint, region_name="us-east-1",
                         aws_access_key_id="test", aws_secret_access_key="test")
      out = {}

      def error_code(call, **kwargs):
          try:
              call(**kwargs)
              return None
          except ClientError as e:
              return e.response["Error"]["Code"]

      swf.register_domain(name=domain, workflowExecutionRetentionPeriodInDays="5",
                          tags=[{"key": "team", "value": "boto3"}])
      out["again"] = error_code(swf.register_domain, name=domain, workflowExecutionRetentionPeriodInDays="5")
      out["unknown"] = error_code(swf.describe_domain, name=domain + "-none")
      out["retention"] = swf.describe_domain(name=domain)["configuration"]["workflowExecutionRetentionPeriodInDays"]
      for version in ["3", "1", "2"]:
          swf.register_workflow_type(domain=domain, name="flow", version=version, defaultTaskList={"name": "d"})
      swf.register_activity_type(domain=domain, name="work", version="1")
      pages = swf.get_paginator("list_workflow_types").paginate(
          domain=domain, registrationStatus="REGISTERED", PaginationConfig={"PageSize": 1})
      out["versions"] = [t["workflowType"]["version"] for page in pages for t in page["typeInfos"]]
      out["created"] = swf.describe_workflow_type(domain=domain, workflowType={"name": "flow", "version": "1"})[
          "typeInfo"]["creationDate"].timestamp()
      swf.deprecate_activity_type(domain=domain, activityType={"name": "work", "version": "1"})
      out["deprecateAgain"] = error_code(swf.deprecate_activity_type, domain=domain,
                                         activityType={"name": "work", "version": "1"})
      swf.delete_activity_type(domain=domain, activityType={"name": "work", "version": "1"})
      out["afterDelete"] = error_code(swf.describe_activity_type, domain=domain,
                                      activityType={"name": "work", "version": "1"})
      swf.deprecate_domain(name=domain)
      out["inDeprecated"] = error_code(swf.register_activity_type, domain=domain, name="late", version="1")
      domains = swf.get_paginator("list_domains").paginate(registrationStatus="DEPRECATED",
                                                           PaginationConfig={"PageSize": 1})
      out["deprecatedListed"] = domain in [d["name"] for page in domains for d in page["domainInfos"]]
      out["validation"] = error_code(swf.register_domain, name=domain + "-x", workflowExecutionRetentionPeriodInDays="100")
      print(json.dumps(out))
      """;

  @AfterAll
  static void stop() {
    synchronized (NODES) {
      NODES.values().forEach(TestSluice::close);
      NODES.clear();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void boto3RegistersListsWithPaginatorsAndGetsAwsErrorCodes(Engine engine) throws Exception {
    assumeTrue(Boto3.available(), "python3 with boto3 is not available");
    String domain = TestSluice.uniqueName("boto3-" + engine.name().toLowerCase());

    JsonNode seen = Boto3.run(SCRIPT, node(engine).endpoint().toString(), domain);

    assertEquals("DomainAlreadyExistsFault", seen.get("again").asText());
    assertEquals("UnknownResourceFault", seen.get("unknown").asText());
    assertEquals("5", seen.get("retention").asText());
    assertEquals("[\"1\",\"2\",\"3\"]", seen.get("versions").toString());
    assertEquals(CLOCK.millis() / 1000.0, seen.get("created").asDouble(), 0.001);
    assertEquals("TypeDeprecatedFault", seen.get("deprecateAgain").asText());
    assertEquals("UnknownResourceFault", seen.get("afterDelete").asText());
    assertEquals("DomainDeprecatedFault", seen.get("inDeprecated").asText());
    assertEquals(true, seen.get("deprecatedListed").asBoolean());
    assertEquals("ValidationException", seen.get("validation").asText());
  }

  private static TestSluice node(Engine engine) {
    synchronized (NODES) {
      return NODES.computeIfAbsent(engine, e -> TestSluice.start(e, CLOCK, Map.of()));
    }
  }
}
