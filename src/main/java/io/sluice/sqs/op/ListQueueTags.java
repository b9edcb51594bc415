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

/** ListQueueTags: PLACEHOLDER — shapes only; behaviour to be written. */
public final class ListQueueTags extends SqsOperation<ListQueueTags.Request, ListQueueTags.Response> {

  public record Request(String queueUrl) {}

  public record Response(@QueryName("Tag") @QueryMapNames(key = "Key", value = "Value") Map<String, String> tags) {}

  public ListQueueTags(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    throw AwsException.of(CommonError.InternalFailure, "ListQueueTags is not implemented yet.");
  }
}
