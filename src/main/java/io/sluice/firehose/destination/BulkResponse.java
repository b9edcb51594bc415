package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of each document of a {@code _bulk} request answered 200: {@code items} in request
 * order, each with its {@code status} and, when it failed, its {@code error} object. An answer that
 * is not such a body (or has another number of items) is {@code null}: the request as a whole failed.
 */
public final class BulkResponse {

  /** One document's outcome: failed unless its status is 2xx. */
  public record Item(int status, JsonNode error) {
    public boolean failed() {
      return status < 200 || status > 299;
    }

    /** The error as OpenSearch gave it (its JSON), or the status alone. */
    public String message() {
      return error != null ? error.toString() : "status " + status;
    }
  }

  private BulkResponse() {}

  /** The items of {@code body} for a request of {@code expected} documents, or null if it holds no such list. */
  public static List<Item> items(byte[] body, int expected) {
    JsonNode root;
    try {
      root = JsonCodec.json().readTree(body);
    } catch (IOException e) {
      return null;
    }
    JsonNode items = root == null ? null : root.get("items");
    if (items == null || !items.isArray() || items.size() != expected) {
      return null;
    }
    List<Item> out = new ArrayList<>(expected);
    for (JsonNode item : items) {
      // Each item is keyed by its action: {"index":{"_index":…,"status":201}}.
      JsonNode result = item.elements().hasNext() ? item.elements().next() : item;
      out.add(new Item(result.path("status").asInt(0), result.get("error")));
    }
    return out;
  }
}
