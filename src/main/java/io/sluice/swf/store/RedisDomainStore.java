package io.sluice.swf.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.model.RegistrationStatus;
import io.sluice.swf.model.ResourceTag;
import io.sluice.swf.model.TypeKind;
import io.sluice.swf.model.TypeRecord;
import io.sluice.swf.model.TypeRef;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link DomainStore} in Redis, standalone or Cluster. A domain and its types live under the tag
 * {@code {domain:<region>/<account>/<name>}} (the domain hash, and per kind a hash of types as
 * registered and a hash of their statuses), so {@code lua/swf/domain.lua} changes a domain and its
 * types in one step. Names are indexed per region and account in a sorted set under
 * {@code {domains:<region>/<account>}}, where {@code lua/swf/names.lua} reserves a name under the
 * account's limit before the domain is registered under its own tag.
 */
public final class RedisDomainStore implements DomainStore {
  private static final RedisScript DOMAIN = RedisScript.load("swf/domain");
  private static final RedisScript NAMES = RedisScript.load("swf/names");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final TypeReference<List<ResourceTag>> TAGS = new TypeReference<>() {};
  private static final String DEPRECATED = RegistrationStatus.DEPRECATED.name();

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this store's keys live (the engine's keys, namespace {@code swf}) */
  public RedisDomainStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<Outcome> registerDomain(DomainRecord domain, int limit) {
    DomainId id = domain.id();
    return NAMES.run(redis, List.of(namesKey(id.region(), id.account())), List.of(id.name(), limit))
        .compose(reserved -> !reserved.toString().equals("DONE") ? Future.succeededFuture(outcome(reserved))
            : step(id, "create", json(domain.withTags(List.of())), json(domain.tags())).map(RedisDomainStore::outcome))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<DomainRecord>> domain(DomainId id) {
    return read(id).toCompletionStage();
  }

  private Future<Optional<DomainRecord>> read(DomainId id) {
    return redis.send(Request.cmd(Command.HMGET).arg(domainKeys(id).get(0)).arg("rec").arg("st").arg("tags"))
        .map(r -> {
          if (r.get(0) == null || r.get(1) == null) {
            return Optional.empty();
          }
          DomainRecord domain = parse(r.get(0).toString(), DomainRecord.class);
          return Optional.of(domain.withStatus(RegistrationStatus.valueOf(r.get(1).toString()))
              .withTags(parse(r.get(2).toString(), TAGS)));
        });
  }

  @Override
  public CompletionStage<List<DomainRecord>> domains(String region, String account) {
    return redis.send(Request.cmd(Command.ZRANGEBYLEX).arg(namesKey(region, account)).arg("-").arg("+"))
        .compose(names -> {
          List<Future<Optional<DomainRecord>>> reads = new ArrayList<>();
          for (Response name : names) {
            reads.add(read(new DomainId(region, account, name.toString())));
          }
          return Future.all(reads).map(done -> reads.stream().map(Future::result).flatMap(Optional::stream).toList());
        }).toCompletionStage();
  }

  @Override
  public CompletionStage<Outcome> setDomainStatus(DomainId id, RegistrationStatus from, RegistrationStatus to,
                                                  long now) {
    return step(id, "status", from.name(), to.name(), now).map(RedisDomainStore::outcome).toCompletionStage();
  }

  @Override
  public CompletionStage<Outcome> replaceTags(DomainId id, List<ResourceTag> expected, List<ResourceTag> updated) {
    return step(id, "tags", json(expected), json(updated)).map(RedisDomainStore::outcome).toCompletionStage();
  }

  @Override
  public CompletionStage<Outcome> registerType(DomainId id, TypeRecord type, int limit) {
    return step(id, "register", kindIndex(type.kind()), field(type.type()), json(type), limit)
        .map(RedisDomainStore::outcome).toCompletionStage();
  }

  @Override
  public CompletionStage<Optional<TypeRecord>> type(DomainId id, TypeKind kind, TypeRef type) {
    return step(id, "type", kindIndex(kind), field(type))
        .map(r -> r == null ? Optional.<TypeRecord>empty()
            : Optional.of(typeRecord(r.get(0).toString(), r.get(1).toString())))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<List<TypeRecord>> types(DomainId id, TypeKind kind) {
    return step(id, "types", kindIndex(kind)).map(r -> {
      List<TypeRecord> types = new ArrayList<>();
      for (int i = 0; i + 1 < r.size(); i += 2) {
        types.add(typeRecord(r.get(i).toString(), r.get(i + 1).toString()));
      }
      types.sort((a, b) -> TypeRef.ORDER.compare(a.type(), b.type()));
      return List.copyOf(types);
    }).toCompletionStage();
  }

  @Override
  public CompletionStage<Outcome> setTypeStatus(DomainId id, TypeKind kind, TypeRef type, RegistrationStatus from,
                                                RegistrationStatus to, long now) {
    return step(id, "typestatus", kindIndex(kind), field(type), from.name(), to.name(), now)
        .map(RedisDomainStore::outcome).toCompletionStage();
  }

  @Override
  public CompletionStage<Outcome> deleteType(DomainId id, TypeKind kind, TypeRef type) {
    return step(id, "delete", kindIndex(kind), field(type)).map(RedisDomainStore::outcome).toCompletionStage();
  }

  /** A type as registered, with its stored status ({@code REGISTERED} or {@code DEPRECATED <millis>}). */
  private static TypeRecord typeRecord(String json, String status) {
    TypeRecord type = parse(json, TypeRecord.class);
    if (status.startsWith(DEPRECATED)) {
      return type.withStatus(RegistrationStatus.DEPRECATED, Long.parseLong(status.substring(DEPRECATED.length() + 1)));
    }
    return type.withStatus(RegistrationStatus.REGISTERED, 0);
  }

  private Future<Response> step(DomainId id, String step, Object... args) {
    List<Object> all = new ArrayList<>(args.length + 1);
    all.add(step);
    all.addAll(Arrays.asList(args));
    return DOMAIN.run(redis, domainKeys(id), all);
  }

  private static Outcome outcome(Response r) {
    return Outcome.valueOf(r.toString());
  }

  /** The script's index of the kind's types hash (its statuses are the next key). */
  private static int kindIndex(TypeKind kind) {
    return kind == TypeKind.WORKFLOW ? 2 : 4;
  }

  /** A type's field in its kind's hashes: its name and version as a JSON array, unambiguous for any text. */
  private static String field(TypeRef type) {
    return json(List.of(type.name(), type.version()));
  }

  private List<String> domainKeys(DomainId id) {
    return keys.tagged("domain:" + id.region() + "/" + id.account() + "/" + id.name(),
        List.of("domain", "wtypes", "wstatus", "atypes", "astatus"));
  }

  private String namesKey(String region, String account) {
    return keys.tagged("domains:" + region + "/" + account, "names");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T parse(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored SWF record", e);
    }
  }

  private static <T> T parse(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored SWF record", e);
    }
  }
}
