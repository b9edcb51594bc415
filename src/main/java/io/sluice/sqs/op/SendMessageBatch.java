package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.BatchRequests;
import io.sluice.sqs.OutgoingMessage;
import io.sluice.sqs.QueueAttributes;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.BatchResultErrorEntry;
import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueStore.NewMessage;
import io.sluice.sqs.store.QueueStore.SendOptions;
import io.sluice.sqs.store.QueueStore.SendOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SendMessageBatch: up to ten messages in one call. The request as a whole must be well formed
 * (entry count, ids, total size of at most 1 MiB); each entry is then validated like a SendMessage
 * and reported in {@code Successful} or {@code Failed}. The valid entries are stored in one store
 * step, in request order (FIFO order within a group follows it).
 */
public final class SendMessageBatch extends SqsOperation<SendMessageBatch.Request, SendMessageBatch.Response> {

  public record Request(String queueUrl, @QueryName("SendMessageBatchRequestEntry") List<Entry> entries) {}

  public record Response(@QueryName("SendMessageBatchResultEntry") List<ResultEntry> successful,
      @QueryName("BatchResultErrorEntry") List<BatchResultErrorEntry> failed) {}

  public record Entry(
      String id,
      String messageBody,
      Integer delaySeconds,
      @QueryName("MessageAttribute") Map<String, MessageAttributeValue> messageAttributes,
      @QueryName("MessageSystemAttribute") Map<String, MessageAttributeValue> messageSystemAttributes,
      String messageDeduplicationId,
      String messageGroupId) {

    OutgoingMessage.Params params() {
      return new OutgoingMessage.Params(messageBody, delaySeconds, messageAttributes, messageSystemAttributes,
          messageDeduplicationId, messageGroupId);
    }
  }

  public record ResultEntry(
      String id,
      String messageId,
      @JsonProperty("MD5OfMessageBody") String md5OfMessageBody,
      @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes,
      @JsonProperty("MD5OfMessageSystemAttributes") String md5OfMessageSystemAttributes,
      String sequenceNumber) {}

  private record Prepared(String entryId, OutgoingMessage message) {}

  public SendMessageBatch(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    BatchRequests.validate(req.entries(), Entry::id, "SendMessageBatchRequestEntry");
    long total = 0;
    for (Entry e : req.entries()) {
      total += OutgoingMessage.size(e.params());
    }
    // The sum of all messages of a batch is capped like one message (SendMessageBatch API reference).
    if (total > OutgoingMessage.MAX_MESSAGE_BYTES) {
      throw AwsException.of(SqsError.BatchRequestTooLong,
          "Batch requests cannot be longer than %d bytes. You have sent %d bytes.",
          OutgoingMessage.MAX_MESSAGE_BYTES, total);
    }
    return queue(ctx, req.queueUrl()).thenCompose(q -> send(ctx, q, req.entries()));
  }

  private CompletionStage<Response> send(RequestContext ctx, QueueRecord q, List<Entry> entries) {
    List<Prepared> prepared = new ArrayList<>(entries.size());
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (Entry e : entries) {
      try {
        prepared.add(new Prepared(e.id(), OutgoingMessage.prepare(e.params(), q, ctx, sqs.payloads())));
      } catch (AwsException error) {
        failed.add(BatchRequests.failure(e.id(), error));
      }
    }
    if (prepared.isEmpty()) {
      return CompletableFuture.completedFuture(new Response(List.of(), failed));
    }
    List<NewMessage> messages = prepared.stream().map(p -> p.message().message()).toList();
    SendOptions options = new SendOptions(q.isFifo(),
        "messageGroup".equals(q.attribute(QueueAttributes.DEDUPLICATION_SCOPE)));
    return sqs.store().send(q.id(), messages, options, now()).thenApply(outcomes -> {
      List<ResultEntry> successful = new ArrayList<>(outcomes.size());
      int stored = 0;
      long bytes = 0;
      for (int i = 0; i < outcomes.size(); i++) {
        SendOutcome outcome = outcomes.get(i);
        Prepared p = prepared.get(i);
        var c = p.message().content();
        if (!outcome.duplicate()) {
          stored++;
          bytes += c.body().length();
        }
        successful.add(new ResultEntry(p.entryId(), outcome.messageId(), c.md5OfBody(), c.md5OfAttributes(),
            c.md5OfSystemAttributes(), outcome.sequenceNumber()));
      }
      if (stored > 0) {
        sqs.arrivals().announce(q.id());
        sqs.meters().sent(q.id().name(), stored, bytes);
      }
      return new Response(successful, failed);
    });
  }
}
