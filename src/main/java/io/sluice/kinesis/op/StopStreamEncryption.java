package io.sluice.kinesis.op;

import io.sluice.kinesis.Encryption;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;

/**
 * StopStreamEncryption: turns server-side encryption off for an ACTIVE stream
 * (UPDATING briefly); records put from then on are stored in the clear, those sealed before stay readable.
 */
public final class StopStreamEncryption extends KinesisOperation<StopStreamEncryption.Request, Void> {

  public record Request(String streamName, String encryptionType, String keyId, String streamARN) {}

  public StopStreamEncryption(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    return Encryption.change(kinesis, stream(ctx, req.streamName(), req.streamARN()), req.encryptionType(),
        req.keyId(), false).thenApply(changed -> null);
  }
}
