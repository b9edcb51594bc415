package io.sluice.it.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.AwsCli;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * STS on a node that checks no signatures (the default): any key is its account's root (the default
 * account unless the key is a 12-digit account id), and credentials from AssumeRole still act in the
 * role's account. Also driven with the AWS CLI, as tools check who they are before they start.
 */
class StsWithoutCredentialsTest {
  private static TestSluice node;

  @BeforeAll
  static void start() {
    node = TestSluice.start(Engine.MEMORY, InstantSource.system(), Map.of());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void anyKeyIsTheDefaultAccountsRoot() {
    try (StsClient sts = StsTest.sts(node, AwsBasicCredentials.create("test", "test"))) {
      assertEquals("000000000000", sts.getCallerIdentity().account());
      assertEquals("arn:aws:iam::000000000000:root", sts.getCallerIdentity().arn());
    }
  }

  @Test
  void assumedRoleCredentialsActInTheRolesAccount() {
    Credentials c;
    try (StsClient sts = StsTest.sts(node, AwsBasicCredentials.create("test", "test"))) {
      c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::333344445555:role/app").roleSessionName("local"))
          .credentials();
    }
    try (SqsClient sqs = StsTest.sqs(node, StsTest.session(c))) {
      String url = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("role"))).queueUrl();
      assertTrue(url.contains("/333344445555/"), url);
    }
  }

  @Test
  void theAwsCliGetsItsCallerIdentityAndAssumesARole() throws Exception {
    JsonNode who = cli("sts", "get-caller-identity");
    JsonNode assumed = cli("sts", "assume-role", "--role-arn", "arn:aws:iam::333344445555:role/cli",
        "--role-session-name", "cli-session", "--duration-seconds", "1800");

    assertEquals("000000000000", who.path("Account").asText());
    assertEquals("arn:aws:iam::000000000000:root", who.path("Arn").asText());
    assertTrue(assumed.path("Credentials").path("AccessKeyId").asText().startsWith("ASIA"), assumed.toString());
    assertEquals("arn:aws:sts::333344445555:assumed-role/cli/cli-session",
        assumed.path("AssumedRoleUser").path("Arn").asText());
  }

  private static JsonNode cli(String... args) throws IOException, InterruptedException {
    return AwsCli.run(node.endpoint(), args);
  }
}
