package io.sluice.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Waits for asynchronous store and service calls, and for messages to arrive, in tests. */
public final class Await {
  private Await() {}

  /** The stage's value within 10 s; a failure is rethrown as the exception the stage completed with. */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(cause);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** The first message to arrive in the queue within {@code wait} (received and deleted); fails if none does. */
  public static Message receiveOne(SqsClient sqs, String queueUrl, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
      if (!got.isEmpty()) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(got.get(0).receiptHandle()));
        return got.get(0);
      }
    }
    throw new AssertionError("nothing arrived in " + queueUrl);
  }
}
