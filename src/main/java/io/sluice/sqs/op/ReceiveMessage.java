package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.QueueAttributes;
import io.sluice.sqs.RedrivePolicy;
import io.sluice.sqs.SqsError;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.MessageAttributeValue;
import io.sluice.sqs.model.MessageDigests;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.model.ReceiptHandle;
import io.sluice.sqs.model.StoredContent;
import io.sluice.sqs.store.QueueStore.ReceiveOptions;
import io.sluice.sqs.store.QueueStore.ReceiveOutcome;
import io.sluice.sqs.store.QueueStore.ReceivedMessage;
import io.sluice.sqs.store.QueueStore.RedriveTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * ReceiveMessage: up to 10 visible messages, made in flight for the visibility timeout. With a wait
 * time (per call or the queue's ReceiveMessageWaitTimeSeconds) an empty queue is long-polled: the
 * call waits, without a thread, until a send on any node announces the queue, a delayed or in-flight
 * message becomes visible, or the time is up.
 */
public final class ReceiveMessage extends SqsOperation<ReceiveMessage.Request, ReceiveMessage.Response> {
  static final Set<String> SYSTEM_ATTRIBUTES = Set.of("All", "SenderId", "SentTimestamp",
      "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "SequenceNumber", "MessageDeduplicationId",
      "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn");
  private static final Pattern ATTEMPT_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");

  public record Request(
      String queueUrl,
      @QueryName("AttributeName") List<String> attributeNames,
      @QueryName("MessageSystemAttributeName") List<String> messageSystemAttributeNames,
      @QueryName("MessageAttributeName") List<String> messageAttributeNames,
      Integer maxNumberOfMessages,
      Integer visibilityTimeout,
      Integer waitTimeSeconds,
      String receiveRequestAttemptId) {}

  public record Message(
      String messageId,
      String receiptHandle,
      @JsonProperty("MD5OfBody") String md5OfBody,
      String body,
      @QueryName("Attribute") Map<String, String> attributes,
      @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes,
      @QueryName("MessageAttribute") Map<String, MessageAttributeValue> messageAttributes) {}

  public record Response(@QueryName("Message") List<Message> messages) {}

  public ReceiveMessage(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    int max = req.maxNumberOfMessages() == null ? 1 : req.maxNumberOfMessages();
    if (max < 1 || max > 10) {
      throw AwsException.invalidParameter("MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
    }
    if (req.visibilityTimeout() != null && (req.visibilityTimeout() < 0 || req.visibilityTimeout() > 43_200)) {
      throw AwsException.invalidParameter("VisibilityTimeout", req.visibilityTimeout(),
          "Must be >= 0 and <= 43200, if provided.");
    }
    if (req.waitTimeSeconds() != null && (req.waitTimeSeconds() < 0 || req.waitTimeSeconds() > 20)) {
      throw AwsException.invalidParameter("WaitTimeSeconds", req.waitTimeSeconds(),
          "Must be >= 0 and <= 20, if provided.");
    }
    if (req.receiveRequestAttemptId() != null && !ATTEMPT_ID.matcher(req.receiveRequestAttemptId()).matches()) {
      throw AwsException.invalidParameter("ReceiveRequestAttemptId", req.receiveRequestAttemptId(),
          "ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }
    Set<String> systemNames = systemAttributeNames(req);
    return queue(ctx, req.queueUrl()).thenCompose(q -> redriveTarget(q).thenCompose(redrive -> {
      int visibility = req.visibilityTimeout() != null ? req.visibilityTimeout()
          : q.intAttribute(QueueAttributes.VISIBILITY_TIMEOUT, 30);
      int wait = req.waitTimeSeconds() != null ? req.waitTimeSeconds()
          : q.intAttribute(QueueAttributes.RECEIVE_WAIT, 0);
      ReceiveOptions options = new ReceiveOptions(max, visibility * 1000L,
          q.isFifo() ? sqs.limits().maxInflightFifo() : sqs.limits().maxInflightStandard(), redrive,
          q.isFifo() ? req.receiveRequestAttemptId() : null);
      long deadline = sqs.arrivals().monotonicMillis() + wait * 1000L;
      return poll(q, options, deadline).thenApply(outcome -> render(q, outcome, systemNames, req.messageAttributeNames()));
    }));
  }

  /** Receives; while nothing arrives and the wait lasts, waits for an announcement or the next visibility change. */
  private CompletionStage<ReceiveOutcome> poll(QueueRecord q, ReceiveOptions options, long deadline) {
    long epoch = sqs.arrivals().epoch(q.id());
    return receiveOnce(q, options).thenCompose(outcome -> {
      long remaining = deadline - sqs.arrivals().monotonicMillis();
      if (!outcome.messages().isEmpty() || remaining <= 0) {
        return CompletableFuture.completedFuture(outcome);
      }
      long wait = remaining;
      if (outcome.nextChangeAt() != Long.MAX_VALUE) {
        wait = Math.max(1, Math.min(wait, outcome.nextChangeAt() - now()));
      }
      return sqs.arrivals().await(q.id(), epoch, wait).thenCompose(keepWaiting -> keepWaiting
          ? poll(q, options, deadline)
          : receiveOnce(q, options));
    });
  }

  private CompletionStage<ReceiveOutcome> receiveOnce(QueueRecord q, ReceiveOptions options) {
    return sqs.store().receive(q.id(), options, now()).thenApply(outcome -> {
      if (outcome.overLimit() && !q.isFifo()) {
        // For FIFO queues at the in-flight quota AWS returns no messages and no error
        // (ReceiveMessage API reference, "ChangeMessageVisibility" notes on in-flight quotas).
        throw AwsException.of(SqsError.OverLimit,
            "Too many messages in flight: the queue has reached its in-flight message quota.");
      }
      if (options.redrive() != null && outcome.messages().size() < options.maxMessages()) {
        // Messages past maxReceiveCount may have gone to the dead-letter queue: wake its long
        // polls. Only on short answers, where skipped messages show, to keep busy queues quiet.
        sqs.arrivals().announce(options.redrive().deadLetterQueue());
      }
      return outcome;
    });
  }

  private CompletionStage<RedriveTarget> redriveTarget(QueueRecord q) {
    String policy = q.attribute(QueueAttributes.REDRIVE_POLICY);
    if (policy == null) {
      return CompletableFuture.completedFuture(null);
    }
    RedrivePolicy redrive = RedrivePolicy.parse(policy);
    // A dead-letter queue that was deleted leaves messages where they are, as on AWS.
    return sqs.directory().find(redrive.target()).thenApply(dlq -> dlq
        .map(d -> new RedriveTarget(d.id(), redrive.maxReceiveCount(), d.isFifo()))
        .orElse(null));
  }

  private Response render(QueueRecord q, ReceiveOutcome outcome, Set<String> systemNames, List<String> attributeNames) {
    if (outcome.messages().isEmpty()) {
      sqs.meters().emptyReceive(q.id().name());
      return new Response(null);
    }
    sqs.meters().received(q.id().name(), outcome.messages().size());
    List<Message> out = new ArrayList<>(outcome.messages().size());
    for (ReceivedMessage m : outcome.messages()) {
      StoredContent c = sqs.payloads().open(m.payload());
      Map<String, MessageAttributeValue> attrs = selectAttributes(c.attributes(), attributeNames);
      out.add(new Message(m.messageId(), new ReceiptHandle(q.id().key(), m.messageId(), m.receiptToken()).encode(),
          c.md5OfBody(), c.body(), systemAttributes(m, c, systemNames), MessageDigests.ofAttributes(attrs), attrs));
    }
    return new Response(out);
  }

  private static Set<String> systemAttributeNames(Request req) {
    Set<String> names = new LinkedHashSet<>();
    if (req.attributeNames() != null) {
      names.addAll(req.attributeNames());
    }
    if (req.messageSystemAttributeNames() != null) {
      names.addAll(req.messageSystemAttributeNames());
    }
    for (String n : names) {
      if (!SYSTEM_ATTRIBUTES.contains(n) && !QueueAttributes.isKnown(n)) {
        throw AwsException.of(SqsError.InvalidAttributeName, "Unknown Attribute %s.", n);
      }
    }
    return names;
  }

  private static Map<String, String> systemAttributes(ReceivedMessage m, StoredContent c, Set<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    boolean all = names.contains("All");
    Map<String, String> out = new LinkedHashMap<>();
    if (all || names.contains("SenderId")) {
      out.put("SenderId", c.senderId());
    }
    if (all || names.contains("SentTimestamp")) {
      out.put("SentTimestamp", Long.toString(m.sentTimestamp()));
    }
    if (all || names.contains("ApproximateReceiveCount")) {
      out.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
    }
    if (all || names.contains("ApproximateFirstReceiveTimestamp")) {
      out.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveTimestamp()));
    }
    if ((all || names.contains("SequenceNumber")) && m.sequenceNumber() != null) {
      out.put("SequenceNumber", m.sequenceNumber());
    }
    if ((all || names.contains("MessageDeduplicationId")) && m.deduplicationId() != null) {
      out.put("MessageDeduplicationId", m.deduplicationId());
    }
    if ((all || names.contains("MessageGroupId")) && m.groupId() != null) {
      out.put("MessageGroupId", m.groupId());
    }
    if ((all || names.contains("AWSTraceHeader")) && c.systemAttributes() != null
        && c.systemAttributes().containsKey("AWSTraceHeader")) {
      out.put("AWSTraceHeader", c.systemAttributes().get("AWSTraceHeader").stringValue());
    }
    if ((all || names.contains("DeadLetterQueueSourceArn")) && m.deadLetterSourceArn() != null) {
      out.put("DeadLetterQueueSourceArn", m.deadLetterSourceArn());
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * Message attributes the caller asked for: {@code All}, {@code .*}, exact names, or {@code prefix.*}
   * for every name starting with {@code prefix} (ReceiveMessage API reference, MessageAttributeNames:
   * "all message attributes starting with a prefix, for example bar.*").
   */
  static Map<String, MessageAttributeValue> selectAttributes(Map<String, MessageAttributeValue> attrs,
                                                             List<String> requested) {
    if (attrs == null || attrs.isEmpty() || requested == null || requested.isEmpty()) {
      return null;
    }
    Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, MessageAttributeValue> e : attrs.entrySet()) {
      for (String r : requested) {
        if (r != null && (r.equals("All") || r.equals(e.getKey())
            || r.endsWith(".*") && e.getKey().startsWith(r.substring(0, r.length() - 2)))) {
          out.put(e.getKey(), e.getValue());
          break;
        }
      }
    }
    return out.isEmpty() ? null : out;
  }
}
