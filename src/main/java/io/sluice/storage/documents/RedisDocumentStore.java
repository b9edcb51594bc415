package io.sluice.storage.documents;

import io.sluice.storage.redis.RedisKeys;
import io.sluice.storage.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link DocumentStore} in Redis, standalone or Cluster. The documents of one kind in one scope are
 * two keys under one hash tag, {@code <keyPrefix>:documents:{<kind>/<region>/<account>}:docs} (a
 * hash: id to the document's stored form, see {@link DocumentCodec}) and {@code …:ids} (a sorted
 * set of the ids, all scored 0, for listings in id order). Every change is one script of
 * {@code lua/documents/} over those two keys; reads are one command.
 */
public final class RedisDocumentStore implements DocumentStore {
  /** The namespace of the store's keys under the engine's prefix. */
  public static final String NAMESPACE = "documents";
  private static final RedisScript PUT = RedisScript.load("documents/put");
  private static final RedisScript UPDATE = RedisScript.load("documents/update");
  private static final RedisScript DELETE = RedisScript.load("documents/delete");
  private static final RedisScript LIST = RedisScript.load("documents/list");
  private static final RedisScript DELETE_ALL = RedisScript.load("documents/delete_all");
  private static final List<String> SUFFIXES = List.of("docs", "ids");

  private final Redis redis;
  private final RedisKeys keys;

  /** @param keys where this store's keys live (the engine's keys, namespace {@value #NAMESPACE}) */
  public RedisDocumentStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public <T> CompletionStage<T> put(DocumentKind<T> kind, Scope scope, String id, T document) {
    return put(kind, scope, id, document, false);
  }

  @Override
  public <T> CompletionStage<T> putIfAbsent(DocumentKind<T> kind, Scope scope, String id, T document) {
    return put(kind, scope, id, document, true);
  }

  private <T> CompletionStage<T> put(DocumentKind<T> kind, Scope scope, String id, T document, boolean onlyIfAbsent) {
    return step(() -> PUT.run(redis, keys(kind, scope),
            List.of(DocumentCodec.requireId(id), DocumentCodec.stored(document).toString(),
                onlyIfAbsent ? "1" : "0"))
        .map(r -> DocumentCodec.read(r.toString(), kind.type())));
  }

  @Override
  public <T> CompletionStage<Optional<T>> find(DocumentKind<T> kind, Scope scope, String id) {
    return step(() -> redis.send(Request.cmd(Command.HGET).arg(keys(kind, scope).get(0)).arg(id))
        .map(r -> Optional.ofNullable(r).map(json -> DocumentCodec.<T>read(json.toString(), kind.type()))));
  }

