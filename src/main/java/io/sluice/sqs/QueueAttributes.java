package io.sluice.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.JsonCodec;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.model.QueueRecord;
import io.sluice.sqs.store.QueueRules;
import io.sluice.sqs.store.QueueStore.QueueCounts;
import io.sluice.storage.RecordChange.MapEdit;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Queue attributes as the CreateQueue, SetQueueAttributes and GetQueueAttributes API references
 * define them: names, ranges, defaults, FIFO-only attributes, the JSON policies (RedrivePolicy,
 * RedriveAllowPolicy, Policy), which are normalised to the form GetQueueAttributes returns, and the
 * attributes computed at read time. Plain functions over a {@link QueueRecord}; a queue stores only
 * the attributes that apply to it (FIFO ones on FIFO queues, KMS ones while a key is set).
 */
public final class QueueAttributes {
  public static final String DELAY_SECONDS = "DelaySeconds";
  public static final String MAXIMUM_MESSAGE_SIZE = "MaximumMessageSize";
  public static final String MESSAGE_RETENTION_PERIOD = "MessageRetentionPeriod";
  public static final String POLICY = "Policy";
  public static final String RECEIVE_WAIT = "ReceiveMessageWaitTimeSeconds";
  public static final String REDRIVE_POLICY = "RedrivePolicy";
  public static final String REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy";
  public static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
  public static final String KMS_MASTER_KEY_ID = "KmsMasterKeyId";
  public static final String KMS_REUSE_PERIOD = "KmsDataKeyReusePeriodSeconds";
  public static final String SQS_MANAGED_SSE = "SqsManagedSseEnabled";
  public static final String FIFO_QUEUE = "FifoQueue";
  public static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
  public static final String DEDUPLICATION_SCOPE = "DeduplicationScope";
  public static final String FIFO_THROUGHPUT_LIMIT = "FifoThroughputLimit";

  public static final String ALL = "All";
  public static final String QUEUE_ARN = "QueueArn";
  public static final String APPROXIMATE_NUMBER_OF_MESSAGES = "ApproximateNumberOfMessages";
  public static final String APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE = "ApproximateNumberOfMessagesNotVisible";
  public static final String APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED = "ApproximateNumberOfMessagesDelayed";
  public static final String CREATED_TIMESTAMP = "CreatedTimestamp";
  public static final String LAST_MODIFIED_TIMESTAMP = "LastModifiedTimestamp";

