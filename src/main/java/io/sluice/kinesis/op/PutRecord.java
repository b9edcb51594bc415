package io.sluice.kinesis.op;

import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisOperation;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.Puts;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * PutRecord: one record into the shard whose hash key range holds the MD5 of its partition key (or
 * its {@code ExplicitHashKey}); answered once stored. {@code SequenceNumberForOrdering} is accepted:
 * a shard's sequence numbers always grow in the order records are stored. Past the shard's write
 * limit ({@link io.sluice.kinesis.ThroughputLimits}): ProvisionedThroughputExceededException.
 */
public final class PutRecord extends KinesisOperation<PutRecord.Request, PutRecord.Response> {

  public record Request(String streamName, String streamARN, byte[] data, String partitionKey,
                        String explicitHashKey, String sequenceNumberForOrdering) {}

  public record Response(String shardId, String sequenceNumber, String encryptionType) {}

  public PutRecord(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    long start = now();
    return activeStream(ctx, req.streamName(), req.streamARN())
        .thenCompose(stream -> Puts.append(kinesis, stream,
            List.of(Puts.place(stream, req.data(), req.partitionKey(), req.explicitHashKey(), "")), action(), start))
        .thenApply(stored -> {
          if (stored.getFirst().throttled() != null) {
            throw AwsException.of(KinesisError.ProvisionedThroughputExceededException, stored.getFirst().throttled());
          }
          return new Response(stored.getFirst().shardId(), stored.getFirst().sequenceNumber(), "NONE");
        });
  }
}
