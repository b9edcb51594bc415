package io.sluice.sqs.op;

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
import io.sluice.storage.QueueStore.CreateStatus;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * CreateQueue: creates a standard or FIFO queue, or returns the URL of an existing queue when every
 * attribute given matches it (QueueNameExists otherwise). A name deleted less than 60 s ago answers
 * QueueDeletedRecently.
 */
public final class CreateQueue extends SqsOperation<CreateQueue.Request, CreateQueue.Response> {

  public record Request(
      String queueName,
      @QueryName("Attribute") Map<String, String> attributes,
      @com.fasterxml.jackson.annotation.JsonProperty("tags") @QueryName("Tag") @QueryMapNames(key = "Key", value = "Value")
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
    return RedriveTargets.check(sqs.directory(), id, attributes)
        .thenCompose(ok -> sqs.store().createQueue(new QueueRecord(id, attributes, tags, now, now, 0), now))
        .thenApply(outcome -> {
          if (outcome.status() == CreateStatus.DELETED_RECENTLY) {
            throw AwsException.of(SqsError.QueueDeletedRecently,
                "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
          }
          if (outcome.status() == CreateStatus.EXISTS && !matches(outcome.queue(), attributes, requested)) {
            throw AwsException.of(SqsError.QueueNameExists,
                "A queue already exists with the same name and a different value for attribute(s) %s",
                String.join(", ", differing(outcome.queue(), attributes, requested)));
          }
          return new Response(QueueUrls.urlOf(ctx, id));
        });
  }

  /** AWS compares the attributes the caller gave (after normalisation) with the existing queue's. */
  private static boolean matches(QueueRecord existing, Map<String, String> normalised, Map<String, String> requested) {
    return differing(existing, normalised, requested).isEmpty();
  }

  private static java.util.List<String> differing(QueueRecord existing, Map<String, String> normalised,
                                                  Map<String, String> requested) {
    return requested.keySet().stream()
        .filter(name -> !java.util.Objects.equals(existing.attribute(name), normalised.get(name)))
        .sorted()
        .toList();
  }
}
