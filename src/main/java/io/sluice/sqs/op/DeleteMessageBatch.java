package io.sluice.sqs.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.QueryMapNames;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sqs.SqsOperation;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.BatchResultErrorEntry;
import io.sluice.sqs.model.MessageAttributeValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** DeleteMessageBatch: PLACEHOLDER — shapes only; behaviour to be written. */
public final class DeleteMessageBatch extends SqsOperation<DeleteMessageBatch.Request, DeleteMessageBatch.Response> {

  public record Request(String queueUrl, @QueryName("DeleteMessageBatchRequestEntry") List<Entry> entries) {}

  public record Response(@QueryName("DeleteMessageBatchResultEntry") List<ResultEntry> successful,
      @QueryName("BatchResultErrorEntry") List<BatchResultErrorEntry> failed) {}

  public record Entry(String id, String receiptHandle) {}

  public record ResultEntry(String id) {}

  public DeleteMessageBatch(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    throw AwsException.of(CommonError.InternalFailure, "DeleteMessageBatch is not implemented yet.");
  }
}
