package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.SwfTags;
import io.sluice.swf.model.ResourceTag;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * TagResource: adds tags to a domain named by its ARN ({@code arn:aws:swf:<region>:<account>:/domain/<name>}),
 * a key tagged again taking the new value; TooManyTagsFault past 50, UnknownResourceFault for an ARN
 * that names no domain of the caller's.
 */
public final class TagResource extends SwfOperation<TagResource.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String resourceArn, List<ResourceTag> tags) {}

  public TagResource(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return changeTags(ctx, req.resourceArn(), tags -> SwfTags.add(tags, req.tags()));
  }
}
