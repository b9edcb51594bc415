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

/** SendMessageBatch: PLACEHOLDER — shapes only; behaviour to be written. */
public final class SendMessageBatch extends SqsOperation<SendMessageBatch.Request, SendMessageBatch.Response> {

  public record Request(String queueUrl, @QueryName("SendMessageBatchRequestEntry") List<Entry> entries) {}

  public record Response(@QueryName("SendMessageBatchResultEntry") List<ResultEntry> successful,
      @QueryName("BatchResultErrorEntry") List<BatchResultErrorEntry> failed) {}

  public record Entry(
      String id,
      String messageBody,
      Integer delaySeconds,
      @QueryName("MessageAttribute") Map<String, MessageAttributeValue> messageAttributes,
      @QueryName("MessageSystemAttribute") Map<String, MessageAttributeValue> messageSystemAttributes,
      String messageDeduplicationId,
      String messageGroupId) {}

  public record ResultEntry(
      String id,
      String messageId,
      @JsonProperty("MD5OfMessageBody") String md5OfMessageBody,
      @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes,
      @JsonProperty("MD5OfMessageSystemAttributes") String md5OfMessageSystemAttributes,
      String sequenceNumber) {}

  public SendMessageBatch(SqsServices sqs) {
    super(sqs);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    throw AwsException.of(CommonError.InternalFailure, "SendMessageBatch is not implemented yet.");
  }
}
