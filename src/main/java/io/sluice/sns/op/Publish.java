package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.QueryMapNames;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.DirectPublisher;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.Publisher;
import io.sluice.sns.SnsArns;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.MessageAttribute;
import io.sluice.sns.store.TopicStore.Published;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Publish: sends a message to every subscription of a topic whose filter policy it passes
 * (TargetArn may also name a topic), or straight to a platform endpoint (TargetArn) or a phone
 * number (PhoneNumber) through {@link DirectPublisher}. For a topic, the answer comes once message
 * and deliveries are stored, so an acknowledged publish is never lost. FIFO topics answer with the message's sequence number,
 * and a duplicate within the deduplication interval with the original message's id.
 */
public final class Publish extends SnsOperation<Publish.Request, Publish.Response> {

  public record Request(String topicArn, String targetArn, String phoneNumber, String message, String subject,
                        String messageStructure,
                        @QueryMapNames(key = "Name", value = "Value") Map<String, MessageAttribute> messageAttributes,
                        String messageDeduplicationId, String messageGroupId) {}

  public record Response(String messageId, String sequenceNumber) {}

  private final Publisher publisher;
  private final DirectPublisher direct;

  public Publish(SnsServices sns) {
    super(sns);
    this.publisher = new Publisher(sns);
    this.direct = new DirectPublisher(sns, publisher);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    int targets = (req.topicArn() != null ? 1 : 0) + (req.targetArn() != null ? 1 : 0)
        + (req.phoneNumber() != null ? 1 : 0);
    if (targets == 0) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
    }
    if (targets > 1) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: TopicArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be set");
    }
    Publisher.Draft draft = new Publisher.Draft(req.message(), req.subject(), req.messageStructure(),
        req.messageAttributes(), req.messageGroupId(), req.messageDeduplicationId());
    if (req.phoneNumber() != null) {
      return direct.toPhone(ctx, req.phoneNumber(), draft).thenApply(id -> new Response(id, null));
    }
    if (req.topicArn() == null && !SnsArns.isTopicArn(req.targetArn())) {
      if (!PlatformApplications.isEndpointArn(req.targetArn())) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: TargetArn");
      }
      return direct.toEndpoint(ctx, req.targetArn(), draft).thenApply(id -> new Response(id, null));
    }
    String arn = req.topicArn() != null ? req.topicArn() : req.targetArn();
    return topic(ctx, arn).thenCompose(topic -> publisher.publish(topic,
            List.of(publisher.prepare(ctx, topic, topic.arn(), draft, now()))))
        .thenApply(results -> {
          Published p = results.get(0);
          return new Response(p.messageId(), p.sequenceNumber());
        });
  }
}