  /** Attributes computed at read time; callers may ask for them but not set them. */
  private static final List<String> COMPUTED = List.of(QUEUE_ARN, APPROXIMATE_NUMBER_OF_MESSAGES,
      APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, CREATED_TIMESTAMP,
      LAST_MODIFIED_TIMESTAMP);
  private static final Set<String> COUNTS = Set.of(APPROXIMATE_NUMBER_OF_MESSAGES,
      APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

  /** Every attribute GetQueueAttributes knows, in the order it lists them. */
  private static final List<String> READ_ORDER = List.of(QUEUE_ARN, APPROXIMATE_NUMBER_OF_MESSAGES,
      APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, CREATED_TIMESTAMP,
      LAST_MODIFIED_TIMESTAMP, VISIBILITY_TIMEOUT, MAXIMUM_MESSAGE_SIZE, MESSAGE_RETENTION_PERIOD, DELAY_SECONDS,
      RECEIVE_WAIT, POLICY, REDRIVE_POLICY, REDRIVE_ALLOW_POLICY, KMS_MASTER_KEY_ID, KMS_REUSE_PERIOD,
      SQS_MANAGED_SSE, FIFO_QUEUE, CONTENT_BASED_DEDUPLICATION, DEDUPLICATION_SCOPE, FIFO_THROUGHPUT_LIMIT);

  /** KmsDataKeyReusePeriodSeconds of a queue given a KMS key without one (the CreateQueue default). */
  private static final String DEFAULT_KMS_REUSE_SECONDS = "300";

  /** Largest Policy document ("Amazon SQS policy quotas": 8,192 bytes). */
  static final int MAX_POLICY_BYTES = 8192;

  private static final Set<String> SETTABLE = Set.of(DELAY_SECONDS, MAXIMUM_MESSAGE_SIZE,
      MESSAGE_RETENTION_PERIOD, POLICY, RECEIVE_WAIT, REDRIVE_POLICY, REDRIVE_ALLOW_POLICY, VISIBILITY_TIMEOUT,
      KMS_MASTER_KEY_ID, KMS_REUSE_PERIOD, SQS_MANAGED_SSE, FIFO_QUEUE, CONTENT_BASED_DEDUPLICATION,
      DEDUPLICATION_SCOPE, FIFO_THROUGHPUT_LIMIT);
  private static final Set<String> FIFO_ONLY = Set.of(CONTENT_BASED_DEDUPLICATION, DEDUPLICATION_SCOPE,
      FIFO_THROUGHPUT_LIMIT);
  private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

  private QueueAttributes() {}

  /** Whether {@code name} is an attribute GetQueueAttributes knows (settable or computed). */
  public static boolean isKnown(String name) {
    return SETTABLE.contains(name) || COMPUTED.contains(name);
  }

  /** Validates a queue name against the FIFO flag; InvalidParameterValue if it breaks AWS's rules. */
  public static void validateName(String name, boolean fifo) {
    if (name == null || name.isEmpty()) {
      throw AwsException.missingParameter("QueueName");
    }
    boolean ok = fifo ? FIFO_NAME.matcher(name).matches() : QUEUE_NAME.matcher(name).matches();
    if (!ok) {
      throw AwsException.of(CommonError.InvalidParameterValue, fifo || name.endsWith(".fifo")
          ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores,"
              + " must end with .fifo suffix and be 1 to 80 in length."
          : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
  }

  /** The attributes of a new queue: AWS's defaults overlaid with {@code requested}, validated. */
  public static Map<String, String> forNewQueue(QueueId id, Map<String, String> requested) {
    Map<String, String> req = requested == null ? Map.of() : requested;
    boolean fifo = false;
    if (req.containsKey(FIFO_QUEUE)) {
      // Standard queues have no FifoQueue attribute at all: AWS answers "Unknown Attribute FifoQueue."
      // even for the value false, although the CreateQueue reference lists false as valid.
      fifo = Boolean.parseBoolean(bool(FIFO_QUEUE, nullToEmpty(req.get(FIFO_QUEUE))));
      if (!fifo) {
        throw unknownAttribute(FIFO_QUEUE);
      }
    }
    validateName(id.name(), fifo);
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(VISIBILITY_TIMEOUT, "30");
    attrs.put(MAXIMUM_MESSAGE_SIZE, "1048576");
    attrs.put(MESSAGE_RETENTION_PERIOD, Integer.toString(QueueRules.DEFAULT_RETENTION_SECONDS));
    attrs.put(DELAY_SECONDS, "0");
    attrs.put(RECEIVE_WAIT, "0");
    attrs.put(SQS_MANAGED_SSE, "true");
    if (fifo) {
      attrs.put(FIFO_QUEUE, "true");
      attrs.put(CONTENT_BASED_DEDUPLICATION, "false");
      attrs.put(DEDUPLICATION_SCOPE, "queue");
      attrs.put(FIFO_THROUGHPUT_LIMIT, "perQueue");
    }
    Map<String, String> changes = new LinkedHashMap<>(req);
    changes.remove(FIFO_QUEUE);
    return merge(attrs, changes, fifo);
  }

  /**
   * {@code existing}'s attributes with {@code changes} applied and validated (SetQueueAttributes).
   * FifoQueue is not among the attributes SetQueueAttributes takes: the queue type is fixed at creation.
   */
  public static Map<String, String> applyChanges(QueueRecord existing, Map<String, String> changes) {
    if (changes.containsKey(FIFO_QUEUE)) {
      throw unknownAttribute(FIFO_QUEUE);
    }
    return merge(new LinkedHashMap<>(existing.attributes()), changes, existing.isFifo());
  }

  /**
   * The edit SetQueueAttributes makes, validated against {@code existing} as {@link #applyChanges}
   * does: each named attribute is set, or removed when emptied, and so are the encryption attributes
   * its rules change with it (a KMS key turns SSE-SQS off and gets the default reuse period where
   * none is set; SSE-SQS on removes the key and its reuse period). Attributes the request does not
   * affect are left alone, for concurrent changes to set.
   */
  public static MapEdit changeOf(QueueRecord existing, Map<String, String> changes) {
    Map<String, String> merged = applyChanges(existing, changes);
    Set<String> written = new LinkedHashSet<>(changes.keySet());
    Map<String, String> defaults = new LinkedHashMap<>();
    if (changes.containsKey(KMS_MASTER_KEY_ID)) {
      if (merged.containsKey(KMS_MASTER_KEY_ID)) {
        written.add(SQS_MANAGED_SSE);
        if (!changes.containsKey(KMS_REUSE_PERIOD)) {
          defaults.put(KMS_REUSE_PERIOD, DEFAULT_KMS_REUSE_SECONDS);
        }
      } else {
        written.add(KMS_REUSE_PERIOD);
      }
    }
    if (changes.containsKey(SQS_MANAGED_SSE) && "true".equals(merged.get(SQS_MANAGED_SSE))) {
      written.add(KMS_MASTER_KEY_ID);
      written.add(KMS_REUSE_PERIOD);
    }
    Map<String, String> put = new LinkedHashMap<>();
    Set<String> remove = new LinkedHashSet<>();
    for (String name : written) {
      String value = merged.get(name);
      if (value == null) {
        remove.add(name);
      } else {
        put.put(name, value);
      }
    }
    return new MapEdit(put, defaults, remove, 0);
  }

  /**
   * The names a GetQueueAttributes request asks for, {@code All} expanded; InvalidAttributeName for a
   * name AWS does not know. No names ask for nothing.
   */
  public static Set<String> requested(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    if (names == null) {
      return out;
    }
    for (String name : names) {
      if (ALL.equals(name)) {
        out.addAll(READ_ORDER);
      } else if (isKnown(name)) {
        out.add(name);
      } else {
        throw unknownAttribute(name);
      }
    }
    return out;
  }

  /** Whether answering {@code names} needs the queue's message counts. */
  public static boolean needsCounts(Set<String> names) {
    return names.stream().anyMatch(COUNTS::contains);
  }

  /**
   * The attributes GetQueueAttributes answers for {@code names}: stored ones the queue has, and
   * computed ones (timestamps in epoch seconds). {@code counts} may be null when no count is asked for.
   */
  public static Map<String, String> read(QueueRecord q, Set<String> names, QueueCounts counts) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : READ_ORDER) {
      if (!names.contains(name)) {
        continue;
      }
      String value = switch (name) {
        case QUEUE_ARN -> q.id().arn();
        case APPROXIMATE_NUMBER_OF_MESSAGES -> Long.toString(counts.visible());
        case APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE -> Long.toString(counts.inFlight());
        case APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED -> Long.toString(counts.delayed());
        case CREATED_TIMESTAMP -> Long.toString(q.createdMillis() / 1000);
        case LAST_MODIFIED_TIMESTAMP -> Long.toString(q.modifiedMillis() / 1000);
        default -> q.attribute(name);
      };
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }

  private static Map<String, String> merge(Map<String, String> attrs, Map<String, String> changes, boolean fifo) {
    for (Map.Entry<String, String> e : changes.entrySet()) {
      String name = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue();
      if (!SETTABLE.contains(name) || FIFO_QUEUE.equals(name) || (!fifo && FIFO_ONLY.contains(name))) {
        throw unknownAttribute(name);
      }
      switch (name) {
        case DELAY_SECONDS -> attrs.put(name, integer(name, value, 0, 900));
        case MAXIMUM_MESSAGE_SIZE -> attrs.put(name, integer(name, value, 1024, 1_048_576));
        case MESSAGE_RETENTION_PERIOD -> attrs.put(name, integer(name, value, 60, 1_209_600));
        case RECEIVE_WAIT -> attrs.put(name, integer(name, value, 0, 20));
        case VISIBILITY_TIMEOUT -> attrs.put(name, integer(name, value, 0, 43_200));
        case KMS_REUSE_PERIOD -> attrs.put(name, integer(name, value, 60, 86_400));
        case POLICY -> putOrRemove(attrs, name, value.isEmpty() ? "" : policy(value));
        case REDRIVE_POLICY -> putOrRemove(attrs, name, value.isEmpty() ? "" : RedrivePolicy.parse(value).toJson());
        case REDRIVE_ALLOW_POLICY -> putOrRemove(attrs, name, value.isEmpty() ? "" : redriveAllowPolicy(value));
        case CONTENT_BASED_DEDUPLICATION -> attrs.put(name, bool(name, value));
        case DEDUPLICATION_SCOPE -> attrs.put(name, oneOf(name, value, "messageGroup", "queue"));
        case FIFO_THROUGHPUT_LIMIT -> attrs.put(name, oneOf(name, value, "perQueue", "perMessageGroupId"));
        case SQS_MANAGED_SSE -> attrs.put(name, bool(name, value));
        case KMS_MASTER_KEY_ID -> putOrRemove(attrs, name, value);
        default -> throw new IllegalStateException(name);
      }
    }
    // Only one server-side encryption option per queue: a KMS key switches SSE-SQS off and back.
    if (changes.containsKey(KMS_MASTER_KEY_ID) && attrs.containsKey(KMS_MASTER_KEY_ID)) {
      if ("true".equalsIgnoreCase(changes.get(SQS_MANAGED_SSE))) {
        throw AwsException.of(SqsError.InvalidAttributeValue,
            "Invalid value for the parameter SqsManagedSseEnabled. Reason: You can use one type of server-side"
                + " encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.");
      }
      attrs.put(SQS_MANAGED_SSE, "false");
      attrs.putIfAbsent(KMS_REUSE_PERIOD, DEFAULT_KMS_REUSE_SECONDS);
    } else if ("true".equalsIgnoreCase(changes.get(SQS_MANAGED_SSE))) {
      attrs.remove(KMS_MASTER_KEY_ID);
      attrs.remove(KMS_REUSE_PERIOD);
    }
    if (!attrs.containsKey(KMS_MASTER_KEY_ID)) {
      attrs.remove(KMS_REUSE_PERIOD);
    }
    if (fifo && "perMessageGroupId".equals(attrs.get(FIFO_THROUGHPUT_LIMIT))
        && !"messageGroup".equals(attrs.get(DEDUPLICATION_SCOPE))) {
      throw AwsException.of(SqsError.InvalidAttributeValue,
          "Invalid value for the parameter FifoThroughputLimit. Reason: The perMessageGroupId value is allowed"
              + " only when the value for DeduplicationScope is messageGroup.");
    }
    return attrs;
  }

  /** The key id messages of this queue are sealed under, or null when SSE is off. */
  public static String encryptionKeyId(QueueRecord q) {
    String kms = q.attribute(KMS_MASTER_KEY_ID);
    if (kms != null && !kms.isEmpty()) {
      return "kms:" + kms;
    }
    return q.boolAttribute(SQS_MANAGED_SSE) ? MessagePayloads.SQS_MANAGED_KEY : null;
  }

  private static void putOrRemove(Map<String, String> attrs, String name, String value) {
    if (value.isEmpty()) {
      attrs.remove(name);
    } else {
      attrs.put(name, value);
    }
  }

  private static String integer(String name, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v < min || v > max) {
        throw invalidValue(name);
      }
      return Integer.toString(v);
    } catch (NumberFormatException e) {
      throw invalidValue(name);
    }
  }

