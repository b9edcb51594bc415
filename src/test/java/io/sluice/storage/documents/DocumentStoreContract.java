package io.sluice.storage.documents;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.JsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link DocumentStore}: every engine extends this class and must pass
 * every test. The tests pin what the interface's Javadoc states (and {@link Update},
 * {@link Condition}, {@link Outcome}); where it is silent they follow the in-memory engine. The
 * store takes no time; conditions on times get them from the caller.
 *
 * <p>Subclasses give a store holding no documents before each test.
 */
public abstract class DocumentStoreContract {
  /** A document of the kit: scalars, a map, a list, a timestamp. */
  protected record Device(String name, long seenMillis, boolean enabled, Map<String, String> attributes,
                          List<String> tags, Instant registered) {

    Device(String name, long seenMillis) {
      this(name, seenMillis, true, Map.of(), List.of(), null);
    }

    Device withAttributes(Map<String, String> newAttributes) {
      return new Device(name, seenMillis, enabled, newAttributes, tags, registered);
    }
  }

  protected static final DocumentKind<Device> DEVICES = DocumentKind.of("kit-device", Device.class);
  protected static final DocumentKind<Device> OTHER_DEVICES = DocumentKind.of("kit-other-device", Device.class);
  protected static final DocumentKind<TreeMap<String, String>> SETTINGS =
      DocumentKind.of("kit-settings", new TypeReference<TreeMap<String, String>>() {});
  protected static final DocumentKind<ObjectNode> TREES = DocumentKind.of("kit-tree", ObjectNode.class);
  protected static final Scope HERE = Scope.of("us-east-1", "000000000000");
  protected static final Scope OTHER_ACCOUNT = Scope.of("us-east-1", "111111111111");
  protected static final Scope OTHER_REGION = Scope.of("eu-west-1", "000000000000");

  protected DocumentStore store;

  /** A store holding no documents; called before each test. */
  protected abstract DocumentStore freshStore();

  @BeforeEach
  void giveStore() {
    store = freshStore();
  }

  // ---- put, find, delete ----------------------------------------------------------------------

  @Test
  void putStoresADocumentAndFindReturnsIt() {
    // Given no document / When one is put
    Device device = new Device("phone", 5, true, Map.of("Token", "t1"), List.of("a", "b"), Instant.ofEpochSecond(7));
    Device answered = await(store.put(DEVICES, HERE, "d1", device));

    // Then it is answered and found, and another id is not
    assertEquals(device, answered);
    assertEquals(device, await(store.find(DEVICES, HERE, "d1")).orElseThrow());
    assertTrue(await(store.find(DEVICES, HERE, "d2")).isEmpty());
  }

  @Test
  void putIfAbsentKeepsTheExistingDocumentWhilePutReplacesIt() {
    // Given a document
    await(store.put(DEVICES, HERE, "d1", new Device("v1", 1)));

    // When it is put only if absent, then plainly
    Device kept = await(store.putIfAbsent(DEVICES, HERE, "d1", new Device("v2", 2)));
    Device storedAfterKeep = await(store.find(DEVICES, HERE, "d1")).orElseThrow();
    Device replaced = await(store.put(DEVICES, HERE, "d1", new Device("v3", 3)));

    // Then the first answers and keeps the existing one, the second replaces it, and an absent one is created
    assertEquals(new Device("v1", 1), kept);
    assertEquals(new Device("v1", 1), storedAfterKeep);
    assertEquals(new Device("v3", 3), replaced);
    assertEquals(new Device("v3", 3), await(store.find(DEVICES, HERE, "d1")).orElseThrow());
    assertEquals(new Device("v4", 4), await(store.putIfAbsent(DEVICES, HERE, "d2", new Device("v4", 4))));
  }

