package io.sluice.swf.store;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.swf.SwfModule;
import io.sluice.swf.model.DomainRecord;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import io.sluice.swf.model.TypeKind;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the domain store compatibility kit, on its own key prefix of an audited
 * Redis (every key under the prefix, every script on its declared keys in one slot), plus the key
 * layout: a domain and its types under one hash tag, the names index under the account's.
 */
@FullLoop
class RedisDomainStoreTest extends DomainStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("swf");

  @Override
  protected DomainStore freshStore() {
    return REDIS.wiped().open(SwfModule.STORE);
  }

  @Test
  void aNameReservedByANodeThatDiedBeforeRegisteringIsNotListedAndCanBeRegistered() {
    // Given a name in the account's index without its domain (the node died between the two steps)
    String names = REDIS.keyPrefix() + ":swf:{domains:" + REGION + "/" + ACCOUNT + "}:names";
    REDIS.send(Request.cmd(Command.ZADD).arg(names).arg(0).arg("half"));

    // When the domains are listed, and the name registered
    List<DomainRecord> listed = await(store.domains(REGION, ACCOUNT));
    DomainRecord half = registered("half");

    // Then it was not listed, and is registered now
    assertEquals(List.of(), listed);
    assertEquals(List.of(half), await(store.domains(REGION, ACCOUNT)));
  }

  @Test
  void aDomainAndItsTypesShareATagAndTheNamesIndexIsPerAccountAndRegion() {
    registered("layout");
    await(store.registerType(id("layout"), type(TypeKind.WORKFLOW, "flow", "1"), 10));
    await(store.registerType(id("layout"), type(TypeKind.ACTIVITY, "work", "1"), 10));
    String base = REDIS.keyPrefix() + ":swf:";
    String tag = "{domain:" + REGION + "/" + ACCOUNT + "/layout}:";

    Set<String> keys = Set.copyOf(REDIS.keys(REDIS.keyPrefix() + ":*"));

    assertEquals(Set.of(base + tag + "domain", base + tag + "wtypes", base + tag + "wstatus", base + tag + "atypes",
        base + tag + "astatus", base + "{domains:" + REGION + "/" + ACCOUNT + "}:names"), keys);
  }
}
