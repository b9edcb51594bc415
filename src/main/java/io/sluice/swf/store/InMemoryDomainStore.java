package io.sluice.swf.store;

import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.ResourceTag;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The {@link DomainStore} of the memory engine: each step under the store's lock. */
public final class InMemoryDomainStore implements DomainStore, InMemoryStoreEngine.Wipeable {
  private record Account(String region, String account) {}

  private final class Domain {
    DomainRecord record;
    final Map<TypeKind, TreeMap<TypeRef, TypeRecord>> types = new EnumMap<>(TypeKind.class);

    Domain(DomainRecord record) {
      this.record = record;
      for (TypeKind kind : TypeKind.values()) {
        types.put(kind, new TreeMap<>(TypeRef.ORDER));
      }
    }
  }

  private final Map<Account, TreeMap<String, Domain>> accounts = new HashMap<>();

  private TreeMap<String, Domain> account(String region, String account) {
    return accounts.computeIfAbsent(new Account(region, account), a -> new TreeMap<>());
  }

  private Domain find(DomainId id) {
    return account(id.region(), id.account()).get(id.name());
  }

  @Override
  public synchronized void wipe() {
    accounts.clear();
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  @Override
  public synchronized CompletionStage<Outcome> registerDomain(DomainRecord domain, int limit) {
    TreeMap<String, Domain> domains = account(domain.id().region(), domain.id().account());
    if (domains.containsKey(domain.id().name())) {
      return done(Outcome.EXISTS);
    }
    if (domains.size() >= limit) {
      return done(Outcome.LIMIT);
    }
    domains.put(domain.id().name(), new Domain(domain.withStatus(RegistrationStatus.REGISTERED)));
    return done(Outcome.DONE);
  }

  @Override
  public synchronized CompletionStage<Optional<DomainRecord>> domain(DomainId id) {
    Domain d = find(id);
    return done(d == null ? Optional.empty() : Optional.of(d.record));
  }

  @Override
  public synchronized CompletionStage<List<DomainRecord>> domains(String region, String account) {
    return done(account(region, account).values().stream().map(d -> d.record).toList());
  }

  @Override
  public synchronized CompletionStage<Outcome> setDomainStatus(DomainId id, RegistrationStatus from,
                                                               RegistrationStatus to, long now) {
    Domain d = find(id);
    if (d == null) {
      return done(Outcome.MISSING);
    }
    if (d.record.status() != from) {
      return done(Outcome.CONFLICT);
    }
    d.record = d.record.withStatus(to);
    if (to == RegistrationStatus.DEPRECATED) {
      for (TreeMap<TypeRef, TypeRecord> types : d.types.values()) {
        types.replaceAll((ref, t) -> t.status() == RegistrationStatus.REGISTERED ? t.withStatus(to, now) : t);
      }
    }
    return done(Outcome.DONE);
  }

  @Override
  public synchronized CompletionStage<Outcome> replaceTags(DomainId id, List<ResourceTag> expected,
                                                           List<ResourceTag> updated) {
    Domain d = find(id);
    if (d == null) {
      return done(Outcome.MISSING);
    }
    if (!d.record.tags().equals(expected)) {
      return done(Outcome.CONFLICT);
    }
    d.record = d.record.withTags(updated);
    return done(Outcome.DONE);
  }

  @Override
  public synchronized CompletionStage<Outcome> registerType(DomainId id, TypeRecord type, int limit) {
    Domain d = find(id);
    if (d == null) {
      return done(Outcome.MISSING);
    }
    if (d.record.status() == RegistrationStatus.DEPRECATED) {
      return done(Outcome.DEPRECATED);
    }
    TreeMap<TypeRef, TypeRecord> types = d.types.get(type.kind());
    if (types.containsKey(type.type())) {
      return done(Outcome.EXISTS);
    }
    if (types.size() >= limit) {
      return done(Outcome.LIMIT);
    }
    types.put(type.type(), type.withStatus(RegistrationStatus.REGISTERED, 0));
    return done(Outcome.DONE);
  }

  @Override
  public synchronized CompletionStage<Optional<TypeRecord>> type(DomainId id, TypeKind kind, TypeRef type) {
    Domain d = find(id);
    return done(d == null ? Optional.empty() : Optional.ofNullable(d.types.get(kind).get(type)));
  }

  @Override
  public synchronized CompletionStage<List<TypeRecord>> types(DomainId id, TypeKind kind) {
    Domain d = find(id);
    return done(d == null ? List.of() : List.copyOf(d.types.get(kind).values()));
  }

  @Override
  public synchronized CompletionStage<Outcome> setTypeStatus(DomainId id, TypeKind kind, TypeRef type,
                                                             RegistrationStatus from, RegistrationStatus to, long now) {
    Domain d = find(id);
    TypeRecord t = d == null ? null : d.types.get(kind).get(type);
    if (t == null) {
      return done(Outcome.MISSING);
    }
    if (t.status() != from) {
      return done(Outcome.CONFLICT);
    }
    d.types.get(kind).put(type, t.withStatus(to, now));
    return done(Outcome.DONE);
  }

  @Override
  public synchronized CompletionStage<Outcome> deleteType(DomainId id, TypeKind kind, TypeRef type) {
    Domain d = find(id);
    TypeRecord t = d == null ? null : d.types.get(kind).get(type);
    if (t == null) {
      return done(Outcome.MISSING);
    }
    if (t.status() != RegistrationStatus.DEPRECATED) {
      return done(Outcome.CONFLICT);
    }
    d.types.get(kind).remove(type);
    return done(Outcome.DONE);
  }
}
