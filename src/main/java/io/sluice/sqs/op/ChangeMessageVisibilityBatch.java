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

/** ChangeMessageVisibilityBatch: PLACEHOLDER — shapes only; behaviour to be written. */
public final class ChangeMessageVisibilityBatch extends SqsOperation<ChangeMessageVisibilityBatch.Request, ChangeMessageVisibilityBatch.Response> {

  public record Request(String queueUrl, @QueryName("ChangeMessageVisibilityBatchRequestEntry") List<Entry> entries) {}

  public record Response(@QueryName("ChangeMessageVisibilityBatchResultEntry") List<ResultEntry> successful,
      @QueryName("BatchResultErrorEntry") List<BatchResultErrorEntry> failed) {}

  public record Entry(String id, String receiptHandle, Integer visibilityTimeout) {}

  public record ResultEntry(String id) {}

  public ChangeMessageVisibilityBatch(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    throw AwsException.of(CommonError.InternalFailure, "ChangeMessageVisibilityBatch is not implemented yet.");
  }
}