  @Override
  public <T> CompletionStage<List<T>> findAll(DocumentKind<T> kind, Scope scope, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.<T>of()).toCompletionStage();
    }
    return step(() -> {
      Request get = Request.cmd(Command.HMGET).arg(keys(kind, scope).get(0));
      ids.forEach(get::arg);
      return redis.send(get).map(r -> {
        List<T> out = new ArrayList<>(ids.size());
        r.forEach(json -> {
          if (json != null) {
            out.add(DocumentCodec.read(json.toString(), kind.type()));
          }
        });
        return out;
      });
    });
  }

  @Override
  public CompletionStage<List<String>> ids(DocumentKind<?> kind, Scope scope, String idPrefix) {
    return step(() -> {
      Request range = Request.cmd(Command.ZRANGEBYLEX).arg(keys(kind, scope).get(1));
      range(idPrefix).forEach(range::arg);
      return redis.send(range).map(r -> r.stream().map(Response::toString).toList());
    });
  }

  @Override
  public <T> CompletionStage<List<Document<T>>> list(DocumentKind<T> kind, Scope scope, String idPrefix) {
    return step(() -> LIST.run(redis, keys(kind, scope), new ArrayList<Object>(range(idPrefix))).map(r -> {
      List<Document<T>> out = new ArrayList<>(r.size() / 2);
      for (int i = 0; i + 1 < r.size(); i += 2) {
        out.add(new Document<>(r.get(i).toString(), DocumentCodec.read(r.get(i + 1).toString(), kind.type())));
      }
      return out;
    }));
  }

  @Override
  public <T> CompletionStage<Outcome<T>> update(DocumentKind<T> kind, Scope scope, String id, Update update) {
    return step(() -> change(kind, scope, id, "", 0, update));
  }

  @Override
  public <T> CompletionStage<Outcome<T>> upsert(DocumentKind<T> kind, Scope scope, String id, T initial, Update update,
                                                int maxDocuments) {
    return step(() -> change(kind, scope, id, DocumentCodec.stored(initial).toString(), maxDocuments, update));
  }

  private <T> Future<Outcome<T>> change(DocumentKind<T> kind, Scope scope, String id, String initial,
                                        int maxDocuments, Update update) {
    List<Step> steps = update.steps();
    List<Object> args = new ArrayList<>(4 + 4 * steps.size());
    args.add(DocumentCodec.requireId(id));
    args.add(initial);
    args.add(maxDocuments);
    args.add(steps.size());
    addSteps(args, steps);
    return UPDATE.run(redis, keys(kind, scope), args).map(r -> outcome(r, kind));
  }

  @Override
  public CompletionStage<Boolean> delete(DocumentKind<?> kind, Scope scope, String id) {
    return step(() -> DELETE.run(redis, keys(kind, scope), List.of(DocumentCodec.requireId(id), 0))
        .map(r -> "applied".equals(r.get(0).toString())));
  }

  @Override
  public <T> CompletionStage<Outcome<T>> deleteIf(DocumentKind<T> kind, Scope scope, String id,
                                                  List<Condition> conditions) {
    return step(() -> {
      List<Object> args = new ArrayList<>(2 + 4 * conditions.size());
      args.add(DocumentCodec.requireId(id));
      args.add(conditions.size());
      addSteps(args, conditions.stream().map(Condition::step).toList());
      return DELETE.run(redis, keys(kind, scope), args).map(r -> outcome(r, kind));
    });
  }

  @Override
  public CompletionStage<Integer> deleteAll(DocumentKind<?> kind, Scope scope, String idPrefix) {
    return step(() -> DELETE_ALL.run(redis, keys(kind, scope), new ArrayList<Object>(range(idPrefix)))
        .map(Response::toInteger));
  }

  /** Runs a step; what building its request throws fails the stage. */
  private static <R> CompletionStage<R> step(Supplier<Future<R>> body) {
    try {
      return body.get().toCompletionStage();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <T> Outcome<T> outcome(Response r, DocumentKind<T> kind) {
    return switch (r.get(0).toString()) {
      case "applied" -> new Outcome<>(Outcome.Status.APPLIED, DocumentCodec.read(r.get(1).toString(), kind.type()));
      case "refused" -> new Outcome<>(Outcome.Status.REFUSED, DocumentCodec.read(r.get(1).toString(), kind.type()));
      case "full" -> new Outcome<>(Outcome.Status.FULL, null);
      default -> Outcome.absent();
    };
  }

  private static void addSteps(List<Object> args, List<Step> steps) {
    for (Step step : steps) {
      args.add(step.op());
      args.add(step.field());
      args.add(step.key());
      args.add(step.value());
    }
  }

  /** The kind-and-scope's keys, in the order the scripts take them: docs, ids. */
  private List<String> keys(DocumentKind<?> kind, Scope scope) {
    return keys.tagged(kind.name() + "/" + scope.region() + "/" + scope.account(), SUFFIXES);
  }

  /** ZRANGEBYLEX bounds of the ids starting with {@code prefix} (byte 0xff never occurs in UTF-8). */
  private static List<byte[]> range(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return List.of(new byte[] {'-'}, new byte[] {'+'});
    }
    byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] from = new byte[bytes.length + 1];
    from[0] = '[';
    System.arraycopy(bytes, 0, from, 1, bytes.length);
    byte[] to = new byte[bytes.length + 2];
    to[0] = '(';
    System.arraycopy(bytes, 0, to, 1, bytes.length);
    to[to.length - 1] = (byte) 0xff;
    return List.of(from, to);
  }
}
