package io.sluice.sns;

import io.sluice.protocol.JsonCodec;
import io.sluice.sns.store.TopicStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Records kept as {@link TopicStore} documents: their JSON form, and loading several at once. Ids
 * are chosen by the callers so that a kind's ids sort as its listings are paged.
 */
public final class Documents {
  private Documents() {}

  public static String toJson(Object record) {
    try {
      return JsonCodec.json().writeValueAsString(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T fromJson(String json, Class<T> type) {
    try {
      return JsonCodec.json().readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents of a kind with these ids, decoded, in the order of {@code ids}; missing ones are left out. */
  public static <T> CompletionStage<List<T>> load(TopicStore store, String kind, List<String> ids, Class<T> type) {
    List<CompletableFuture<Optional<String>>> reads = new ArrayList<>(ids.size());
    for (String id : ids) {
      reads.add(store.findDocument(kind, id).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<T> out = new ArrayList<>(reads.size());
      for (CompletableFuture<Optional<String>> read : reads) {
        read.join().ifPresent(json -> out.add(fromJson(json, type)));
      }
      return out;
    });
  }

  /** Every document of a kind whose id starts with {@code idPrefix}, decoded, in id order. */
  public static <T> CompletionStage<List<T>> loadAll(TopicStore store, String kind, String idPrefix, Class<T> type) {
    return store.listDocuments(kind, idPrefix).thenCompose(ids -> load(store, kind, ids, type));
  }
}
