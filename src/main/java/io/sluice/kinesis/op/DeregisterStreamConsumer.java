package io.sluice.kinesis.op;

import io.sluice.kinesis.ConsumerOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * DeregisterStreamConsumer: the consumer (by ARN, or stream ARN and name) is DELETING for the
 * configured deletion delay, then gone, and its name free again.
 */
public final class DeregisterStreamConsumer extends ConsumerOperation<DeregisterStreamConsumer.Request, Void> {

  public record Request(String streamARN, String consumerName, String consumerARN) {}

  public DeregisterStreamConsumer(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    long now = now();
    return consumer(ctx, req.streamARN(), req.consumerName(), req.consumerARN())
        .thenCompose(found -> kinesis.consumers().deregister(found.stream().id(), found.stream().createdMillis(),
            found.consumer().name(), now + kinesis.config().deleteDelayMs(), now))
        .thenApply(done -> null);
  }
}
