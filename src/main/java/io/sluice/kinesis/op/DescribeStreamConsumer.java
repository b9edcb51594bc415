package io.sluice.kinesis.op;

import io.sluice.kinesis.ConsumerOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/** DescribeStreamConsumer: a consumer named by its ARN, or by its stream's ARN and its name. */
public final class DescribeStreamConsumer
    extends ConsumerOperation<DescribeStreamConsumer.Request, DescribeStreamConsumer.Response> {

  public record Request(String streamARN, String consumerName, String consumerARN) {}

  public record Response(Consumer consumerDescription) {}

  public DescribeStreamConsumer(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return consumer(ctx, req.streamARN(), req.consumerName(), req.consumerARN())
        .thenApply(found -> new Response(Consumer.of(found.consumer(), now(), true)));
  }
}
