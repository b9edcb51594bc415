package io.sluice.it.kinesis;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A stream's resource policy through the AWS SDK v2 {@code KinesisClient}, in CBOR and in JSON, on
 * each engine, with two accounts' keys ({@code SLUICE_CREDENTIALS}): account B may put records into
 * A's stream only while A's policy allows it, and never manage A's stream.
 */
@ParameterizedClass
@CsvSource({"MEMORY,true", "MEMORY,false", "REDIS,true", "REDIS,false"})
class StreamPolicyTest {
  private static final String A = "111111111111";
  private static final String B = "222222222222";
  private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
  private static TestSluice node;

  @Parameter(0)
  Engine engine;
  @Parameter(1)
  boolean cbor;

  private KinesisClient a;
  private KinesisClient b;

  @BeforeParameterizedClassInvocation
  static void startNode(Engine engine, boolean cbor) {
    node = TestSluice.start(engine, CLOCK,
        Map.of("SLUICE_CREDENTIALS", "AKIDACCOUNTA:secret-a:" + A + ",AKIDACCOUNTB:secret-b:" + B));
  }

  @AfterParameterizedClassInvocation
  static void stopNode() {
    node.close();
  }

  @AfterEach
  void closeClients() {
    a.close();
    b.close();
  }

  @Test
  void anotherAccountPutsRecordsOnlyWhileThePolicyAllowsIt() {
    a = KinesisTesting.client(node.endpoint(), cbor,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDACCOUNTA", "secret-a")));
    b = KinesisTesting.client(node.endpoint(), cbor,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDACCOUNTB", "secret-b")));
    String stream = TestSluice.uniqueName("shared-" + (cbor ? "cbor" : "json"));
    a.createStream(r -> r.streamName(stream).shardCount(1));
    CLOCK.advanceSeconds(1);
    String arn = "arn:aws:kinesis:us-east-1:" + A + ":stream/" + stream;
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + B
        + "\"},\"Action\":[\"kinesis:PutRecord\",\"kinesis:DescribeStreamSummary\"],\"Resource\":\"" + arn + "\"}]}";

    String before = codeOf(() -> b.putRecord(r -> r.streamARN(arn).partitionKey("k")
        .data(SdkBytes.fromUtf8String("x"))));
    a.putResourcePolicy(r -> r.resourceARN(arn).policy(policy));
    String stored = a.getResourcePolicy(r -> r.resourceARN(arn)).policy();
    String shard = b.putRecord(r -> r.streamARN(arn).partitionKey("k").data(SdkBytes.fromUtf8String("x"))).shardId();
    String status = b.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary().streamStatusAsString();
    String tag = codeOf(() -> b.addTagsToStream(r -> r.streamARN(arn).tags(Map.of("k", "v"))));
    String policyOfA = codeOf(() -> b.getResourcePolicy(r -> r.resourceARN(arn)));
    a.deleteResourcePolicy(r -> r.resourceARN(arn));

    assertEquals("AccessDeniedException", before);
    assertEquals(policy, stored);
    assertEquals("shardId-000000000000", shard);
    assertEquals("ACTIVE", status);
    assertEquals("AccessDeniedException", tag);
    assertEquals("AccessDeniedException", policyOfA);
    assertEquals("AccessDeniedException", codeOf(() -> b.putRecord(r -> r.streamARN(arn).partitionKey("k")
        .data(SdkBytes.fromUtf8String("x")))));
    assertEquals("{}", a.getResourcePolicy(r -> r.resourceARN(arn)).policy());
  }
}
