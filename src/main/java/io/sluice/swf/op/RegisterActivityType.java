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
 * RegisterActivityType: an activity type (name and version) in a registered domain, with the
 * defaults its tasks take when scheduled without their own: start-to-close, heartbeat,
 * schedule-to-start and schedule-to-close timeouts, task list, task priority. Faults as
 * RegisterWorkflowType's (10,000 activity types per domain).
 */
public final class RegisterActivityType extends SwfOperation<RegisterActivityType.Request, Void> {

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Request(String domain, String name, String version, String description,
                        String defaultTaskStartToCloseTimeout, String defaultTaskHeartbeatTimeout,
                        TaskList defaultTaskList, String defaultTaskPriority, String defaultTaskScheduleToStartTimeout,
                        String defaultTaskScheduleToCloseTimeout) {}

  public RegisterActivityType(SwfServices swf) {
    super(swf);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    SwfTypes.checkNames(req.name(), req.version(), req.defaultTaskList());
    Registrations.checkDuration(req.defaultTaskStartToCloseTimeout(), "defaultTaskStartToCloseTimeout");
    Registrations.checkDuration(req.defaultTaskHeartbeatTimeout(), "defaultTaskHeartbeatTimeout");
    Registrations.checkDuration(req.defaultTaskScheduleToStartTimeout(), "defaultTaskScheduleToStartTimeout");
    Registrations.checkDuration(req.defaultTaskScheduleToCloseTimeout(), "defaultTaskScheduleToCloseTimeout");
    Registrations.checkPriority(req.defaultTaskPriority(), "defaultTaskPriority");
    TypeDefaults defaults = TypeDefaults.activity(req.defaultTaskStartToCloseTimeout(),
        req.defaultTaskHeartbeatTimeout(), req.defaultTaskList(), req.defaultTaskPriority(),
        req.defaultTaskScheduleToStartTimeout(), req.defaultTaskScheduleToCloseTimeout());
    return types.register(domainId(ctx, req.domain()), new TypeRecord(TypeKind.ACTIVITY,
        new TypeRef(req.name(), req.version()), req.description(), RegistrationStatus.REGISTERED, now(), null, defaults));
  }
}
