package io.sluice.storage.documents;

import io.sluice.storage.StoreFactory;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Typed documents of any service, kept by {@linkplain DocumentKind kind}, {@linkplain Scope scope}
 * (account and region, or {@link Scope#GLOBAL}) and id. Each method is one atomic step on one kind
 * in one scope (one Redis script or command under that kind-and-scope's hash tag, the store's lock
 * in memory). Changes of a stored document are {@linkplain Update updates as data}, applied in that
 * one step, so concurrent writers never overwrite each other's fields and no caller reads, decides
 * and writes back. Listings are in id order (Unicode code point order, the order of the ids' UTF-8
 * bytes), so a service can page them by id.
 *
 * <p>Implementations must pass {@code DocumentStoreContract} in the test sources.
 */
public interface DocumentStore {

  /** The document store on each engine: a service opens it with {@code engine.open(DocumentStore.FACTORY)}. */
  StoreFactory<DocumentStore> FACTORY = new StoreFactory<>() {
    @Override
    public DocumentStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryDocumentStore());
    }

    @Override
    public DocumentStore redis(RedisStoreEngine engine) {
      return new RedisDocumentStore(engine.client(), engine.keys().namespace(RedisDocumentStore.NAMESPACE));
    }
  };

  /** Stores {@code document} under {@code id}, replacing any; answers it. */
  <T> CompletionStage<T> put(DocumentKind<T> kind, Scope scope, String id, T document);

  /** Stores {@code document} unless one has that id; answers the stored one either way. */
  <T> CompletionStage<T> putIfAbsent(DocumentKind<T> kind, Scope scope, String id, T document);

  <T> CompletionStage<Optional<T>> find(DocumentKind<T> kind, Scope scope, String id);

  /** The documents with these ids, in the order of {@code ids}; missing ones are left out. */
  <T> CompletionStage<List<T>> findAll(DocumentKind<T> kind, Scope scope, List<String> ids);

  /** The ids that start with {@code idPrefix} (empty: all), in id order. */
  CompletionStage<List<String>> ids(DocumentKind<?> kind, Scope scope, String idPrefix);

  /** The documents whose ids start with {@code idPrefix} (empty: all), in id order. */
  <T> CompletionStage<List<Document<T>>> list(DocumentKind<T> kind, Scope scope, String idPrefix);

  /**
   * Applies {@code update} to the stored document: {@link Outcome#applied APPLIED} with the result if
   * its conditions hold, {@link Outcome#refused REFUSED} with the unchanged document if not,
   * {@link Outcome#missing MISSING} if there is none (nothing is created).
   */
  <T> CompletionStage<Outcome<T>> update(DocumentKind<T> kind, Scope scope, String id, Update update);

  /**
   * Like {@link #update}, but a missing document is first created as {@code initial}, and the update
   * then applied to it (its conditions judged on {@code initial}); never MISSING.
   */
  default <T> CompletionStage<Outcome<T>> upsert(DocumentKind<T> kind, Scope scope, String id, T initial,
                                                 Update update) {
    return upsert(kind, scope, id, initial, update, Integer.MAX_VALUE);
  }

  /**
   * Like {@link #upsert(DocumentKind, Scope, String, Object, Update)}, but a missing document is
   * created only while the kind holds fewer than {@code maxDocuments} documents in the scope:
   * {@link Outcome#full FULL} (nothing stored) otherwise. A quota checked and kept in one step.
   */
  <T> CompletionStage<Outcome<T>> upsert(DocumentKind<T> kind, Scope scope, String id, T initial, Update update,
                                         int maxDocuments);

  /** Deletes the document; false if there was none. */
  CompletionStage<Boolean> delete(DocumentKind<?> kind, Scope scope, String id);

  /**
   * Deletes the document if every condition holds: APPLIED with the deleted document, REFUSED with
   * the kept one, or MISSING.
   */
  <T> CompletionStage<Outcome<T>> deleteIf(DocumentKind<T> kind, Scope scope, String id, List<Condition> conditions);

  /**
   * Deletes every document whose id starts with {@code idPrefix} (empty: all of the kind in the
   * scope) in one step; answers how many.
   */
  CompletionStage<Integer> deleteAll(DocumentKind<?> kind, Scope scope, String idPrefix);
}
