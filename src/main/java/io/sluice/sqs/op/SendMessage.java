package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.OutgoingMessage;
import io.sluice.sqs.QueueAttributes;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.sqs.store.QueueStore.SendOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * SendMessage: validates the message against the queue, stores it (FIFO: deduplicated within the
 * 5-minute interval, a duplicate answering with the original id) and wakes long polls waiting on
 * the queue on every node.
 */
public final class SendMessage extends SqsOperation<SendMessage.Request, SendMessage.Response> {

  public record Request(
      String queueUrl,
      String messageBody,
      Integer delaySeconds,
      @QueryName("MessageAttribute") Map<String, MessageAttributeValue> messageAttributes,
      @QueryName("MessageSystemAttribute") Map<String, MessageAttributeValue> messageSystemAttributes,
      String messageDeduplicationId,
      String messageGroupId) {}

  public record Response(
      @JsonProperty("MD5OfMessageBody") String md5OfMessageBody,
      @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes,
      @JsonProperty("MD5OfMessageSystemAttributes") String md5OfMessageSystemAttributes,
      String messageId,
      String sequenceNumber) {}

  public SendMessage(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return queue(ctx, req.queueUrl()).thenCompose(q -> {
      OutgoingMessage out = OutgoingMessage.prepare(new OutgoingMessage.Params(req.messageBody(), req.delaySeconds(),
          req.messageAttributes(), req.messageSystemAttributes(), req.messageDeduplicationId(),
          req.messageGroupId()), q, ctx, sqs.payloads());
      SendOptions options = new SendOptions(q.isFifo(),
          "messageGroup".equals(q.attribute(QueueAttributes.DEDUPLICATION_SCOPE)));
      return sqs.store().send(q.id(), List.of(out.message()), options, now()).thenApply(outcomes -> {
        var outcome = outcomes.get(0);
        if (!outcome.duplicate()) {
          sqs.arrivals().announce(q.id());
          sqs.meters().sent(q.id().name(), 1, req.messageBody().length());
        }
        var c = out.content();
        return new Response(c.md5OfBody(), c.md5OfAttributes(), c.md5OfSystemAttributes(), outcome.messageId(),
            outcome.sequenceNumber());
      });
    });
  }
}
