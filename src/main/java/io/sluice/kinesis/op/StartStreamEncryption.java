package io.sluice.kinesis.op;

import io.sluice.kinesis.Encryption;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * StartStreamEncryption: turns KMS server-side encryption on for an ACTIVE stream with the given key
 * (UPDATING briefly); records put from then on are sealed at rest.
 */
public final class StartStreamEncryption extends KinesisOperation<StartStreamEncryption.Request, Void> {

  public record Request(String streamName, String encryptionType, String keyId, String streamARN) {}

  public StartStreamEncryption(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    return Encryption.change(kinesis, stream(ctx, req.streamName(), req.streamARN()), req.encryptionType(),
        req.keyId(), true).thenApply(changed -> null);
  }
}