  @Test
  void deleteAnswersWhetherTheDocumentExisted() {
    // Given a document
    await(store.put(DEVICES, HERE, "d1", new Device("phone", 1)));

    // When it is deleted twice / Then only the first finds it, and it is gone from finds and listings
    assertTrue(await(store.delete(DEVICES, HERE, "d1")));
    assertFalse(await(store.delete(DEVICES, HERE, "d1")));
    assertTrue(await(store.find(DEVICES, HERE, "d1")).isEmpty());
    assertEquals(List.of(), await(store.ids(DEVICES, HERE, "")));
    assertEquals(List.of(), await(store.list(DEVICES, HERE, "")));
  }

  @Test
  void findAllAnswersTheDocumentsInTheOrderAskedLeavingOutMissingOnes() {
    // Given three documents
    for (String id : List.of("a", "b", "c")) {
      await(store.put(DEVICES, HERE, id, new Device(id, 0)));
    }

    // When they are asked for out of order, with a missing id / Then they come back in that order
    assertEquals(List.of("c", "a"), await(store.findAll(DEVICES, HERE, List.of("c", "x", "a"))).stream()
        .map(Device::name).toList());
    assertEquals(List.of(), await(store.findAll(DEVICES, HERE, List.of())));
  }

  // ---- listings -------------------------------------------------------------------------------

  @Test
  void idsAndListFilterByPrefixAndSortById() {
    // Given documents put out of order
    for (String id : List.of("app/b/2", "app/a/1", "app/b/1", "apple", "other")) {
      await(store.put(DEVICES, HERE, id, new Device(id, 0)));
    }

    // When they are listed by prefixes / Then the matching ids come back sorted
    assertEquals(List.of("app/a/1", "app/b/1", "app/b/2", "apple", "other"), await(store.ids(DEVICES, HERE, "")));
    assertEquals(List.of("app/b/1", "app/b/2"), await(store.ids(DEVICES, HERE, "app/b/")));
    assertEquals(List.of("app/a/1", "app/b/1", "app/b/2", "apple"), await(store.ids(DEVICES, HERE, "app")));
    assertEquals(List.of(), await(store.ids(DEVICES, HERE, "zzz")));
    List<Document<Device>> listed = await(store.list(DEVICES, HERE, "app/b/"));
    assertEquals(List.of("app/b/1", "app/b/2"), listed.stream().map(Document::id).toList());
    assertEquals(List.of("app/b/1", "app/b/2"), listed.stream().map(d -> d.value().name()).toList());
  }

  @Test
  void idsSortByCodePointsAsTheirUtf8BytesDo() {
    // Given ids that UTF-16 order and code point order sort differently (U+FFFD against U+1F600)
    String replacement = "k\uFFFD";
    String emoji = "k\uD83D\uDE00";
    String ascii = "k~";
    for (String id : List.of(emoji, replacement, ascii)) {
      await(store.put(DEVICES, HERE, id, new Device(id, 0)));
    }

    // When they are listed / Then they come in code point order, and a non-ASCII prefix matches
    assertEquals(List.of(ascii, replacement, emoji), await(store.ids(DEVICES, HERE, "k")));
    assertEquals(List.of(emoji), await(store.ids(DEVICES, HERE, emoji)));
  }

  @Test
  void aListingOfManyDocumentsHasThemAll() {
    // Given more documents than a script handles in one chunk
    List<String> ids = IntStream.range(0, 600).mapToObj(i -> String.format("d%04d", i)).toList();
    await(CompletableFuture.allOf(ids.stream()
        .map(id -> store.put(DEVICES, HERE, id, new Device(id, 0)).toCompletableFuture())
        .toArray(CompletableFuture[]::new)));

    // When they are listed / Then every one comes back, in order
    assertEquals(ids, await(store.list(DEVICES, HERE, "d")).stream().map(Document::id).toList());
  }

  // ---- kinds and scopes -----------------------------------------------------------------------

