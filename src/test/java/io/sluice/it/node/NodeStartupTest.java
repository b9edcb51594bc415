package io.sluice.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.Prometheus;
import io.sluice.testing.RawHttp;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a fresh JVM running a node on the in-memory engine does, and does not do, while it starts and serves. */
class NodeStartupTest {

  @Test
  void memoryNodeLoadsNoHazelcastClass(@TempDir Path dir) throws Exception {
    // Given a node on the memory engine in a fresh JVM that logs every class it loads
    Path classLog = dir.resolve("classes.log");
    try (SluiceProcess node = SluiceProcess.start(Engine.MEMORY, Map.of("SLUICE_GATEWAY_INSTANCES", "2"),
        "-Xlog:class+load=info:file=" + classLog)) {
      // When it has served a request
      assertEquals(200, RawHttp.postForm(node.endpoint(),
          "Action=CreateQueue&QueueName=" + TestSluice.uniqueName("startup")).status());

      // Then it loaded Vert.x but nothing of Hazelcast
      List<String> loaded = Files.readAllLines(classLog);
      assertTrue(loaded.stream().anyMatch(l -> l.contains("io.vertx.core.Vertx ")), "class logging did not work");
      List<String> hazelcast = loaded.stream().filter(l -> l.contains("hazelcast")).toList();
      assertEquals(List.of(), hazelcast);
    }
  }

  @Test
  void servingTrafficLogsNoDuplicateGaugeWarning() {
    // Given a node in a fresh JVM, whose log is its output
    try (SluiceProcess node = SluiceProcess.start(Engine.MEMORY, Map.of("SLUICE_GATEWAY_INSTANCES", "3"))) {
      // When it serves requests over several connections and is scraped
      for (int i = 0; i < 6; i++) {
        String name = TestSluice.uniqueName("traffic");
        String url = node.sqs().createQueue(b -> b.queueName(name)).queueUrl();
        node.sqs().sendMessage(b -> b.queueUrl(url).messageBody("m"));
        node.sqs().receiveMessage(b -> b.queueUrl(url));
        RawHttp.postForm(node.endpoint(), "Action=GetQueueUrl&QueueName=" + name);
      }
      Prometheus.scrape(node.endpoint());

      // Then Micrometer never warned about a gauge registered twice
      List<String> warnings = node.output().stream().filter(l -> l.contains("already registered")).toList();
      assertEquals(List.of(), warnings);
    }
  }
}
