package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.SwfTags;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** UntagResource: removes the tags of the given keys from a domain named by its ARN (absent keys ignored). */
public final class UntagResource extends SwfOperation<UntagResource.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String resourceArn, List<String> tagKeys) {}

  public UntagResource(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return changeTags(ctx, req.resourceArn(), tags -> SwfTags.remove(tags, req.tagKeys()));
  }
}
