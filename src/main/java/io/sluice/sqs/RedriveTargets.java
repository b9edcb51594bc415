package io.sluice.sqs;

import io.sluice.protocol.AwsException;
import io.sluice.sqs.model.QueueId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks a RedrivePolicy's dead-letter queue: it must exist, be of the same type as the source,
 * and its RedriveAllowPolicy must admit the source.
 */
public final class RedriveTargets {
  private RedriveTargets() {}

  public static CompletionStage<Void> check(QueueDirectory directory, QueueId source, Map<String, String> attributes) {
    String policy = attributes.get(QueueAttributes.REDRIVE_POLICY);
    if (policy == null) {
      return CompletableFuture.completedFuture(null);
    }
    RedrivePolicy redrive = RedrivePolicy.parse(policy);
    QueueId target = redrive.target();
    return directory.find(target).thenApply(found -> {
      if (found.isEmpty()) {
        throw AwsException.invalidParameter(QueueAttributes.REDRIVE_POLICY, policy, "Dead letter target does not exist.");
      }
      boolean sourceFifo = "true".equals(attributes.get(QueueAttributes.FIFO_QUEUE));
      if (found.get().isFifo() != sourceFifo) {
        throw AwsException.invalidParameter(QueueAttributes.REDRIVE_POLICY, policy,
            "Dead-letter queue must be same type of queue as the source.");
      }
      if (!QueueAttributes.allowsSource(found.get(), source)) {
        throw AwsException.invalidParameter(QueueAttributes.REDRIVE_POLICY, policy,
            "Queue " + source.arn() + " is not allowed to use " + target.arn() + " as its dead-letter queue.");
      }
      return null;
    });
  }
}
