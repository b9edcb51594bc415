package io.sluice.it.firehose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.firehose.RunningFirehose;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.testing.Await;
import io.sluice.testing.AwsCli;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a user sees of Firehose's stored objects with the AWS CLI on each engine: {@code aws s3 ls}
 * (buckets, and a bucket's keys recursively), {@code aws s3 cp s3://bucket/key -}, and a download big
 * enough that the CLI fetches it in ranged parts. Skipped without {@code aws}.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class StoredObjectsCliTest {
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);

  @Parameter
  Engine engine;
  TestSluice node;
  ObjectStore objects;
  String bucket;

  @BeforeAll
  static void start() {
    for (Engine e : Engine.values()) {
      NODES.put(e, TestSluice.start(e, InstantSource.system(), Map.of()));
    }
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  @BeforeEach
  void given() {
    assumeTrue(AwsCli.available(), "the AWS CLI is not on the PATH");
    node = NODES.get(engine);
    objects = node.sluice().service(RunningFirehose.class).orElseThrow().storedObjects();
    bucket = TestSluice.uniqueName("cli-out");
  }

  private String cli(String... args) throws Exception {
    return new String(AwsCli.output(node.endpoint(), args), StandardCharsets.UTF_8);
  }

  @Test
  void awsS3LsShowsTheBucketAndEveryKeyWithItsSize() throws Exception {
    Await.await(objects.put(bucket, "2026/12/06/15/s-1-2026-12-06-15-00-00-a", "hello".getBytes(StandardCharsets.UTF_8), null));
    Await.await(objects.put(bucket, "processing-failed/2026/12/06/15/s-1-b", new byte[1234], null));

    String buckets = cli("s3", "ls");
    String keys = cli("s3", "ls", "s3://" + bucket + "/", "--recursive");
    String top = cli("s3", "ls", "s3://" + bucket + "/");

    assertTrue(buckets.contains(" " + bucket + "\n"), buckets);
    List<String> lines = keys.lines().toList();
    assertEquals(2, lines.size(), keys);
    assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +5 2026/12/06/15/s-1-2026-12-06-15-00-00-a"),
        keys);
    assertTrue(lines.get(1).matches(".* +1234 processing-failed/2026/12/06/15/s-1-b"), keys);
    assertEquals(List.of("PRE 2026/", "PRE processing-failed/"), top.lines().map(String::strip).toList());
  }

  @Test
  void awsS3CpPrintsAnObjectWhoseKeyHasSpacesAndPluses() throws Exception {
    Await.await(objects.put(bucket, "dir/a b+c", "{\"a\":1}{\"a\":2}".getBytes(StandardCharsets.UTF_8), null));

    String listed = cli("s3", "ls", "s3://" + bucket + "/dir/");
    String printed = cli("s3", "cp", "s3://" + bucket + "/dir/a b+c", "-");

    assertTrue(listed.strip().endsWith(" 14 a b+c"), listed);
    assertEquals("{\"a\":1}{\"a\":2}", printed);
  }

  @Test
  void awsS3CpDownloadsABigObjectInRangedPartsIntact() throws Exception {
    // Above the CLI's 8 MiB multipart threshold, it asks for the object in ranges.
    byte[] body = new byte[9 * 1024 * 1024 + 17];
    new Random(3).nextBytes(body);
    Await.await(objects.put(bucket, "big.bin", body, null));
    Path target = Files.createTempFile("sluice-s3-cp", ".bin");
    try {
      cli("s3", "cp", "s3://" + bucket + "/big.bin", target.toString());

      assertArrayEquals(body, Files.readAllBytes(target));
    } finally {
      Files.deleteIfExists(target);
    }
  }
}
