package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.StreamChanges;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.storage.RecordChange.MapEdit;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * PutResourcePolicy: sets (replaces) the resource policy of the ACTIVE stream a ResourceARN names;
 * the policy then decides which other accounts may call {@link KinesisOperation#SHARABLE} actions.
 * InvalidArgumentException for a policy that is not a JSON object.
 */
public final class PutResourcePolicy extends KinesisOperation<PutResourcePolicy.Request, Void> {

  public record Request(String resourceARN, String policy) {}

  public PutResourcePolicy(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    if (req.policy() == null) {
      throw validation(null, "policy", "Member must not be null");
    }
    try {
      new JsonObject(req.policy());
    } catch (DecodeException | ClassCastException e) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "Policy is not a valid JSON document.");
    }
    return resource(ctx, req.resourceARN())
        .thenCompose(stream -> StreamChanges.settings(kinesis, stream,
            MapEdit.putting(Map.of(StreamRecord.POLICY, req.policy())), false))
        .thenApply(changed -> null);
  }
}
