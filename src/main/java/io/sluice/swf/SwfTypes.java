package io.sluice.swf;

import io.sluice.protocol.AwsException;
import io.sluice.swf.model.ActivityTypeConfiguration;
import io.sluice.swf.model.ActivityTypeInfo;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.TaskList;
import io.sluice.swf.model.TypeDefaults;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import io.sluice.swf.model.WorkflowTypeConfiguration;
import io.sluice.swf.model.WorkflowTypeInfo;
import io.sluice.swf.store.DomainStore;
import io.sluice.swf.store.DomainStore.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the workflow-type and activity-type actions share, for either kind: registration, lookup,
 * listing, deprecation, undeprecation and deletion with AWS's faults, and the wire's views of a type.
 */
public final class SwfTypes {
  private final SwfServices swf;

  public SwfTypes(SwfServices swf) {
    this.swf = swf;
  }

  private DomainStore store() {
    return swf.domains();
  }

  /** Checks a type's name, version and default task list name as registered names ({@link Registrations#checkName}). */
  public static void checkNames(String name, String version, TaskList taskList) {
    Registrations.checkName(name, "name");
    Registrations.checkName(version, "version");
    Registrations.checkName(taskList == null ? null : taskList.name(), "defaultTaskList.name");
  }

  /** Registers {@code type} in the domain: UnknownResourceFault, DomainDeprecatedFault, TypeAlreadyExistsFault, LimitExceededFault. */
  public CompletionStage<Void> register(DomainId domain, TypeRecord type) {
    return store().registerType(domain, type, swf.config().typeLimit()).thenApply(outcome -> switch (outcome) {
      case DONE -> null;
      case MISSING -> throw SwfOperation.unknownDomain(domain.name());
      case DEPRECATED -> throw AwsException.of(SwfError.DomainDeprecatedFault, "Domain is deprecated: %s",
          domain.name());
      case EXISTS -> throw AwsException.of(SwfError.TypeAlreadyExistsFault, "%s", describe(type.kind(), type.type()));
      default -> throw AwsException.of(SwfError.LimitExceededFault,
          "The domain %s already has %d %s types.", domain.name(), swf.config().typeLimit(), type.kind().label());
    });
  }

  /** The type; UnknownResourceFault if the domain or the type does not exist. */
  public CompletionStage<TypeRecord> find(DomainId domain, TypeKind kind, TypeRef type) {
    return store().domain(domain).thenCompose(d -> {
      if (d.isEmpty()) {
        throw SwfOperation.unknownDomain(domain.name());
      }
      return store().type(domain, kind, type);
    }).thenApply(found -> found.orElseThrow(() -> unknownType(kind, type)));
  }

  /** The types of {@code kind} in the domain with {@code status}, and {@code name} if given, by name and version. */
  public CompletionStage<List<TypeRecord>> list(DomainId domain, TypeKind kind, String name, RegistrationStatus status) {
    return store().domain(domain).thenCompose(d -> {
      if (d.isEmpty()) {
        throw SwfOperation.unknownDomain(domain.name());
      }
      return store().types(domain, kind);
    }).thenApply(types -> types.stream()
        .filter(t -> t.status() == status && (name == null || t.type().name().equals(name)))
        .toList());
  }

  /** The sort key of a type in listings and their page tokens. */
  public static List<String> key(TypeRecord type) {
    return List.of(type.type().name(), type.type().version());
  }

  /** Deprecates the type: UnknownResourceFault, TypeDeprecatedFault if it is deprecated already. */
  public CompletionStage<Void> deprecate(DomainId domain, TypeKind kind, TypeRef type) {
    return move(domain, kind, type, RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED);
  }

  /** Undeprecates the type: UnknownResourceFault, TypeAlreadyExistsFault if it is registered. */
  public CompletionStage<Void> undeprecate(DomainId domain, TypeKind kind, TypeRef type) {
    return move(domain, kind, type, RegistrationStatus.DEPRECATED, RegistrationStatus.REGISTERED);
  }

  private CompletionStage<Void> move(DomainId domain, TypeKind kind, TypeRef type, RegistrationStatus from,
                                     RegistrationStatus to) {
    return find(domain, kind, type)
        .thenCompose(found -> store().setTypeStatus(domain, kind, type, from, to, swf.clock().millis()))
        .thenApply(outcome -> switch (outcome) {
          case DONE -> null;
          case CONFLICT -> throw from == RegistrationStatus.REGISTERED
              ? AwsException.of(SwfError.TypeDeprecatedFault, "%s", describe(kind, type))
              : AwsException.of(SwfError.TypeAlreadyExistsFault, "%s", describe(kind, type));
          default -> throw unknownType(kind, type);
        });
  }

  /** Deletes the deprecated type: UnknownResourceFault, TypeNotDeprecatedFault if it is registered. */
  public CompletionStage<Void> delete(DomainId domain, TypeKind kind, TypeRef type) {
    return find(domain, kind, type).thenCompose(found -> store().deleteType(domain, kind, type))
        .thenApply(outcome -> switch (outcome) {
          case DONE -> null;
          case CONFLICT -> throw AwsException.of(SwfError.TypeNotDeprecatedFault, "%s", describe(kind, type));
          default -> throw unknownType(kind, type);
        });
  }

  public static AwsException unknownType(TypeKind kind, TypeRef type) {
    return AwsException.of(SwfError.UnknownResourceFault, "Unknown type: %s", describe(kind, type));
  }

  /** {@code WorkflowType=[name=…, version=…]}, as AWS names a type in its faults. */
  static String describe(TypeKind kind, TypeRef type) {
    return (kind == TypeKind.WORKFLOW ? "WorkflowType" : "ActivityType") + "=[name=" + type.name() + ", version="
        + type.version() + "]";
  }

  public static WorkflowTypeInfo workflowInfo(TypeRecord t) {
    return new WorkflowTypeInfo(t.type(), t.status(), t.description(), Instant.ofEpochMilli(t.created()),
        deprecation(t));
  }

  public static ActivityTypeInfo activityInfo(TypeRecord t) {
    return new ActivityTypeInfo(t.type(), t.status(), t.description(), Instant.ofEpochMilli(t.created()),
        deprecation(t));
  }

  public static WorkflowTypeConfiguration workflowConfiguration(TypeDefaults d) {
    return new WorkflowTypeConfiguration(d.taskStartToCloseTimeout(), d.executionStartToCloseTimeout(), d.taskList(),
        d.taskPriority(), d.childPolicy(), d.lambdaRole());
  }

  public static ActivityTypeConfiguration activityConfiguration(TypeDefaults d) {
    return new ActivityTypeConfiguration(d.taskStartToCloseTimeout(), d.taskHeartbeatTimeout(), d.taskList(),
        d.taskPriority(), d.taskScheduleToStartTimeout(), d.taskScheduleToCloseTimeout());
  }

  private static Instant deprecation(TypeRecord t) {
    return t.deprecated() == null ? null : Instant.ofEpochMilli(t.deprecated());
  }
}
