package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryMapNames;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueAttributes;
import io.sluice.sqs.QueueUrls;
import io.sluice.sqs.RedriveTargets;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueStore.CreateStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * CreateQueue: creates a standard or FIFO queue (FIFO when {@code FifoQueue=true} and the name ends
 * in {@code .fifo}) with AWS's default attributes overlaid by the given ones, and the given tags.
 * Creating a queue that exists answers its URL when every attribute given equals the queue's, else
 * QueueNameExists (its tags are left alone). A name deleted less than 60 s ago answers
 * QueueDeletedRecently. A RedrivePolicy must name an existing dead-letter queue that admits the queue.
 */
public final class CreateQueue extends SqsOperation<CreateQueue.Request, CreateQueue.Response> {

  public record Request(
      String queueName,
      @QueryName("Attribute") Map<String, String> attributes,
      @JsonProperty("tags") @QueryName("Tag") @QueryMapNames(key = "Key", value = "Value")
      Map<String, String> tags) {}

  public record Response(String queueUrl) {}

  public CreateQueue(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.queueName() == null || req.queueName().isEmpty()) {
      throw AwsException.missingParameter("QueueName");
    }
    QueueId id = new QueueId(ctx.region(), ctx.account(), req.queueName());
    Map<String, String> requested = req.attributes() == null ? Map.of() : req.attributes();
    Map<String, String> attributes = QueueAttributes.forNewQueue(id, requested);
    Map<String, String> tags = Tags.validated(req.tags());
    long now = now();
    return RedriveTargets.check(sqs.directory(), id, attributes.get(QueueAttributes.REDRIVE_POLICY))
        .thenCompose(ok -> sqs.store().createQueue(new QueueRecord(id, attributes, tags, now, now, 0), now))
        .thenApply(outcome -> {
          if (outcome.status() == CreateStatus.DELETED_RECENTLY) {
            throw AwsException.of(SqsError.QueueDeletedRecently,
                "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
          }
          if (outcome.status() == CreateStatus.EXISTS) {
            List<String> differing = differing(outcome.queue(), attributes, requested);
            if (!differing.isEmpty()) {
              throw AwsException.of(SqsError.QueueNameExists,
                  "A queue already exists with the same name and a different value for attribute(s) %s",
                  String.join(", ", differing));
            }
          }
          return new Response(QueueUrls.urlOf(ctx, id));
        });
  }

  /** The attributes the caller gave (compared after normalisation) whose values differ from the queue's. */
  private static List<String> differing(QueueRecord existing, Map<String, String> normalised,
                                        Map<String, String> requested) {
    return requested.keySet().stream()
        .filter(name -> !Objects.equals(existing.attribute(name), normalised.get(name)))
        .sorted()
        .toList();
  }
}
