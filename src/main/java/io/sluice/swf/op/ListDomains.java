package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.Pages;
import io.sluice.swf.model.DomainInfo;
import io.sluice.swf.model.RegistrationStatus;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * ListDomains: the caller's domains in the region with the given registration status, by name (or
 * reversed), a page of {@code maximumPageSize} (default and most 1000) at a time.
 */
public final class ListDomains extends SwfOperation<ListDomains.Request, ListDomains.Response> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String nextPageToken, RegistrationStatus registrationStatus, Integer maximumPageSize,
                        Boolean reverseOrder) {}

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Response(List<DomainInfo> domainInfos, String nextPageToken) {}

  public ListDomains(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    return store().domains(ctx.region(), ctx.account()).thenApply(all -> {
      Pages.Page<DomainInfo> page = Pages.page(all.stream().filter(d -> d.status() == req.registrationStatus())
              .map(DescribeDomain::info).toList(), d -> List.of(d.name()), req.nextPageToken(), req.maximumPageSize(),
          Boolean.TRUE.equals(req.reverseOrder()));
      return new Response(page.items(), page.nextPageToken());
    });
  }
}
