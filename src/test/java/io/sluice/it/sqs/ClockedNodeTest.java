package io.sluice.it.sqs;

import io.sluice.it.sqs.SqsTesting.ClockedNode;
import io.sluice.testing.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Base of black-box tests that move time by hand: each test gets a private node with a manual
 * clock (subclasses are {@code @ParameterizedClass @EnumSource(Engine.class)}).
 */
abstract class ClockedNodeTest {
  @Parameter
  Engine engine;

  ClockedNode node;
  SqsClient sqs;

  @BeforeEach
  void startNode() {
    node = ClockedNode.start(engine);
    sqs = node.sqs();
  }

  @AfterEach
  void stopNode() {
    node.close();
  }
}
