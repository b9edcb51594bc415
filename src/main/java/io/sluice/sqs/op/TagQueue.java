package io.sluice.sqs.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryMapNames;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * TagQueue: adds tags to a queue, a tag with an existing key replacing its value, in one atomic store
 * step. Tags breaking the rules of {@link Tags}, or leaving the queue with more than 50 (which the
 * store's step checks), answer InvalidParameterValue and change nothing.
 */
public final class TagQueue extends SqsOperation<TagQueue.Request, Void> {

  public record Request(String queueUrl, @QueryName("Tag") @QueryMapNames(key = "Key", value = "Value") Map<String, String> tags) {}

  public TagQueue(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.tags() == null || req.tags().isEmpty()) {
      throw AwsException.missingParameter("Tags");
    }
    Map<String, String> added = Tags.validated(req.tags());
    RecordChange change = RecordChange.ofTags(MapEdit.putting(added).limitedTo(Tags.MAX_TAGS));
    return sqs.directory().update(ownQueue(ctx, req.queueUrl()), change, now()).thenApply(outcome -> {
      if (outcome.status() == RecordChange.Status.TOO_MANY_ENTRIES) {
        throw Tags.tooMany();
      }
      return null;
    });
  }
}
