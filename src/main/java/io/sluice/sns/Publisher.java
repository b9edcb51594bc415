package io.sluice.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.sns.model.PublishedMessage;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.model.TopicRecord;
import io.sluice.sns.store.TopicStore.PublishEntry;
import io.sluice.sns.store.TopicStore.PublishOptions;
import io.sluice.sns.store.TopicStore.Published;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Publishing to a topic, shared by Publish and PublishBatch: validates each message as AWS does,
 * selects the confirmed subscriptions whose filter policy it passes, stores message and
 * deliveries in one store step (the publish is then durable), and hands the deliveries to the
 * dispatcher; the answer comes once each delivery was attempted once.
 */
public final class Publisher {
  /** Largest message, attributes included (256 KiB). */
  public static final int MAX_MESSAGE_BYTES = 262_144;
  private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;
  private static final Pattern GROUP_OR_DEDUP_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");

  private final SnsServices sns;

  public Publisher(SnsServices sns) {
    this.sns = sns;
  }

  /** One message to publish, as Publish or a PublishBatch entry gives it. */
  public record Draft(String message, String subject, String messageStructure, Map<String, MessageAttribute> attributes,
                      String groupId, String deduplicationId) {}

  /**
   * Validates a draft for a topic (the topic may be null when publishing to an endpoint or phone
   * number) and turns it into the message to store; throws the AWS error of the first problem.
   */
  public PublishedMessage prepare(RequestContext ctx, TopicRecord topic, String topicArn, Draft d, long now) {
    return prepare(ctx, topic, topicArn, d, now, null);
  }

  /**
   * Like {@link #prepare(RequestContext, TopicRecord, String, Draft, long)}; a structured message
   * may have an entry {@code ownKey} (the platform of the endpoint it is published to) in place of
   * {@code default}.
   */
  public PublishedMessage prepare(RequestContext ctx, TopicRecord topic, String topicArn, Draft d, long now,
                                  String ownKey) {
    if (d.message() == null) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Message");
    }
    if (d.message().isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Empty message");
    }
    if (d.subject() != null && (d.subject().isEmpty() || d.subject().length() >= 100
        || d.subject().chars().anyMatch(Character::isISOControl))) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Subject");
    }
    boolean structured = false;
    if (d.messageStructure() != null) {
      if (!d.messageStructure().equals("json")) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: MessageStructure");
      }
      structured = true;
      checkStructure(d.message(), ownKey);
    }
    Map<String, MessageAttribute> attributes = MessageAttributeRules.validated(d.attributes());
    int size = MessageAttributeRules.utf8(d.message()) + MessageAttributeRules.size(attributes);
    if (size > MAX_MESSAGE_BYTES) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Message too long");
    }
    String dedup = null;
    boolean fifo = topic != null && topic.isFifo();
    if (d.groupId() != null && !GROUP_OR_DEDUP_ID.matcher(d.groupId()).matches()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: MessageGroupId Reason: The MessageGroupId "
          + "can contain up to 128 alphanumeric characters and punctuation");
    }
    if (fifo) {
      if (d.groupId() == null) {
        throw AwsException.of(SnsError.InvalidParameter,
            "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
      }
      dedup = d.deduplicationId();
      if (dedup == null) {
        if (!"true".equalsIgnoreCase(topic.attribute("ContentBasedDeduplication"))) {
          throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: The topic should either have "
              + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }
        dedup = sha256(d.message());
      } else if (!GROUP_OR_DEDUP_ID.matcher(dedup).matches()) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: MessageDeduplicationId Reason: The "
            + "MessageDeduplicationId can contain up to 128 alphanumeric characters and punctuation");
      }
    } else if (d.deduplicationId() != null) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: MessageDeduplicationId Reason: The request "
          + "includes MessageDeduplicationId parameter that is not valid for this topic type");
    }
    return new PublishedMessage(RandomIds.uuid(), topicArn, d.subject(), d.message(), structured, attributes,
        d.groupId(), dedup, now, ctx.baseUrl());
  }

  /** Stores and dispatches prepared messages of one topic; per message, the store's answer. */
  public CompletionStage<List<Published>> publish(TopicRecord topic, List<PublishedMessage> messages) {
    return sns.store().subscriptions(topic.arn()).thenCompose(subscriptions -> {
      Map<String, SubscriptionRecord> byArn = new HashMap<>();
      List<PublishEntry> entries = new ArrayList<>(messages.size());
      for (PublishedMessage m : messages) {
        List<String> targets = new ArrayList<>();
        for (SubscriptionRecord s : subscriptions) {
          if (!s.pendingConfirmation() && SubscriptionFilters.accepts(s, m)) {
            targets.add(s.arn());
            byArn.put(s.arn(), s);
          }
        }
        entries.add(new PublishEntry(m.messageId(), dedupKey(topic, m), sns.deliveries().stored(m), targets));
      }
      long now = sns.clock().millis();
      int archiveDays = topic.isFifo() ? TopicAttributes.archiveDays(topic) : 0;
      PublishOptions options = new PublishOptions(topic.isFifo(), sns.deliveries().newHolder(),
          sns.deliveries().leaseUntil(), archiveDays == 0 ? 0 : now + archiveDays * DAY_MILLIS);
      return sns.store().publish(topic.arn(), entries, options, now).thenCompose(stored -> {
        List<Published> results = stored.orElseThrow(SnsArns::topicNotFound);
        // The answer waits for the first delivery attempts (not their retries): publishers then go
        // no faster than deliveries are made, and FIFO topics reach their queues in order.
        return dispatch(topic, messages, byArn, results).<List<Published>>map(v -> results)
            .otherwise(results).toCompletionStage();
      });
    });
  }

  private Future<Void> dispatch(TopicRecord topic, List<PublishedMessage> messages, Map<String, SubscriptionRecord> byArn,
                                List<Published> results) {
    List<Future<Void>> dispatched = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Published p = results.get(i);
      if (!p.duplicate() && !p.deliveries().isEmpty()) {
        dispatched.add(sns.deliveries().dispatch(topic, messages.get(i), byArn, p.deliveries()));
      }
    }
    return Future.join(dispatched).mapEmpty();
  }

  /** Deduplication is per topic, or per message group when FifoThroughputScope is MessageGroup. */
  private static String dedupKey(TopicRecord topic, PublishedMessage m) {
    if (!topic.isFifo()) {
      return null;
    }
    return "MessageGroup".equals(topic.attribute("FifoThroughputScope"))
        ? m.groupId() + "\n" + m.deduplicationId() : m.deduplicationId();
  }

  private static void checkStructure(String message, String ownKey) {
    JsonNode node;
    try {
      node = JsonCodec.json().readTree(message);
    } catch (IOException e) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: Message Structure - JSON message body failed to parse");
    }
    if (node == null || !node.isObject()) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: Message Structure - JSON message body failed to parse");
    }
    if (ownKey != null && !node.path("default").isTextual() && !node.path(ownKey).isTextual()) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: JSON must contain an entry for 'default' or '%s'.", ownKey);
    }
    if (ownKey == null && !node.path("default").isTextual()) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: Message Structure - No default entry in JSON message body");
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
