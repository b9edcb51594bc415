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

/** UntagQueue: PLACEHOLDER — shapes only; behaviour to be written. */
public final class UntagQueue extends SqsOperation<UntagQueue.Request, Void> {

  public record Request(String queueUrl, @QueryName("TagKey") List<String> tagKeys) {}

  public UntagQueue(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    throw AwsException.of(CommonError.InternalFailure, "UntagQueue is not implemented yet.");
  }
}
