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

/** UndeprecateDomain: a deprecated domain is REGISTERED again (its types stay as they are). DomainAlreadyExistsFault if it is registered. */
public final class UndeprecateDomain extends SwfOperation<UndeprecateDomain.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String name) {}

  public UndeprecateDomain(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    return store().setDomainStatus(domainId(ctx, req.name()), RegistrationStatus.DEPRECATED, RegistrationStatus.REGISTERED, now())
        .thenApply(outcome -> switch (outcome) {
          case DONE -> null;
          case CONFLICT -> throw AwsException.of(SwfError.DomainAlreadyExistsFault, "Domain is already registered: %s", req.name());
          default -> throw unknownDomain(req.name());
        });
  }
}
