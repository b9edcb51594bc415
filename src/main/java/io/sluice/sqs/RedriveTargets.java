package io.sluice.sqs;

import io.sluice.protocol.AwsException;
import io.sluice.sqs.model.QueueId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks the dead-letter queue a RedrivePolicy names before the policy is stored: it must exist in
 * the source's account and region, be of the same type (standard or FIFO) as the source, and its
 * RedriveAllowPolicy must admit the source. Failures are InvalidParameterValue on RedrivePolicy.
 */
public final class RedriveTargets {
  private RedriveTargets() {}

  /** Completes normally when {@code redrivePolicy} (JSON; null or empty for none) may be set on {@code source}. */
  public static CompletionStage<Void> check(QueueDirectory directory, QueueId source, String redrivePolicy) {
    if (redrivePolicy == null || redrivePolicy.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    RedrivePolicy redrive = RedrivePolicy.parse(redrivePolicy);
    QueueId target = redrive.target();
    boolean sameRegionAndAccount = target.region().equals(source.region()) && target.account().equals(source.account());
    if (!sameRegionAndAccount) {
      return CompletableFuture.failedFuture(doesNotExist(redrivePolicy));
    }
    return directory.find(target).thenApply(found -> {
      if (found.isEmpty()) {
        throw doesNotExist(redrivePolicy);
      }
      if (found.get().isFifo() != source.isFifo()) {
        throw AwsException.invalidParameter(QueueAttributes.REDRIVE_POLICY, redrivePolicy,
            "Dead-letter queue must be same type of queue as the source.");
      }
      if (!QueueAttributes.allowsSource(found.get(), source)) {
        throw AwsException.invalidParameter(QueueAttributes.REDRIVE_POLICY, redrivePolicy,
            "Queue " + source.arn() + " is not allowed to use " + target.arn() + " as its dead-letter queue.");
      }
      return null;
    });
  }

  private static AwsException doesNotExist(String redrivePolicy) {
    return AwsException.invalidParameter(QueueAttributes.REDRIVE_POLICY, redrivePolicy,
        "Dead letter target does not exist.");
  }
}
