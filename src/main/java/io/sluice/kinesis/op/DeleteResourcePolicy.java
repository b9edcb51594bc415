package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.storage.RecordChange.MapEdit;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * DeleteResourcePolicy: removes the resource policy of the ACTIVE stream a ResourceARN names;
 * ResourceNotFoundException if it has none.
 */
public final class DeleteResourcePolicy extends KinesisOperation<DeleteResourcePolicy.Request, Void> {

  public record Request(String resourceARN) {}

  public DeleteResourcePolicy(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    return resource(ctx, req.resourceARN()).thenCompose(stream -> {
      if (!stream.settings().containsKey(StreamRecord.POLICY)) {
        throw AwsException.of(KinesisError.ResourceNotFoundException, "No resource policy found for resource ARN %s.",
            req.resourceARN());
      }
      return StreamChanges.settings(kinesis, stream, MapEdit.removing(List.of(StreamRecord.POLICY)), false);
    }).thenApply(changed -> null);
  }
}
