package io.sluice.swf.op;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.SwfOperation;
import io.sluice.swf.SwfServices;
import io.sluice.swf.Registrations;
import io.sluice.swf.SwfTypes;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.TaskList;
import io.sluice.swf.model.TypeDefaults;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import java.util.concurrent.CompletionStage;

/**
 * RegisterWorkflowType: a workflow type (name and version) in a registered domain, with the
 * defaults executions take when they do not give their own: decision task start-to-close and
 * execution start-to-close timeouts, task list, task priority, child policy, Lambda role.
 * TypeAlreadyExistsFault if the name and version exist (also deprecated), DomainDeprecatedFault in a
 * deprecated domain, LimitExceededFault past 10,000 workflow types in the domain.
 */
public final class RegisterWorkflowType extends SwfOperation<RegisterWorkflowType.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, String name, String version, String description,
                        String defaultTaskStartToCloseTimeout, String defaultExecutionStartToCloseTimeout,
                        TaskList defaultTaskList, String defaultTaskPriority, String defaultChildPolicy,
                        String defaultLambdaRole) {}

  public RegisterWorkflowType(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    SwfTypes.checkNames(req.name(), req.version(), req.defaultTaskList());
    Registrations.checkDuration(req.defaultTaskStartToCloseTimeout(), "defaultTaskStartToCloseTimeout");
    Registrations.checkDuration(req.defaultExecutionStartToCloseTimeout(), "defaultExecutionStartToCloseTimeout");
    Registrations.checkPriority(req.defaultTaskPriority(), "defaultTaskPriority");
    TypeDefaults defaults = TypeDefaults.workflow(req.defaultTaskStartToCloseTimeout(),
        req.defaultExecutionStartToCloseTimeout(), req.defaultTaskList(), req.defaultTaskPriority(),
        req.defaultChildPolicy(), req.defaultLambdaRole());
    return types.register(domainId(ctx, req.domain()), new TypeRecord(TypeKind.WORKFLOW,
        new TypeRef(req.name(), req.version()), req.description(), RegistrationStatus.REGISTERED, now(), null, defaults));
  }
}
