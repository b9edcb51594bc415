package io.sluice.it.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import io.sluice.time.ManualClock;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Small helpers the SQS black-box tests share: queues, ARNs, error assertions, a clocked node. */
final class SqsTesting {
  private SqsTesting() {}

  /** Creates a queue named {@code base} plus a unique suffix ({@code .fifo} kept last) and returns its URL. */
  static String createQueue(SqsClient sqs, String base, Map<QueueAttributeName, String> attributes) {
    boolean fifo = base.endsWith(".fifo");
    String stem = fifo ? base.substring(0, base.length() - 5) : base;
    String name = TestSluice.uniqueName(stem) + (fifo ? ".fifo" : "");
    return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
  }

  static String createQueue(SqsClient sqs, String base) {
    return createQueue(sqs, base, Map.of());
  }

  /** The ARN of the queue a Sluice queue URL names (region us-east-1, as the test clients use). */
  static String arnOf(String queueUrl) {
    String[] path = URI.create(queueUrl).getPath().split("/");
    return "arn:aws:sqs:us-east-1:" + path[path.length - 2] + ":" + path[path.length - 1];
  }

  /** A RedrivePolicy attribute value. */
  static String redrivePolicy(String deadLetterQueueUrl, int maxReceiveCount) {
    return "{\"deadLetterTargetArn\":\"" + arnOf(deadLetterQueueUrl) + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
  }

  /** Asserts that {@code call} fails with the AWS error {@code code} and returns the exception. */
  static SqsException assertAwsError(String code, Executable call) {
    SqsException e = assertThrows(SqsException.class, call);
    assertEquals(code, e.awsErrorDetails().errorCode(), () -> "message: " + e.awsErrorDetails().errorMessage());
    return e;
  }

  /** Receives (short polls) until a receive comes back empty; returns everything received. */
  static List<Message> drain(SqsClient sqs, String queueUrl) {
    List<Message> all = new ArrayList<>();
    while (true) {
      List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
          .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      if (got.isEmpty()) {
        return all;
      }
      all.addAll(got);
    }
  }

  /** A private node whose clock the test moves by hand. */
  record ClockedNode(TestSluice node, ManualClock clock) implements AutoCloseable {
    static ClockedNode start(Engine engine) {
      ManualClock clock = new ManualClock();
      return new ClockedNode(TestSluice.start(engine, clock, Map.of()), clock);
    }

    SqsClient sqs() {
      return node.sqs();
    }

    void advanceSeconds(long seconds) {
      clock.advanceSeconds(seconds);
    }

    @Override
    public void close() {
      node.close();
    }
  }
}
