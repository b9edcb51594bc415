package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryMapNames;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.MessageAttributeRules;
import io.sluice.sns.Publisher;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.store.TopicStore.Published;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * PublishBatch: up to 10 messages to one topic in one call. Request-level problems (no entries,
 * more than 10, repeated or malformed ids, more than 256 KiB in all) fail the call; an entry that
 * is invalid on its own is listed under Failed while the others are published, in one store step.
 */
public final class PublishBatch extends SnsOperation<PublishBatch.Request, PublishBatch.Response> {
  private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final int MAX_ENTRIES = 10;

  public record Entry(String id, String message, String subject, String messageStructure,
                      @QueryMapNames(key = "Name", value = "Value") Map<String, MessageAttribute> messageAttributes,
                      String messageDeduplicationId, String messageGroupId) {}

  public record Request(String topicArn, List<Entry> publishBatchRequestEntries) {}

  public record ResultEntry(String id, String messageId, String sequenceNumber) {}

  public record ErrorEntry(String id, String code, String message, boolean senderFault) {}

  public record Response(List<ResultEntry> successful, List<ErrorEntry> failed) {}

  private final Publisher publisher;

  public PublishBatch(SnsServices sns) {
    super(sns);
    this.publisher = new Publisher(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    List<Entry> entries = req.publishBatchRequestEntries() == null ? List.of() : req.publishBatchRequestEntries();
    if (entries.isEmpty()) {
      throw AwsException.of(SnsError.EmptyBatchRequest, "The batch request doesn't contain any entries");
    }
    if (entries.size() > MAX_ENTRIES) {
      throw AwsException.of(SnsError.TooManyEntriesInBatchRequest,
          "The batch request contains more entries than permissible.");
    }
    Set<String> ids = new HashSet<>();
    long total = 0;
    for (Entry e : entries) {
      if (e.id() == null || !ENTRY_ID.matcher(e.id()).matches()) {
        throw AwsException.of(SnsError.InvalidBatchEntryId, "The Id of a batch entry in a batch request doesn't "
            + "abide by the specification.");
      }
      if (!ids.add(e.id())) {
        throw AwsException.of(SnsError.BatchEntryIdsNotDistinct,
            "Two or more batch entries in the request have the same Id.");
      }
      // Attributes count towards a message's size, and so towards the batch's 256 KiB.
      total += (e.message() == null ? 0 : e.message().getBytes(StandardCharsets.UTF_8).length)
          + (e.messageAttributes() == null ? 0 : MessageAttributeRules.size(e.messageAttributes()));
    }
    if (total > Publisher.MAX_MESSAGE_BYTES) {
      throw AwsException.of(SnsError.BatchRequestTooLong,
          "The length of all the messages put together is more than the limit.");
    }
    return topic(ctx, req.topicArn()).thenCompose(topic -> {
      List<PublishedMessage> accepted = new ArrayList<>();
      List<String> acceptedIds = new ArrayList<>();
      List<ErrorEntry> failed = new ArrayList<>();
      for (Entry e : entries) {
        try {
          accepted.add(publisher.prepare(ctx, topic, topic.arn(), new Publisher.Draft(e.message(), e.subject(),
              e.messageStructure(), e.messageAttributes(), e.messageGroupId(), e.messageDeduplicationId()), now()));
          acceptedIds.add(e.id());
        } catch (AwsException ex) {
          failed.add(new ErrorEntry(e.id(), ex.error().code(), ex.getMessage(), ex.error().senderFault()));
        }
      }
      CompletionStage<List<Published>> stored = accepted.isEmpty()
          ? CompletableFuture.completedFuture(List.of()) : publisher.publish(topic, accepted);
      return stored.thenApply(results -> {
        List<ResultEntry> successful = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
          successful.add(new ResultEntry(acceptedIds.get(i), results.get(i).messageId(), results.get(i).sequenceNumber()));
        }
        return new Response(successful, failed);
      });
    });
  }
}
