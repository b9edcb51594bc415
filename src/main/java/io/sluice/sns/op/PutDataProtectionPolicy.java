package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.TopicAccess;
import io.sluice.storage.RecordChange.MapEdit;
import io.sluice.storage.RecordChange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * PutDataProtectionPolicy: stores a topic's data protection policy (a JSON document). Sluice keeps
 * it and returns it, but does not audit or mask messages by it.
 */
public final class PutDataProtectionPolicy extends SnsOperation<PutDataProtectionPolicy.Request, Void> {

  public record Request(String resourceArn, String dataProtectionPolicy) {}

  public PutDataProtectionPolicy(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Void> execute(RequestContext ctx, Request req) {
    String arn = TopicAccess.requireOwner(ctx, action(),
        SnsArns.requireTopicArn(ctx, "ResourceArn", req.resourceArn()));
    String policy = req.dataProtectionPolicy();
    try {
      if (policy == null || !JsonCodec.json().readTree(policy).isObject()) {
        throw new IOException();
      }
    } catch (IOException e) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: DataProtectionPolicy");
    }
    return sns.store().updateTopic(arn,
        RecordChange.ofAttributes(MapEdit.putting(Map.of("DataProtectionPolicy", policy)))).thenApply(t -> {
      t.orElseThrow(SnsArns::topicNotFound);
      return null;
    });
  }
}
