package io.sluice.sqs;

import io.sluice.protocol.AwsException;
import io.sluice.sqs.model.BatchResultErrorEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The checks every SQS batch action (SendMessageBatch, DeleteMessageBatch,
 * ChangeMessageVisibilityBatch) makes of its entries before touching the queue: at least one, at
 * most ten, ids of 1 to 80 alphanumerics, hyphens and underscores, no id twice. A failure rejects
 * the whole request; per-entry problems found later are reported as {@link BatchResultErrorEntry}.
 */
public final class BatchRequests {
  /** The most entries one batch request may carry. */
  public static final int MAX_ENTRIES = 10;
  private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private BatchRequests() {}

  /**
   * Validates the entries of a batch request.
   *
   * @param entryName the entry shape's name as AWS words it in messages, e.g.
   *                  {@code SendMessageBatchRequestEntry}
   */
  public static <E> void validate(List<E> entries, Function<E, String> id, String entryName) {
    if (entries == null || entries.isEmpty()) {
      throw AwsException.of(SqsError.EmptyBatchRequest,
          "There should be at least one %s in the request.", entryName);
    }
    if (entries.size() > MAX_ENTRIES) {
      throw AwsException.of(SqsError.TooManyEntriesInBatchRequest,
          "Maximum number of entries per request are %d. You have sent %d.", MAX_ENTRIES, entries.size());
    }
    Set<String> seen = new HashSet<>();
    for (E entry : entries) {
      String value = entry == null ? null : id.apply(entry);
      if (value == null || !ENTRY_ID.matcher(value).matches()) {
        throw AwsException.of(SqsError.InvalidBatchEntryId,
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most"
                + " 80 letters long.");
      }
      if (!seen.add(value)) {
        throw AwsException.of(SqsError.BatchEntryIdsNotDistinct, "Id %s repeated.", value);
      }
    }
  }

  /** A failed entry for an error found while processing it. */
  public static BatchResultErrorEntry failure(String id, AwsException e) {
    return new BatchResultErrorEntry(id, e.error().senderFault(), e.error().code(), e.getMessage());
  }
}
