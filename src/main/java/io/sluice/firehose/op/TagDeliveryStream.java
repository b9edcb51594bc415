package io.sluice.firehose.op;

import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.Tags;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * TagDeliveryStream: adds or replaces tags on an ACTIVE stream (ResourceInUseException otherwise);
 * LimitExceededException if the stream would have more than 50.
 */
public final class TagDeliveryStream extends FirehoseOperation<TagDeliveryStream.Request, Void> {

  public record Request(String deliveryStreamName, List<Tags.Tag> tags) {}

  public TagDeliveryStream(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return change(ctx, req.deliveryStreamName(), s -> s.withTags(Tags.add(s.tags(), req.tags())))
        .thenApply(s -> null);
  }
}
