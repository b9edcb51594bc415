package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.it.S3ProxyServer;
import io.sluice.testing.Boto3;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * boto3 (botocore's Firehose model, JSON 1.1) against a node on each engine that delivers to S3Proxy:
 * create_delivery_stream, describe until ACTIVE, list_delivery_streams, put_record_batch, the
 * delivered object read back with boto3's own S3 client, delete_delivery_stream until gone. The
 * script prints what it saw as JSON; the checks are here. Skipped without boto3.
 */
class Boto3FirehoseTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);

  /** The script: argv Sluice endpoint, S3 endpoint, S3 key, S3 secret, stream, bucket; prints observations. */
  private static final String SCRIPT = """
      import json, sys, time
      import boto3
      from botocore.exceptions import ClientError

      endpoint, s3_endpoint, s3_key, s3_secret, stream, bucket = sys.argv[1:7]
      f = boto3.client("firehose", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
      s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                        aws_access_key_id=s3_key, aws_secret_access_key=s3_secret,
                        # S3Proxy does not take botocore's default flexible-checksum headers.
                        config=boto3.session.Config(s3={"addressing_style": "path"},
                                                    request_checksum_calculation="when_required",
                                                    response_checksum_validation="when_required"))
      out = {}

      def status():
          return f.describe_delivery_stream(DeliveryStreamName=stream)["DeliveryStreamDescription"]["DeliveryStreamStatus"]

      def until(what, check, timeout=15):
          deadline = time.time() + timeout
          while not check():
              if time.time() > deadline:
                  raise SystemExit("timed out waiting for " + what)
              time.sleep(0.05)

      arn = f.create_delivery_stream(
          DeliveryStreamName=stream, DeliveryStreamType="DirectPut",
          ExtendedS3DestinationConfiguration={
              "RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::" + bucket,
              "Prefix": "boto3/", "BufferingHints": {"IntervalInSeconds": 1, "SizeInMBs": 1}})["DeliveryStreamARN"]
      out["arn"] = arn
      until("ACTIVE", lambda: status() == "ACTIVE")
      d = f.describe_delivery_stream(DeliveryStreamName=stream)["DeliveryStreamDescription"]
      dest = d["Destinations"][0]["ExtendedS3DestinationDescription"]
      out["describe"] = {"status": d["DeliveryStreamStatus"], "type": d["DeliveryStreamType"],
                         "version": d["VersionId"], "bucket": dest["BucketARN"], "prefix": dest["Prefix"],
                         "compression": dest["CompressionFormat"],
                         "buffering": [dest["BufferingHints"]["IntervalInSeconds"], dest["BufferingHints"]["SizeInMBs"]]}
      out["listed"] = stream in f.list_delivery_streams(DeliveryStreamType="DirectPut", Limit=10000)["DeliveryStreamNames"]

      batch = f.put_record_batch(DeliveryStreamName=stream, Records=[
          {"Data": ("{\\"n\\":%d}\\n" % i).encode()} for i in range(25)])
      out["failed"] = batch["FailedPutCount"]
      out["recordIds"] = [r.get("RecordId") for r in batch["RequestResponses"]]

      def listed():
          return s3.list_objects_v2(Bucket=bucket).get("Contents", [])
      until("the delivered objects", lambda: sum(o["Size"] for o in listed()) >= sum(len("{\\"n\\":%d}\\n" % i) for i in range(25)))
      time.sleep(0.5)
      objects = sorted(listed(), key=lambda o: o["Key"])
      out["keys"] = [o["Key"] for o in objects]
      out["bodies"] = [s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read().decode() for o in objects]

      f.delete_delivery_stream(DeliveryStreamName=stream)
      def gone():
          try:
              status()
              return False
          except ClientError as e:
              out["afterDelete"] = e.response["Error"]["Code"]
              return True
      until("the stream gone", gone)
      out["listedAfterDelete"] = stream in f.list_delivery_streams(Limit=10000)["DeliveryStreamNames"]
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
  void boto3ManagesAStreamAndReadsBackWhatItDelivered(Engine engine) throws Exception {
    assumeTrue(boto3Available(), "python3 with boto3 is not available");
    String stream = TestSluice.uniqueName("boto3-fh-" + engine.name().toLowerCase());
    String bucket = TestSluice.uniqueName("boto3-out-" + engine.name().toLowerCase());
    S3.createBucket(bucket);

    JsonNode seen = runScript(node(engine), stream, bucket);

    assertEquals("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + stream, seen.get("arn").asText());
    JsonNode d = seen.get("describe");
    assertEquals("ACTIVE", d.get("status").asText());
    assertEquals("DirectPut", d.get("type").asText());
    assertEquals("1", d.get("version").asText());
    assertEquals("arn:aws:s3:::" + bucket, d.get("bucket").asText());
    assertEquals("boto3/", d.get("prefix").asText());
    assertEquals("UNCOMPRESSED", d.get("compression").asText());
    assertEquals("[1,1]", d.get("buffering").toString());
    assertTrue(seen.get("listed").asBoolean());

    assertEquals(0, seen.get("failed").asInt());
    assertEquals(25, seen.get("recordIds").size());
    seen.get("recordIds").forEach(id -> assertFalse(id.asText().isEmpty()));
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      expected.append("{\"n\":").append(i).append("}\n");
    }
    StringBuilder delivered = new StringBuilder();
    seen.get("bodies").forEach(b -> delivered.append(b.asText()));
    assertEquals(expected.toString(), delivered.toString());
    seen.get("keys").forEach(k -> assertTrue(k.asText().matches("boto3/\\d{4}/\\d\\d/\\d\\d/\\d\\d/"
        + java.util.regex.Pattern.quote(stream) + "-1-\\d{4}(-\\d\\d){5}-[-0-9a-f]{36}"), k.asText()));

    assertEquals("ResourceNotFoundException", seen.get("afterDelete").asText());
    assertFalse(seen.get("listedAfterDelete").asBoolean());
  }

  /** A node on {@code engine} delivering to {@link #S3}, shared by the class. */
  private static TestSluice node(Engine engine) {
    synchronized (NODES) {
      return NODES.computeIfAbsent(engine,
          e -> TestSluice.start(e, InstantSource.system(), DeliveryTesting.environment(S3, Map.of())));
    }
  }

  private static JsonNode runScript(TestSluice node, String stream, String bucket) throws Exception {
    return Boto3.run(SCRIPT, node.endpoint().toString(), S3.endpoint(), S3ProxyServer.ACCESS_KEY,
        S3ProxyServer.SECRET_KEY, stream, bucket);
  }

  private static boolean boto3Available() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
