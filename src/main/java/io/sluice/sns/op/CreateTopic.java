package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAttributes;
import io.sluice.sns.TopicTags;
import io.sluice.sns.model.Tag;
import io.sluice.sns.model.TopicRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * CreateTopic: creates a standard or FIFO topic, or answers the existing topic's ARN when called
 * again with the same name; attributes or tags that differ from the existing topic's answer
 * InvalidParameter (see the CreateTopic API reference: the action is idempotent).
 */
public final class CreateTopic extends SnsOperation<CreateTopic.Request, CreateTopic.Response> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");

  public record Request(String name, Map<String, String> attributes, List<Tag> tags, String dataProtectionPolicy) {}

  public record Response(String topicArn) {}

  public CreateTopic(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    String name = req.name();
    Map<String, String> requested = req.attributes() == null ? Map.of() : req.attributes();
    boolean fifo = "true".equalsIgnoreCase(requested.get("FifoTopic"));
    if (name == null || !(fifo ? FIFO_NAME : NAME).matcher(name).matches()) {
      throw AwsException.of(SnsError.InvalidParameter, fifo
          ? "Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and "
              + "lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
          : "Invalid parameter: Topic Name");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : requested.entrySet()) {
      attributes.put(e.getKey(), TopicAttributes.validated(e.getKey(), e.getValue(), fifo, true));
    }
    if (!fifo) {
      attributes.remove("FifoTopic");
    } else {
      attributes.put("FifoTopic", "true");
    }
    if (req.dataProtectionPolicy() != null && !req.dataProtectionPolicy().isEmpty()) {
      attributes.put("DataProtectionPolicy", req.dataProtectionPolicy());
    }
    Map<String, String> tags = TopicTags.validated(req.tags());
    TopicTags.checkCount(tags.size());
    String arn = TopicRecord.arnOf(ctx.region(), ctx.account(), name);
    Map<String, String> stored = new LinkedHashMap<>(attributes);
    stored.putIfAbsent("Policy", TopicAttributes.defaultPolicy(arn, ctx.account()));
    TopicRecord candidate = new TopicRecord(arn, ctx.region(), ctx.account(), name, stored, tags, now());
    return sns.store().createTopic(candidate).thenApply(existing -> {
      if (existing != candidate && !existing.equals(candidate)) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
          String current = existing.attributes().getOrDefault(e.getKey(), defaultOf(e.getKey()));
          if (!e.getValue().equals(current)) {
            throw AwsException.of(SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
          }
        }
        if (!tags.isEmpty() && !tags.equals(existing.tags())) {
          throw AwsException.of(SnsError.InvalidParameter,
              "Invalid parameter: Tags Reason: Topic already exists with different tags");
        }
      }
      return new Response(existing.arn());
    });
  }

  private static String defaultOf(String attribute) {
    return switch (attribute) {
      case "FifoTopic", "ContentBasedDeduplication" -> "false";
      case "DisplayName" -> "";
      default -> null;
    };
  }
}
