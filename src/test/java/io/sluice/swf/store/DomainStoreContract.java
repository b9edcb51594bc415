package io.sluice.swf.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.ResourceTag;
import io.sluice.swf.model.TaskList;
import io.sluice.swf.model.TypeDefaults;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import io.sluice.swf.store.DomainStore.Outcome;
import io.sluice.time.ManualClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link DomainStore}: every engine extends this class and must pass every
 * test. Time is a {@link ManualClock} passed as {@code now}; nothing sleeps. Subclasses give a store
 * without domains before each test.
 */
public abstract class DomainStoreContract {
  protected static final String REGION = "us-east-1";
  protected static final String ACCOUNT = "000000000000";
  private static final int LIMIT = 100;

  protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
  protected DomainStore store;

  protected abstract DomainStore freshStore();

  @BeforeEach
  void fresh() {
    store = freshStore();
  }

  protected static DomainId id(String name) {
    return new DomainId(REGION, ACCOUNT, name);
  }

  protected DomainRecord domain(DomainId id, ResourceTag... tags) {
    return new DomainRecord(id, "about " + id.name(), "7", RegistrationStatus.REGISTERED, clock.millis(), List.of(tags));
  }

  protected DomainRecord registered(String name, ResourceTag... tags) {
    DomainRecord d = domain(id(name), tags);
    assertEquals(Outcome.DONE, await(store.registerDomain(d, LIMIT)));
    return d;
  }

  protected TypeRecord type(TypeKind kind, String name, String version) {
    TypeDefaults defaults = kind == TypeKind.WORKFLOW
        ? TypeDefaults.workflow("30", "3600", new TaskList("decisions"), "5", "TERMINATE", null)
        : TypeDefaults.activity("NONE", "10", new TaskList("work"), "-1", "60", "120");
    return new TypeRecord(kind, new TypeRef(name, version), "a " + kind.label(), RegistrationStatus.REGISTERED,
        clock.millis(), null, defaults);
  }

  @Test
  void aRegisteredDomainIsFoundAsRegisteredWithItsTagsInOrder() {
    // Given a domain registered with two tags whose keys are not in order
    DomainRecord d = registered("orders", new ResourceTag("team", "a"), new ResourceTag("env", ""));

    // When it is read
    Optional<DomainRecord> found = await(store.domain(id("orders")));

    // Then it is as registered
    assertEquals(Optional.of(d), found);
    assertEquals(Optional.empty(), await(store.domain(id("other"))));
  }

  @Test
  void aDomainNameIsRegisteredOnceEvenWhenDeprecated() {
    DomainRecord first = registered("orders");
    await(store.setDomainStatus(id("orders"), RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 1));
    clock.advanceSeconds(10);

    Outcome again = await(store.registerDomain(domain(id("orders"), new ResourceTag("k", "v")), LIMIT));

    assertEquals(Outcome.EXISTS, again);
    assertEquals(Optional.of(first.withStatus(RegistrationStatus.DEPRECATED)), await(store.domain(id("orders"))));
  }

  @Test
  void theDomainLimitCountsDeprecatedDomainsOfTheAccountAndRegionOnly() {
    // Given two domains, one deprecated, in an account whose limit is 2
    assertEquals(Outcome.DONE, await(store.registerDomain(domain(id("a")), 2)));
    assertEquals(Outcome.DONE, await(store.registerDomain(domain(id("b")), 2)));
    await(store.setDomainStatus(id("b"), RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 1));

    // When a third is registered there, one in another region and one in another account
    Outcome third = await(store.registerDomain(domain(id("c")), 2));
    Outcome elsewhere = await(store.registerDomain(domain(new DomainId("eu-west-1", ACCOUNT, "c")), 2));
    Outcome otherAccount = await(store.registerDomain(domain(new DomainId(REGION, "111111111111", "c")), 2));

    // Then only the third is refused, and the existing names still answer EXISTS
    assertEquals(Outcome.LIMIT, third);
    assertEquals(Outcome.DONE, elsewhere);
    assertEquals(Outcome.DONE, otherAccount);
    assertEquals(Outcome.EXISTS, await(store.registerDomain(domain(id("a")), 2)));
    assertEquals(List.of("a", "b"), names(await(store.domains(REGION, ACCOUNT))));
    assertEquals(List.of("c"), names(await(store.domains("eu-west-1", ACCOUNT))));
  }

  @Test
  void domainsAreListedByName() {
    registered("b");
    registered("a-1");
    registered("C");
    registered("a");

    assertEquals(List.of("C", "a", "a-1", "b"), names(await(store.domains(REGION, ACCOUNT))));
    assertEquals(List.of(), await(store.domains(REGION, "222222222222")));
  }

  private static List<String> names(List<DomainRecord> domains) {
    return domains.stream().map(d -> d.id().name()).toList();
  }

