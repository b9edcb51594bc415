package io.sluice.storage.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.storage.memory.InMemoryStoreEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link DocumentStore} in this JVM's memory: each kind-and-scope's documents in a map sorted by id,
 * in their stored form (see {@link DocumentCodec}), every step under the store's lock.
 */
public final class InMemoryDocumentStore implements DocumentStore, InMemoryStoreEngine.Wipeable {
  /** Code point order, which is the order of UTF-8 bytes that Redis sorts ids by. */
  static final Comparator<String> ID_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  private record Place(String kind, Scope scope) {}

  private final Map<Place, TreeMap<String, ObjectNode>> places = new HashMap<>();

  @Override
  public synchronized void wipe() {
    places.clear();
  }

  @Override
  public <T> CompletionStage<T> put(DocumentKind<T> kind, Scope scope, String id, T document) {
    return step(() -> {
      ObjectNode stored = DocumentCodec.stored(document);
      documents(kind, scope).put(DocumentCodec.requireId(id), stored);
      return DocumentCodec.read(stored, kind.type());
    });
  }

  @Override
  public <T> CompletionStage<T> putIfAbsent(DocumentKind<T> kind, Scope scope, String id, T document) {
    return step(() -> {
      ObjectNode stored = documents(kind, scope)
          .computeIfAbsent(DocumentCodec.requireId(id), k -> DocumentCodec.stored(document));
      return DocumentCodec.read(stored, kind.type());
    });
  }

  @Override
  public <T> CompletionStage<Optional<T>> find(DocumentKind<T> kind, Scope scope, String id) {
    return step(() -> Optional.ofNullable(existing(kind, scope).get(id)).map(d -> DocumentCodec.read(d, kind.type())));
  }

  @Override
  public <T> CompletionStage<List<T>> findAll(DocumentKind<T> kind, Scope scope, List<String> ids) {
    return step(() -> {
      TreeMap<String, ObjectNode> documents = existing(kind, scope);
      List<T> out = new ArrayList<>(ids.size());
      for (String id : ids) {
        ObjectNode stored = documents.get(id);
        if (stored != null) {
          out.add(DocumentCodec.read(stored, kind.type()));
        }
      }
      return out;
    });
  }

  @Override
  public CompletionStage<List<String>> ids(DocumentKind<?> kind, Scope scope, String idPrefix) {
    return step(() -> List.copyOf(withPrefix(existing(kind, scope), idPrefix).keySet()));
  }

  @Override
  public <T> CompletionStage<List<Document<T>>> list(DocumentKind<T> kind, Scope scope, String idPrefix) {
    return step(() -> withPrefix(existing(kind, scope), idPrefix).entrySet().stream()
        .map(e -> new Document<>(e.getKey(), DocumentCodec.<T>read(e.getValue(), kind.type())))
        .toList());
  }

  @Override
  public <T> CompletionStage<Outcome<T>> update(DocumentKind<T> kind, Scope scope, String id, Update update) {
    return step(() -> change(kind, scope, id, null, 0, update));
  }

  @Override
  public <T> CompletionStage<Outcome<T>> upsert(DocumentKind<T> kind, Scope scope, String id, T initial, Update update,
                                                int maxDocuments) {
    return step(() -> change(kind, scope, id, DocumentCodec.stored(initial), maxDocuments, update));
  }

  private <T> Outcome<T> change(DocumentKind<T> kind, Scope scope, String id, ObjectNode initial, int maxDocuments,
                                Update update) {
    TreeMap<String, ObjectNode> documents = documents(kind, scope);
    ObjectNode current = documents.get(DocumentCodec.requireId(id));
    if (current == null) {
      if (initial == null) {
        return Outcome.absent();
      }
      if (documents.size() >= maxDocuments) {
        return new Outcome<>(Outcome.Status.FULL, null);
      }
      current = initial;
      documents.put(id, current);
    }
    List<Step> steps = update.steps();
    if (!DocumentCodec.holds(current, steps)) {
      return new Outcome<>(Outcome.Status.REFUSED, DocumentCodec.read(current, kind.type()));
    }
    ObjectNode changed = current.deepCopy();
    DocumentCodec.apply(changed, steps);
    documents.put(id, changed);
    return new Outcome<>(Outcome.Status.APPLIED, DocumentCodec.read(changed, kind.type()));
  }

  @Override
  public CompletionStage<Boolean> delete(DocumentKind<?> kind, Scope scope, String id) {
    return step(() -> existing(kind, scope).remove(id) != null);
  }

  @Override
  public <T> CompletionStage<Outcome<T>> deleteIf(DocumentKind<T> kind, Scope scope, String id,
                                                  List<Condition> conditions) {
    return step(() -> {
      TreeMap<String, ObjectNode> documents = existing(kind, scope);
      ObjectNode current = documents.get(id);
      if (current == null) {
        return Outcome.absent();
      }
      T document = DocumentCodec.read(current, kind.type());
      if (!DocumentCodec.holds(current, conditions.stream().map(Condition::step).toList())) {
        return new Outcome<>(Outcome.Status.REFUSED, document);
      }
      documents.remove(id);
      return new Outcome<>(Outcome.Status.APPLIED, document);
    });
  }

  @Override
  public CompletionStage<Integer> deleteAll(DocumentKind<?> kind, Scope scope, String idPrefix) {
    return step(() -> {
      Map<String, ObjectNode> matching = withPrefix(existing(kind, scope), idPrefix);
      int count = matching.size();
      matching.clear();
      return count;
    });
  }

  /** Runs one step under the lock; what it throws fails the stage. */
  private synchronized <R> CompletionStage<R> step(Supplier<R> body) {
    try {
      return CompletableFuture.completedFuture(body.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private TreeMap<String, ObjectNode> documents(DocumentKind<?> kind, Scope scope) {
    return places.computeIfAbsent(new Place(kind.name(), scope), p -> new TreeMap<>(ID_ORDER));
  }

  private TreeMap<String, ObjectNode> existing(DocumentKind<?> kind, Scope scope) {
    TreeMap<String, ObjectNode> documents = places.get(new Place(kind.name(), scope));
    return documents == null ? new TreeMap<>(ID_ORDER) : documents;
  }

  /** The live view of the entries whose ids start with {@code prefix}. */
  private static Map<String, ObjectNode> withPrefix(TreeMap<String, ObjectNode> documents, String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return documents;
    }
    String end = documents.ceilingKey(prefix);
    while (end != null && end.startsWith(prefix)) {
      end = documents.higherKey(end);
    }
    return end == null ? documents.tailMap(prefix, true) : documents.subMap(prefix, true, end, false);
  }
}
