package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.protocol.AwsException;
import io.sluice.swf.SwfError;
import io.sluice.swf.model.RegistrationStatus;
import java.util.concurrent.CompletionStage;

/** DeprecateDomain: the domain becomes DEPRECATED, and with it every type registered in it, in one step; no type may be registered in it and no execution started any more. DomainDeprecatedFault if it is deprecated already. */
public final class DeprecateDomain extends SwfOperation<DeprecateDomain.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String name) {}

  public DeprecateDomain(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return store().setDomainStatus(domainId(ctx, req.name()), RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, now())
        .thenApply(outcome -> switch (outcome) {
          case DONE -> null;
          case CONFLICT -> throw AwsException.of(SwfError.DomainDeprecatedFault, "Domain is already deprecated: %s", req.name());
          default -> throw unknownDomain(req.name());
        });
  }
}