  @Test
  void aDomainMovesOnlyFromTheStatusExpected() {
    registered("orders");

    assertEquals(Outcome.CONFLICT,
        await(store.setDomainStatus(id("orders"), RegistrationStatus.DEPRECATED, RegistrationStatus.REGISTERED, 1)));
    assertEquals(Outcome.DONE,
        await(store.setDomainStatus(id("orders"), RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 1)));
    assertEquals(Outcome.CONFLICT,
        await(store.setDomainStatus(id("orders"), RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 1)));
    assertEquals(Outcome.DONE,
        await(store.setDomainStatus(id("orders"), RegistrationStatus.DEPRECATED, RegistrationStatus.REGISTERED, 1)));
    assertEquals(RegistrationStatus.REGISTERED, await(store.domain(id("orders"))).orElseThrow().status());
    assertEquals(Outcome.MISSING,
        await(store.setDomainStatus(id("none"), RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 1)));
  }

  @Test
  void deprecatingADomainDeprecatesItsRegisteredTypesInTheSameStep() {
    // Given a domain with a workflow type, an activity type and an activity type deprecated earlier
    registered("orders");
    await(store.registerType(id("orders"), type(TypeKind.WORKFLOW, "flow", "1"), LIMIT));
    await(store.registerType(id("orders"), type(TypeKind.ACTIVITY, "work", "1"), LIMIT));
    await(store.registerType(id("orders"), type(TypeKind.ACTIVITY, "old", "1"), LIMIT));
    await(store.setTypeStatus(id("orders"), TypeKind.ACTIVITY, new TypeRef("old", "1"), RegistrationStatus.REGISTERED,
        RegistrationStatus.DEPRECATED, 5_000));

    // When the domain is deprecated
    assertEquals(Outcome.DONE,
        await(store.setDomainStatus(id("orders"), RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 9_000)));

    // Then every type is deprecated, the earlier one keeping its date, and no type may be registered
    TypeRecord flow = await(store.type(id("orders"), TypeKind.WORKFLOW, new TypeRef("flow", "1"))).orElseThrow();
    List<TypeRecord> activities = await(store.types(id("orders"), TypeKind.ACTIVITY));
    assertEquals(RegistrationStatus.DEPRECATED, flow.status());
    assertEquals(9_000L, flow.deprecated());
    assertEquals(List.of(5_000L, 9_000L), activities.stream().map(TypeRecord::deprecated).toList());
    assertEquals(Outcome.DEPRECATED,
        await(store.registerType(id("orders"), type(TypeKind.WORKFLOW, "flow", "2"), LIMIT)));
  }

  @Test
  void noTypeStaysRegisteredInADomainDeprecatedWhileItWasRegistered() {
    // Given domains each deprecated at the same time as twenty types are registered in it
    for (int round = 0; round < 5; round++) {
      DomainId id = id("race-" + round);
      registered(id.name());
      List<java.util.concurrent.CompletableFuture<Outcome>> registrations = new java.util.ArrayList<>();
      java.util.concurrent.CompletableFuture<Outcome> deprecation = null;
      for (int i = 0; i < 20; i++) {
        registrations.add(store.registerType(id, type(TypeKind.ACTIVITY, "t" + i, "1"), LIMIT).toCompletableFuture());
        if (i == 10) {
          deprecation = store.setDomainStatus(id, RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 1)
              .toCompletableFuture();
        }
      }

      // When all are done
      assertEquals(Outcome.DONE, await(deprecation));
      registrations.forEach(r -> await(r));

      // Then each type was refused or is deprecated: none registered in the deprecated domain
      List<TypeRecord> types = await(store.types(id, TypeKind.ACTIVITY));
      assertTrue(types.stream().allMatch(t -> t.status() == RegistrationStatus.DEPRECATED), types::toString);
      assertEquals(types.size(), registrations.stream().filter(r -> r.join() == Outcome.DONE).count());
    }
  }

  @Test
  void tagsAreReplacedOnlyWhenStillThoseRead() {
    registered("orders", new ResourceTag("a", "1"));
    List<ResourceTag> read = List.of(new ResourceTag("a", "1"));
    List<ResourceTag> first = List.of(new ResourceTag("a", "1"), new ResourceTag("b", "2"));

    assertEquals(Outcome.DONE, await(store.replaceTags(id("orders"), read, first)));
    assertEquals(Outcome.CONFLICT, await(store.replaceTags(id("orders"), read, List.of())));
    assertEquals(first, await(store.domain(id("orders"))).orElseThrow().tags());
    assertEquals(Outcome.MISSING, await(store.replaceTags(id("none"), List.of(), read)));
  }

