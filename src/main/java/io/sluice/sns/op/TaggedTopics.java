package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.TopicRecord;
import io.sluice.storage.RecordChange.Outcome;
import io.sluice.storage.RecordChange;
import java.util.concurrent.CompletionStage;

/** The tagging actions' shared step: a topic named by ResourceArn, ResourceNotFound if there is none. */
final class TaggedTopics {
  private TaggedTopics() {}

  static CompletionStage<TopicRecord> find(SnsServices sns, String resourceArn) {
    return sns.store().findTopic(checked(resourceArn)).thenApply(t -> t.orElseThrow(TaggedTopics::notFound));
  }

  static CompletionStage<Outcome<TopicRecord>> update(SnsServices sns, String resourceArn, RecordChange change) {
    return sns.store().updateTopic(checked(resourceArn), change).thenApply(t -> t.orElseThrow(TaggedTopics::notFound));
  }

  private static String checked(String resourceArn) {
    if (!SnsArns.isTopicArn(resourceArn)) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: ResourceArn");
    }
    return resourceArn;
  }

  private static AwsException notFound() {
    return AwsException.of(SnsError.ResourceNotFound, "Resource does not exist");
  }
}