  private static String bool(String name, String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return value.toLowerCase(Locale.ROOT);
    }
    throw invalidValue(name);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String oneOf(String name, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw invalidValue(name);
  }

  /**
   * A Policy must be an access policy document: a JSON object whose Statement is a statement object or
   * a list of them, each with Effect Allow or Deny, within the 8,192-byte quota. Stored compacted.
   */
  private static String policy(String value) {
    JsonNode node;
    try {
      node = JsonCodec.json().readTree(value);
    } catch (java.io.IOException e) {
      throw invalidValue(POLICY);
    }
    if (node == null || !node.isObject() || value.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
      throw invalidValue(POLICY);
    }
    JsonNode statements = node.get("Statement");
    if (statements == null || !(statements.isObject() || statements.isArray())) {
      throw invalidValue(POLICY);
    }
    for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
      String effect = statement.path("Effect").asText("");
      if (!statement.isObject() || !(effect.equals("Allow") || effect.equals("Deny"))) {
        throw invalidValue(POLICY);
      }
    }
    return node.toString();
  }

  private static String redriveAllowPolicy(String value) {
    JsonNode node;
    try {
      node = JsonCodec.json().readTree(value);
    } catch (java.io.IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw invalidRedriveAllow(value, "Redrive allow policy is not a valid JSON map.");
    }
    String permission = node.path("redrivePermission").asText("");
    JsonNode arns = node.get("sourceQueueArns");
    ObjectNode out = JsonCodec.json().createObjectNode();
    switch (permission) {
      case "allowAll", "denyAll" -> {
        if (arns != null) {
          throw invalidRedriveAllow(value, "Only byQueue redrive permission allows sourceQueueArns.");
        }
        out.put("redrivePermission", permission);
      }
      case "byQueue" -> {
        if (arns == null || !arns.isArray() || arns.isEmpty() || arns.size() > 10) {
          throw invalidRedriveAllow(value, "byQueue needs between 1 and 10 sourceQueueArns.");
        }
        out.put("redrivePermission", permission);
        var list = out.putArray("sourceQueueArns");
        for (JsonNode a : arns) {
          if (QueueId.fromArn(a.asText()) == null) {
            throw invalidRedriveAllow(value, "Invalid source queue ARN " + a.asText() + ".");
          }
          list.add(a.asText());
        }
      }
      default -> throw invalidRedriveAllow(value, "redrivePermission must be allowAll, denyAll or byQueue.");
    }
    return out.toString();
  }

  /** Whether {@code dlq}'s RedriveAllowPolicy lets {@code source} name it as dead-letter queue. */
  public static boolean allowsSource(QueueRecord dlq, QueueId source) {
    String policy = dlq.attribute(REDRIVE_ALLOW_POLICY);
    if (policy == null) {
      return true;
    }
    try {
      JsonNode node = JsonCodec.json().readTree(policy);
      return switch (node.path("redrivePermission").asText("allowAll")) {
        case "denyAll" -> false;
        case "byQueue" -> {
          for (JsonNode a : node.path("sourceQueueArns")) {
            if (a.asText().equals(source.arn())) {
              yield true;
            }
          }
          yield false;
        }
        default -> true;
      };
    } catch (java.io.IOException e) {
      return true;
    }
  }

  static AwsException invalidValue(String name) {
    return AwsException.of(SqsError.InvalidAttributeValue, "Invalid value for the parameter %s.", name);
  }

  private static AwsException unknownAttribute(String name) {
    return AwsException.of(SqsError.InvalidAttributeName, "Unknown Attribute %s.", name);
  }

  private static AwsException invalidRedriveAllow(String value, String reason) {
    return AwsException.invalidParameter(REDRIVE_ALLOW_POLICY, value, reason);
  }

}