  @Test
  void aTypeIsRegisteredOncePerKindNameAndVersionWithItsDefaults() {
    registered("orders");
    TypeRecord flow = type(TypeKind.WORKFLOW, "flow", "1");

    assertEquals(Outcome.DONE, await(store.registerType(id("orders"), flow, LIMIT)));
    assertEquals(Outcome.EXISTS, await(store.registerType(id("orders"), type(TypeKind.WORKFLOW, "flow", "1"), LIMIT)));
    assertEquals(Outcome.DONE, await(store.registerType(id("orders"), type(TypeKind.ACTIVITY, "flow", "1"), LIMIT)));
    assertEquals(Outcome.MISSING, await(store.registerType(id("none"), flow, LIMIT)));

    assertEquals(Optional.of(flow), await(store.type(id("orders"), TypeKind.WORKFLOW, new TypeRef("flow", "1"))));
    assertEquals(Optional.empty(), await(store.type(id("orders"), TypeKind.WORKFLOW, new TypeRef("flow", "2"))));
    assertEquals(Optional.empty(), await(store.type(id("none"), TypeKind.WORKFLOW, new TypeRef("flow", "1"))));
  }

  @Test
  void theTypeLimitIsPerKindAndCountsDeprecatedTypes() {
    registered("orders");
    assertEquals(Outcome.DONE, await(store.registerType(id("orders"), type(TypeKind.WORKFLOW, "a", "1"), 1)));
    await(store.setTypeStatus(id("orders"), TypeKind.WORKFLOW, new TypeRef("a", "1"), RegistrationStatus.REGISTERED,
        RegistrationStatus.DEPRECATED, 1));

    assertEquals(Outcome.LIMIT, await(store.registerType(id("orders"), type(TypeKind.WORKFLOW, "b", "1"), 1)));
    assertEquals(Outcome.DONE, await(store.registerType(id("orders"), type(TypeKind.ACTIVITY, "b", "1"), 1)));
  }

  @Test
  void typesAreListedByNameThenVersionWhateverCharactersTheyHold() {
    registered("orders");
    for (String[] t : new String[][] {{"b", "1"}, {"a", "2"}, {"a\"]", "1"}, {"a", "10"}, {"ü", "[\"x\"]"}}) {
      assertEquals(Outcome.DONE, await(store.registerType(id("orders"), type(TypeKind.WORKFLOW, t[0], t[1]), LIMIT)));
    }

    List<TypeRef> listed = await(store.types(id("orders"), TypeKind.WORKFLOW)).stream().map(TypeRecord::type).toList();

    assertEquals(List.of(new TypeRef("a", "10"), new TypeRef("a", "2"), new TypeRef("a\"]", "1"), new TypeRef("b", "1"),
        new TypeRef("ü", "[\"x\"]")), listed);
    assertEquals(List.of(), await(store.types(id("orders"), TypeKind.ACTIVITY)));
    assertEquals(List.of(), await(store.types(id("none"), TypeKind.WORKFLOW)));
  }

  @Test
  void aTypeMovesOnlyFromTheStatusExpectedAndIsDeletedOnlyWhenDeprecated() {
    registered("orders");
    TypeRef flow = new TypeRef("flow", "1");
    await(store.registerType(id("orders"), type(TypeKind.WORKFLOW, "flow", "1"), LIMIT));

    assertEquals(Outcome.CONFLICT, await(store.deleteType(id("orders"), TypeKind.WORKFLOW, flow)));
    assertEquals(Outcome.CONFLICT, await(store.setTypeStatus(id("orders"), TypeKind.WORKFLOW, flow,
        RegistrationStatus.DEPRECATED, RegistrationStatus.REGISTERED, 1)));
    assertEquals(Outcome.DONE, await(store.setTypeStatus(id("orders"), TypeKind.WORKFLOW, flow,
        RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 7_000)));
    assertEquals(7_000L, await(store.type(id("orders"), TypeKind.WORKFLOW, flow)).orElseThrow().deprecated());
    assertEquals(Outcome.DONE, await(store.setTypeStatus(id("orders"), TypeKind.WORKFLOW, flow,
        RegistrationStatus.DEPRECATED, RegistrationStatus.REGISTERED, 8_000)));
    TypeRecord again = await(store.type(id("orders"), TypeKind.WORKFLOW, flow)).orElseThrow();
    assertEquals(RegistrationStatus.REGISTERED, again.status());
    assertEquals(null, again.deprecated());
    await(store.setTypeStatus(id("orders"), TypeKind.WORKFLOW, flow, RegistrationStatus.REGISTERED,
        RegistrationStatus.DEPRECATED, 9_000));

    assertEquals(Outcome.DONE, await(store.deleteType(id("orders"), TypeKind.WORKFLOW, flow)));

    assertEquals(Optional.empty(), await(store.type(id("orders"), TypeKind.WORKFLOW, flow)));
    assertEquals(Outcome.MISSING, await(store.deleteType(id("orders"), TypeKind.WORKFLOW, flow)));
    assertEquals(Outcome.MISSING, await(store.setTypeStatus(id("orders"), TypeKind.WORKFLOW, flow,
        RegistrationStatus.REGISTERED, RegistrationStatus.DEPRECATED, 1)));
    assertTrue(await(store.registerType(id("orders"), type(TypeKind.WORKFLOW, "flow", "1"), LIMIT)) == Outcome.DONE);
  }
}