  @Test
  void kindsAreIndependent() {
    // Given the same id under two kinds
    await(store.put(DEVICES, HERE, "x", new Device("device", 0)));
    await(store.put(OTHER_DEVICES, HERE, "x", new Device("other", 0)));

    // When one is deleted
    await(store.delete(DEVICES, HERE, "x"));

    // Then the other kind keeps its document, and listings keep to one kind
    assertTrue(await(store.find(DEVICES, HERE, "x")).isEmpty());
    assertEquals("other", await(store.find(OTHER_DEVICES, HERE, "x")).orElseThrow().name());
    assertEquals(List.of(), await(store.ids(DEVICES, HERE, "")));
    assertEquals(List.of("x"), await(store.ids(OTHER_DEVICES, HERE, "")));
    assertEquals(List.of(), await(store.ids(SETTINGS, HERE, "")));
  }

  @Test
  void scopesAreIndependent() {
    // Given the same kind and id in four scopes
    for (Scope scope : List.of(HERE, OTHER_ACCOUNT, OTHER_REGION, Scope.GLOBAL)) {
      await(store.put(DEVICES, scope, "x", new Device(scope.region() + "/" + scope.account(), 0)));
    }

    // When one scope's documents are updated and deleted
    await(store.update(DEVICES, HERE, "x", Update.of().set("seenMillis", 9)));
    await(store.deleteAll(DEVICES, OTHER_ACCOUNT, ""));

    // Then every other scope keeps its own document
    assertEquals(9, await(store.find(DEVICES, HERE, "x")).orElseThrow().seenMillis());
    assertTrue(await(store.find(DEVICES, OTHER_ACCOUNT, "x")).isEmpty());
    assertEquals(new Device("eu-west-1/000000000000", 0), await(store.find(DEVICES, OTHER_REGION, "x")).orElseThrow());
    assertEquals(new Device("global/global", 0), await(store.find(DEVICES, Scope.GLOBAL, "x")).orElseThrow());
    assertEquals(List.of("x"), await(store.ids(DEVICES, Scope.GLOBAL, "")));
  }

  // ---- values ---------------------------------------------------------------------------------

  @Test
  void valuesRoundTripExactlyAndAreKeptExactlyByUpdatesOfOtherFields() {
    // Given a document with values a script could easily mangle: a long beyond double precision, an
    // empty list and map, slashes, quotes, NUL and non-ASCII text, a number-like map key
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("1", "one");
    attributes.put("path", "a/b\\c \"q\" \u0000 é \uD83D\uDE00");
    Device device = new Device("n/\"", Long.MAX_VALUE - 1, false, attributes, List.of(), Instant.ofEpochMilli(1_234));
    Device empty = new Device("empty", Long.MIN_VALUE, true, Map.of(), List.of(), null);
    await(store.put(DEVICES, HERE, "d", device));
    await(store.put(DEVICES, HERE, "e", empty));

    // When other fields are updated
    Device updated = await(store.update(DEVICES, HERE, "d", Update.of().setEntry("attributes", "new", "v")))
        .document();
    Device emptyUpdated = await(store.update(DEVICES, HERE, "e", Update.of().set("name", "still empty"))).document();

    // Then everything else is exactly as put
    Map<String, String> expected = new LinkedHashMap<>(attributes);
    expected.put("new", "v");
    assertEquals(device.withAttributes(expected), updated);
    assertEquals(device.withAttributes(expected), await(store.find(DEVICES, HERE, "d")).orElseThrow());
    assertEquals(new Device("still empty", Long.MIN_VALUE, true, Map.of(), List.of(), null), emptyUpdated);
    assertEquals(emptyUpdated, await(store.find(DEVICES, HERE, "e")).orElseThrow());
  }

  @Test
  void documentsOfAGenericTypeAndJsonTreesAreStored() {
    // Given a sorted map kind and a JSON tree kind
    TreeMap<String, String> settings = new TreeMap<>(Map.of("b", "2", "a", "1"));
    ObjectNode tree = JsonCodec.json().createObjectNode().put("protocol", "sms").put("n", 3);
    tree.putObject("details").put("k", "v");
    tree.putArray("list").add(1).add("two");

    // When they are put and read back / Then they are equal
    await(store.put(SETTINGS, HERE, "s", settings));
    await(store.put(TREES, Scope.GLOBAL, "t", tree));
    assertEquals(settings, await(store.find(SETTINGS, HERE, "s")).orElseThrow());
    assertEquals(tree, await(store.find(TREES, Scope.GLOBAL, "t")).orElseThrow());
  }

