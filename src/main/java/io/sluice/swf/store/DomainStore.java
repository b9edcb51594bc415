package io.sluice.swf.store;

import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.ResourceTag;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * SWF's domains and their workflow and activity types, per account and region. Every change is one
 * atomic step on the domain (on Redis one script under the domain's hash tag), so a type is never
 * registered in a domain being deprecated, and deprecating a domain deprecates all its types at once.
 * Domains are never deleted (SWF has no DeleteDomain); types are, once deprecated. Executions live
 * beside this store, not in it.
 */
public interface DomainStore {

  /** What a change answers. */
  enum Outcome {
    /** Done. */
    DONE,
    /** The domain or type does not exist. */
    MISSING,
    /** A domain or type of that name already exists. */
    EXISTS,
    /** It is not in the status the change expects (or the tags changed since they were read). */
    CONFLICT,
    /** The domain is deprecated: no type may be registered in it. */
    DEPRECATED,
    /** A limit (domains per account and region, types of a kind per domain) would be passed. */
    LIMIT
  }

  /**
   * Registers {@code domain} (REGISTERED, its creation time set) unless a domain of its name exists
   * (EXISTS) or the account already has {@code limit} domains in the region (LIMIT).
   */
  CompletionStage<Outcome> registerDomain(DomainRecord domain, int limit);

  /** The domain, if registered. */
  CompletionStage<Optional<DomainRecord>> domain(DomainId id);

  /** Every domain of {@code account} in {@code region}, by name. */
  CompletionStage<List<DomainRecord>> domains(String region, String account);

  /**
   * Moves the domain from {@code from} to {@code to} (CONFLICT if it is not {@code from}); moving it
   * to DEPRECATED deprecates every registered type in it at {@code now} in the same step.
   */
  CompletionStage<Outcome> setDomainStatus(DomainId id, RegistrationStatus from, RegistrationStatus to, long now);

  /** Replaces the domain's tags by {@code updated} if they are still {@code expected} (else CONFLICT). */
  CompletionStage<Outcome> replaceTags(DomainId id, List<ResourceTag> expected, List<ResourceTag> updated);

  /**
   * Registers {@code type} in the domain: MISSING without the domain, DEPRECATED if it is deprecated,
   * EXISTS if a type of its kind, name and version exists (registered or deprecated), LIMIT if the
   * domain has {@code limit} types of its kind.
   */
  CompletionStage<Outcome> registerType(DomainId id, TypeRecord type, int limit);

  /** The type, if it exists. */
  CompletionStage<Optional<TypeRecord>> type(DomainId id, TypeKind kind, TypeRef type);

  /** Every type of {@code kind} in the domain, by name and version (empty without the domain). */
  CompletionStage<List<TypeRecord>> types(DomainId id, TypeKind kind);

  /** Moves the type from {@code from} to {@code to} at {@code now} (MISSING, CONFLICT). */
  CompletionStage<Outcome> setTypeStatus(DomainId id, TypeKind kind, TypeRef type, RegistrationStatus from,
                                         RegistrationStatus to, long now);

  /** Deletes the type if it is deprecated (MISSING; CONFLICT if it is registered). */
  CompletionStage<Outcome> deleteType(DomainId id, TypeKind kind, TypeRef type);
}
