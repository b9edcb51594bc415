package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.TopicRecord;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The tagging actions' shared step: a topic named by ResourceArn, ResourceNotFound if there is none. */
final class TaggedTopics {
  private TaggedTopics() {}

  private static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

  static CompletionStage<TopicRecord> find(SnsServices sns, String resourceArn) {
    return sns.store().findTopic(checked(resourceArn)).thenApply(t -> t.orElseThrow(TaggedTopics::notFound));
  }

  static CompletionStage<TopicRecord> update(SnsServices sns, String resourceArn,
                                             UnaryOperator<TopicRecord> change) {
    return sns.store().updateTopic(checked(resourceArn), change).thenApply(t -> t.orElseThrow(TaggedTopics::notFound));
  }

  private static String checked(String resourceArn) {
    if (resourceArn == null || !TOPIC_ARN.matcher(resourceArn).matches()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: ResourceArn");
    }
    return resourceArn;
  }

  private static AwsException notFound() {
    return AwsException.of(SnsError.ResourceNotFound, "Resource does not exist");
  }
}
