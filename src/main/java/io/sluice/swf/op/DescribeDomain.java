package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.model.DomainConfiguration;
import io.sluice.swf.model.DomainInfo;
import io.sluice.swf.model.DomainRecord;
import java.util.concurrent.CompletionStage;

/** DescribeDomain: the domain's info (name, status, description, ARN) and configuration (retention). */
public final class DescribeDomain extends SwfOperation<DescribeDomain.Request, DescribeDomain.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String name) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(DomainInfo domainInfo, DomainConfiguration configuration) {}

  public DescribeDomain(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    return domain(ctx, req.name()).thenApply(d -> new Response(info(d),
        new DomainConfiguration(d.retentionDays())));
  }

  /** A domain as the wire shows it. */
  static DomainInfo info(DomainRecord d) {
    return new DomainInfo(d.id().name(), d.status(), d.description(), d.id().arn());
  }
}
