package io.sluice.swf.engine;

import java.util.concurrent.CompletionStage;

/**
 * Delivers the {@link Message}s of one kind: runs the transactions on the target (and, to answer,
 * on the sender) that carry it out. Delivery must be idempotent: a handler checks
 * {@link History#firstDelivery} in each transaction it runs for the message.
 */
public interface MessageHandler {

  /** The {@link Message#kind} handled. */
  String kind();

  /** Carries {@code message} out; completes when every transaction it needs has committed. */
  CompletionStage<Void> deliver(Histories histories, Message message);
}