  @Test
  void aDocumentMustBeAJsonObjectAndHaveAnId() {
    // Given values that are no JSON object, and an empty id / When they are put / Then they are refused
    DocumentKind<String> strings = DocumentKind.of("kit-string", String.class);
    assertThrows(IllegalArgumentException.class, () -> await(store.put(strings, HERE, "s", "text")));
    assertThrows(IllegalArgumentException.class, () -> await(store.put(DEVICES, HERE, "d", null)));
    assertThrows(IllegalArgumentException.class, () -> await(store.put(DEVICES, HERE, "", new Device("d", 0))));
    assertEquals(List.of(), await(store.ids(strings, HERE, "")));
  }

  // ---- updates --------------------------------------------------------------------------------

  @Test
  void anUpdateSetsAndRemovesTopLevelFields() {
    // Given a document
    await(store.put(DEVICES, HERE, "d", new Device("old", 1, true, Map.of("a", "1"), List.of("t"), Instant.EPOCH)));

    // When fields are set (a number, a boolean, a list, a map as a whole) and removed
    Outcome<Device> outcome = await(store.update(DEVICES, HERE, "d", Update.of()
        .set("seenMillis", 2L)
        .set("enabled", false)
        .set("tags", List.of("x", "y"))
        .set("attributes", Map.of("b", "2"))
        .remove("registered")
        .set("name", null)));

    // Then the update is applied and answered
    Device expected = new Device(null, 2, false, Map.of("b", "2"), List.of("x", "y"), null);
    assertEquals(Outcome.Status.APPLIED, outcome.status());
    assertEquals(expected, outcome.document());
    assertEquals(expected, await(store.find(DEVICES, HERE, "d")).orElseThrow());
  }

  @Test
  void anUpdateSetsAndRemovesMapEntries() {
    // Given a document with an attribute map, and one without
    await(store.put(DEVICES, HERE, "d", new Device("d", 0).withAttributes(Map.of("Enabled", "true", "Token", "t"))));
    await(store.put(DEVICES, HERE, "bare", new Device("bare", 0, true, null, null, null)));

    // When entries are set and removed, the last entry of the map among them
    Device changed = await(store.update(DEVICES, HERE, "d", Update.of()
        .setEntry("attributes", "Enabled", "false")
        .setEntry("attributes", "Custom", "data")
        .removeEntry("attributes", "Token")
        .removeEntry("attributes", "Missing"))).document();
    Device emptied = await(store.update(DEVICES, HERE, "d", Update.of()
        .removeEntry("attributes", "Enabled").removeEntry("attributes", "Custom"))).document();
    Device created = await(store.update(DEVICES, HERE, "bare", Update.of()
        .setEntry("attributes", "New", "1").removeEntry("tags", "nothing"))).document();

    // Then the map has exactly those entries; an emptied map stays, an absent one is made
    assertEquals(Map.of("Enabled", "false", "Custom", "data"), changed.attributes());
    assertEquals(Map.of(), emptied.attributes());
    assertEquals(Map.of(), await(store.find(DEVICES, HERE, "d")).orElseThrow().attributes());
    assertEquals(Map.of("New", "1"), created.attributes());
    assertNull(created.tags());
  }

  @Test
  void anUpdateOfAMissingDocumentCreatesNothing() {
    // Given no document / When it is updated / Then the outcome is MISSING and nothing is stored
    Outcome<Device> outcome = await(store.update(DEVICES, HERE, "d", Update.of().set("name", "x")));
    assertTrue(outcome.missing());
    assertTrue(outcome.found().isEmpty());
    assertTrue(await(store.find(DEVICES, HERE, "d")).isEmpty());
    assertEquals(List.of(), await(store.ids(DEVICES, HERE, "")));
  }

