package io.sluice.firehose.op;

import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** UntagDeliveryStream: removes tags by key from an ACTIVE stream; keys it does not have are ignored. */
public final class UntagDeliveryStream extends FirehoseOperation<UntagDeliveryStream.Request, Void> {

  public record Request(String deliveryStreamName, List<String> tagKeys) {}

  public UntagDeliveryStream(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return change(ctx, req.deliveryStreamName(), s -> {
      Map<String, String> tags = new LinkedHashMap<>(s.tags());
      tags.keySet().removeAll(req.tagKeys());
      return tags.size() == s.tags().size() ? s : s.withTags(tags);
    }).thenApply(s -> null);
  }
}
