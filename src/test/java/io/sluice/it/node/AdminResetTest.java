package io.sluice.it.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** {@code POST /_sluice/reset} wipes all state when the admin endpoint is enabled, and does not exist otherwise. */
class AdminResetTest {

  @Test
  void enabledResetWipesEveryQueue() {
    try (TestSluice node = TestSluice.start(Engine.MEMORY, InstantSource.system(),
        Map.of("SLUICE_ADMIN_ENABLED", "true"))) {
      // Given a queue with a message
      String name = TestSluice.uniqueName("reset");
      String url = node.sqs().createQueue(b -> b.queueName(name)).queueUrl();
      node.sqs().sendMessage(b -> b.queueUrl(url).messageBody("gone soon"));

      // When the node is reset
      Answer a = RawHttp.post(node.endpoint().resolve("/_sluice/reset"), Map.of(), "");

      // Then the queue no longer exists, and its name is free again at once
      assertEquals(200, a.status());
      assertEquals("{\"reset\":true}", a.body());
      assertThrows(QueueDoesNotExistException.class, () -> node.sqs().getQueueUrl(b -> b.queueName(name)));
      String again = node.sqs().createQueue(b -> b.queueName(name)).queueUrl();
      assertEquals(0, node.sqs().receiveMessage(b -> b.queueUrl(again)).messages().size());
    }
  }

  @Test
  void disabledResetAnswersLikeAnyUnknownAwsRequestAndWipesNothing() {
    try (TestSluice node = TestSluice.start(Engine.MEMORY, InstantSource.system(),
        Map.of("SLUICE_ADMIN_ENABLED", "false"))) {
      // Given a queue
      String name = TestSluice.uniqueName("kept");
      node.sqs().createQueue(b -> b.queueName(name));

      // When reset is posted, and so is a path that never existed
      Answer reset = RawHttp.post(node.endpoint().resolve("/_sluice/reset"), Map.of(), "");
      Answer unknown = RawHttp.post(node.endpoint().resolve("/_sluice/no-such-thing"), Map.of(), "");

      // Then both get the same AWS error, and the queue is still there
      assertEquals(unknown.status(), reset.status());
      assertEquals("MissingAction", reset.xmlErrorCode());
      assertEquals(unknown.xmlErrorCode(), reset.xmlErrorCode());
      assertEquals(unknown.header("content-type"), reset.header("content-type"));
      node.sqs().getQueueUrl(b -> b.queueName(name));
    }
  }
}