  @Test
  void anUpdateIsAppliedOnlyWhenItsConditionsHoldAndARefusalAnswersTheStoredDocument() {
    // Given a device seen at 100
    Device stored = new Device("d", 100, true, Map.of(), List.of(), null);
    await(store.put(DEVICES, HERE, "d", stored));

    // When updates are made under conditions that fail, then under ones that hold
    Outcome<Device> wrongName = await(store.update(DEVICES, HERE, "d",
        Update.of().set("seenMillis", 1).when(Condition.equalTo("name", "other"))));
    Outcome<Device> tooRecent = await(store.update(DEVICES, HERE, "d",
        Update.of().set("seenMillis", 2).when(Condition.equalTo("name", "d"))
            .when(Condition.atMost("seenMillis", 99))));
    Outcome<Device> absentField = await(store.update(DEVICES, HERE, "d",
        Update.of().set("seenMillis", 3).when(Condition.atMost("registered", Long.MAX_VALUE))));
    Outcome<Device> notANumber = await(store.update(DEVICES, HERE, "d",
        Update.of().set("seenMillis", 4).when(Condition.atMost("name", Long.MAX_VALUE))));
    Outcome<Device> held = await(store.update(DEVICES, HERE, "d", Update.of().set("seenMillis", 5)
        .when(Condition.equalTo("name", "d")).when(Condition.equalTo("enabled", true))
        .when(Condition.atMost("seenMillis", 100))));

    // Then the failed ones are REFUSED with the stored document unchanged, the last is applied
    for (Outcome<Device> refused : List.of(wrongName, tooRecent, absentField, notANumber)) {
      assertEquals(Outcome.Status.REFUSED, refused.status());
      assertEquals(stored, refused.document());
    }
    assertTrue(held.applied());
    assertEquals(5, held.document().seenMillis());
    assertEquals(5, await(store.find(DEVICES, HERE, "d")).orElseThrow().seenMillis());
  }

  @Test
  void conditionsAreTestedBeforeAnyChangeOfTheSameUpdate() {
    // Given a document named "a"
    await(store.put(DEVICES, HERE, "d", new Device("a", 0)));

    // When an update renames it and, added after the rename, requires the old name
    Outcome<Device> outcome = await(store.update(DEVICES, HERE, "d",
        Update.of().set("name", "b").when(Condition.equalTo("name", "a"))));

    // Then the condition was judged on the stored document
    assertEquals("b", outcome.document().name());
  }

  @Test
  void aConditionComparesJsonAsTheMapperWritesIt() {
    // Given a document with a number and a map
    await(store.put(DEVICES, HERE, "d", new Device("d", 5).withAttributes(Map.of("k", "v"))));

    // When conditions compare an int with the long, a string with the number, and another number
    boolean intEqualsLong = await(store.update(DEVICES, HERE, "d",
        Update.of().when(Condition.equalTo("seenMillis", 5)))).applied();
    boolean textEqualsNumber = await(store.update(DEVICES, HERE, "d",
        Update.of().when(Condition.equalTo("seenMillis", "5")))).applied();
    boolean otherNumberEquals = await(store.update(DEVICES, HERE, "d",
        Update.of().when(Condition.equalTo("seenMillis", 5.5)))).applied();

    // Then only the same JSON text is equal; a map cannot be compared
    assertTrue(intEqualsLong);
    assertFalse(textEqualsNumber);
    assertFalse(otherNumberEquals);
    assertThrows(IllegalArgumentException.class, () -> Condition.equalTo("attributes", Map.of("k", "v")));
    assertThrows(IllegalArgumentException.class, () -> Condition.equalTo("name", null));
  }

