package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.model.ResourceTag;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** ListTagsForResource: the tags of a domain named by its ARN, in the order they were added. */
public final class ListTagsForResource
    extends SwfOperation<ListTagsForResource.Request, ListTagsForResource.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String resourceArn) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(List<ResourceTag> tags) {}

  public ListTagsForResource(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    return domainByArn(ctx, req.resourceArn()).thenApply(d -> new Response(d.tags()));
  }
}
