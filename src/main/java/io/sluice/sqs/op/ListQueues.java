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

/** ListQueues: PLACEHOLDER — shapes only; behaviour to be written. */
public final class ListQueues extends SqsOperation<ListQueues.Request, ListQueues.Response> {

  public record Request(String queueNamePrefix, String nextToken, Integer maxResults) {}

  public record Response(@QueryName("QueueUrl") List<String> queueUrls, String nextToken) {}

  public ListQueues(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    throw AwsException.of(CommonError.InternalFailure, "ListQueues is not implemented yet.");
  }
}
