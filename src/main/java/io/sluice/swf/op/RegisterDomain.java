package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.protocol.AwsException;
import io.sluice.swf.Registrations;
import io.sluice.swf.SwfError;
import io.sluice.swf.SwfTags;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.ResourceTag;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * RegisterDomain: a new domain in the caller's account and region, REGISTERED, with its retention
 * period ({@code NONE} or 0 to 90 days) and up to 50 tags. DomainAlreadyExistsFault if a domain of
 * that name exists, registered or deprecated; LimitExceededFault past the account's domain limit
 * (AWS: 100, deprecated domains included).
 */
public final class RegisterDomain extends SwfOperation<RegisterDomain.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String name, String description, String workflowExecutionRetentionPeriodInDays,
                        List<ResourceTag> tags) {}

  public RegisterDomain(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    Registrations.checkName(req.name(), "name");
    Registrations.checkRetention(req.workflowExecutionRetentionPeriodInDays());
    List<ResourceTag> tags = SwfTags.add(List.of(), req.tags() == null ? List.of() : req.tags());
    DomainRecord domain = new DomainRecord(domainId(ctx, req.name()), req.description(),
        req.workflowExecutionRetentionPeriodInDays(), RegistrationStatus.REGISTERED, now(), tags);
    int limit = swf.config().domainLimit();
    return store().registerDomain(domain, limit).thenApply(outcome -> switch (outcome) {
      case DONE -> null;
      case EXISTS -> throw AwsException.of(SwfError.DomainAlreadyExistsFault, "Domain already exists: %s", req.name());
      default -> throw AwsException.of(SwfError.LimitExceededFault,
          "The account %s already has %d domains in %s.", ctx.account(), limit, ctx.region());
    });
  }
}
