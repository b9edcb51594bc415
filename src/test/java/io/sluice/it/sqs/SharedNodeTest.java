package io.sluice.it.sqs;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import org.junit.jupiter.params.Parameter;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Base of black-box tests that run on the node shared by the whole test run for their engine
 * (subclasses are {@code @ParameterizedClass @EnumSource(Engine.class)}); they use unique queues.
 */
abstract class SharedNodeTest {
  @Parameter
  Engine engine;

  SqsClient sqs() {
    return TestSluice.shared(engine).sqs();
  }

  SqsAsyncClient sqsAsync() {
    return TestSluice.shared(engine).sqsAsync();
  }
}
