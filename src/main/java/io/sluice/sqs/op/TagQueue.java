package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.QueryMapNames;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.MessageAttributeValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** TagQueue: PLACEHOLDER — shapes only; behaviour to be written. */
public final class TagQueue extends SqsOperation<TagQueue.Request, Void> {

  public record Request(String queueUrl, @QueryName("Tag") @QueryMapNames(key = "Key", value = "Value") Map<String, String> tags) {}

  public TagQueue(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    throw AwsException.of(CommonError.InternalFailure, "TagQueue is not implemented yet.");
  }
}