  @Test
  void concurrentUpdatesOfDifferentFieldsAndEntriesAllLand() {
    // Given a document
    await(store.put(DEVICES, HERE, "d", new Device("d", 0)));

    // When 50 updates, each of its own map entry, and one of a field run at once
    List<CompletableFuture<Outcome<Device>>> updates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      updates.add(store.update(DEVICES, HERE, "d", Update.of().setEntry("attributes", "k" + i, "v" + i))
          .toCompletableFuture());
    }
    updates.add(store.update(DEVICES, HERE, "d", Update.of().set("seenMillis", 7)).toCompletableFuture());
    await(CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)));

    // Then every one is applied and none undid another
    assertTrue(updates.stream().allMatch(u -> u.join().applied()));
    Device result = await(store.find(DEVICES, HERE, "d")).orElseThrow();
    assertEquals(50, result.attributes().size());
    assertEquals("v42", result.attributes().get("k42"));
    assertEquals(7, result.seenMillis());
  }

  @Test
  void concurrentConditionalUpdatesLetExactlyOneWin() {
    // Given a pending document
    await(store.put(DEVICES, HERE, "d", new Device("pending", 0)));

    // When 20 updates each try to claim it under the condition that it is still pending
    List<CompletableFuture<Outcome<Device>>> claims = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      claims.add(store.update(DEVICES, HERE, "d", Update.of().set("name", "claimed-" + i)
          .when(Condition.equalTo("name", "pending"))).toCompletableFuture());
    }
    await(CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new)));

    // Then exactly one is applied, and every other was refused with the winner's document
    List<Outcome<Device>> outcomes = claims.stream().map(CompletableFuture::join).toList();
    List<Outcome<Device>> won = outcomes.stream().filter(Outcome::applied).toList();
    assertEquals(1, won.size());
    String winner = won.get(0).document().name();
    assertTrue(outcomes.stream().filter(Outcome::refused).allMatch(o -> o.document().name().equals(winner)));
    assertEquals(winner, await(store.find(DEVICES, HERE, "d")).orElseThrow().name());
  }

  // ---- upserts --------------------------------------------------------------------------------

  @Test
  void anUpsertCreatesAMissingDocumentAndAppliesTheUpdateToIt() {
    // Given no settings / When two upserts merge changes into them
    Outcome<TreeMap<String, String>> first = await(store.upsert(SETTINGS, HERE, "s", new TreeMap<>(),
        Update.of().set("a", "1").set("b", "2")));
    Outcome<TreeMap<String, String>> second = await(store.upsert(SETTINGS, HERE, "s", new TreeMap<>(),
        Update.of().set("c", "3").remove("a")));

    // Then the first created the document, the second changed it
    assertTrue(first.applied());
    assertEquals(Map.of("a", "1", "b", "2"), first.document());
    assertEquals(Map.of("b", "2", "c", "3"), second.document());
    assertEquals(Map.of("b", "2", "c", "3"), await(store.find(SETTINGS, HERE, "s")).orElseThrow());
    assertEquals(List.of("s"), await(store.ids(SETTINGS, HERE, "")));
  }

  @Test
  void anUpsertJudgesItsConditionsOnTheCreatedDocument() {
    // Given no document / When upserts are made under a condition the initial document fails, then holds
    Outcome<Device> refused = await(store.upsert(DEVICES, HERE, "d", new Device("initial", 0),
        Update.of().set("seenMillis", 1).when(Condition.equalTo("name", "other"))));
    Outcome<Device> applied = await(store.upsert(DEVICES, HERE, "d", new Device("ignored", 0),
        Update.of().set("seenMillis", 2).when(Condition.equalTo("name", "initial"))));

    // Then the first created the initial document without changing it; the second updated it
    assertEquals(Outcome.Status.REFUSED, refused.status());
    assertEquals(new Device("initial", 0), refused.document());
    assertTrue(applied.applied());
    assertEquals(new Device("initial", 2), applied.document());
  }

  @Test
  void anUpsertWithALimitCreatesOnlyWhileTheScopeHoldsFewerDocuments() {
    // Given two devices in one scope
    await(store.put(DEVICES, HERE, "a", new Device("a", 0)));
    await(store.put(DEVICES, HERE, "b", new Device("b", 0)));

    // When upserts allow two documents: of a new one, of an existing one; then three; and elsewhere
    Outcome<Device> third = await(store.upsert(DEVICES, HERE, "c", new Device("c", 0), Update.of(), 2));
    Outcome<Device> existing = await(store.upsert(DEVICES, HERE, "a", new Device("x", 0),
        Update.of().set("seenMillis", 1), 2));
    Outcome<Device> thirdAllowed = await(store.upsert(DEVICES, HERE, "c", new Device("c", 0), Update.of(), 3));
    Outcome<Device> otherScope = await(store.upsert(DEVICES, OTHER_ACCOUNT, "c", new Device("c", 0), Update.of(), 2));

    // Then the new one is FULL and not stored, the existing one is updated, and the higher limit and
    // another scope let it be created
    assertEquals(Outcome.Status.FULL, third.status());
    assertTrue(third.found().isEmpty());
    assertEquals(new Device("a", 1), existing.document());
    assertTrue(thirdAllowed.applied());
    assertTrue(otherScope.applied());
    assertEquals(List.of("a", "b", "c"), await(store.ids(DEVICES, HERE, "")));
  }

  @Test
  void concurrentUpsertsNeverCreateMoreDocumentsThanTheLimit() {
    // Given an empty scope / When 20 different documents are upserted at once, at most 5 allowed
    List<CompletableFuture<Outcome<Device>>> upserts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      upserts.add(store.upsert(DEVICES, HERE, "d" + i, new Device("d" + i, 0), Update.of(), 5).toCompletableFuture());
    }
    await(CompletableFuture.allOf(upserts.toArray(CompletableFuture[]::new)));

    // Then exactly 5 were created and every other one was FULL
    assertEquals(5, upserts.stream().filter(u -> u.join().applied()).count());
    assertEquals(15, upserts.stream().filter(u -> u.join().full()).count());
    assertEquals(5, await(store.ids(DEVICES, HERE, "")).size());
  }

  // ---- conditional and prefix deletes ---------------------------------------------------------

  @Test
  void deleteIfDeletesOnlyWhenItsConditionsHold() {
    // Given a device seen at 100
    await(store.put(DEVICES, HERE, "d", new Device("d", 100)));

    // When it is deleted under a condition that fails, then one that holds, then again
    Outcome<Device> refused = await(store.deleteIf(DEVICES, HERE, "d", List.of(Condition.atMost("seenMillis", 99))));
    boolean keptAfterRefusal = await(store.find(DEVICES, HERE, "d")).isPresent();
    Outcome<Device> deleted = await(store.deleteIf(DEVICES, HERE, "d", List.of(Condition.atMost("seenMillis", 100))));
    Outcome<Device> missing = await(store.deleteIf(DEVICES, HERE, "d", List.of()));

    // Then the refusal kept it, the delete answered what was deleted, and then there was none
    assertEquals(Outcome.Status.REFUSED, refused.status());
    assertEquals(new Device("d", 100), refused.document());
    assertTrue(keptAfterRefusal);
    assertEquals(Outcome.Status.APPLIED, deleted.status());
    assertEquals(new Device("d", 100), deleted.document());
    assertTrue(missing.missing());
    assertEquals(List.of(), await(store.ids(DEVICES, HERE, "")));
  }

  @Test
  void deleteAllDeletesTheDocumentsWithAPrefixAndAnswersHowMany() {
    // Given 300 documents under one prefix and two others
    List<String> ids = new ArrayList<>(IntStream.range(0, 300).mapToObj(i -> "app/x/" + i).toList());
    ids.add("app/xy");
    ids.add("other");
    for (String id : ids) {
      await(store.put(DEVICES, HERE, id, new Device(id, 0)));
    }

    // When those under the prefix are deleted, then everything
    int underPrefix = await(store.deleteAll(DEVICES, HERE, "app/x/"));
    List<String> left = await(store.ids(DEVICES, HERE, ""));
    int rest = await(store.deleteAll(DEVICES, HERE, ""));

    // Then exactly those went first, and the rest after
    assertEquals(300, underPrefix);
    assertEquals(List.of("app/xy", "other"), left);
    assertEquals(2, rest);
    assertEquals(Optional.empty(), await(store.find(DEVICES, HERE, "other")));
  }
}
