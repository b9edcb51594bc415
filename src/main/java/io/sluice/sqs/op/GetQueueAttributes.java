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

/** GetQueueAttributes: PLACEHOLDER — shapes only; behaviour to be written. */
public final class GetQueueAttributes extends SqsOperation<GetQueueAttributes.Request, GetQueueAttributes.Response> {

  public record Request(String queueUrl, @QueryName("AttributeName") List<String> attributeNames) {}

  public record Response(@QueryName("Attribute") Map<String, String> attributes) {}

  public GetQueueAttributes(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    throw AwsException.of(CommonError.InternalFailure, "GetQueueAttributes is not implemented yet.");
  }
}
