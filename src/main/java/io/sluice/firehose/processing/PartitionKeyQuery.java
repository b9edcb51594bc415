package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * A {@code MetadataExtractionQuery}: a jq 1.6 program (jackson-jq, with jq's {@code strftime} added)
 * that turns a JSON record into an object of partition keys, e.g. {@code {customer_id: .customer_id}}
 * (developer guide, "Partitioning keys": inline parsing). Thread-safe once compiled.
 */
public final class PartitionKeyQuery {
  private static final Scope ROOT = rootScope();

  private final JsonQuery query;

  private PartitionKeyQuery(JsonQuery query) {
    this.query = query;
  }

  /** Compiles {@code expression}; IllegalArgumentException, with jq's complaint, if it is not a jq program. */
  public static PartitionKeyQuery compile(String expression) {
    try {
      return new PartitionKeyQuery(JsonQuery.compile(expression, Versions.JQ_1_6));
    } catch (JsonQueryException | RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The partition keys the query makes of {@code record}: its first output, which must be an object
   * whose values are strings, numbers or booleans (numbers and booleans as their JSON text).
   * IllegalArgumentException, saying why, when the query fails or its output is not such an object.
   */
  public Map<String, String> keys(JsonNode record) {
    List<JsonNode> out = new ArrayList<>();
    try {
      query.apply(Scope.newChildScope(ROOT), record, out::add);
    } catch (JsonQueryException | RuntimeException e) {
      throw new IllegalArgumentException("the metadata extraction query failed: " + e.getMessage(), e);
    }
    if (out.isEmpty() || !out.getFirst().isObject()) {
      throw new IllegalArgumentException("the metadata extraction query did not produce a JSON object");
    }
    Map<String, String> keys = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = out.getFirst().fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = f.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw new IllegalArgumentException("partition key " + f.getKey() + " is " + (v.isNull() ? "null" : "not a scalar"));
      }
      keys.put(f.getKey(), v.asText());
    }
    return keys;
  }

  private static Scope rootScope() {
    Scope scope = Scope.newEmptyScope();
    BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
    // jackson-jq has no date functions; the developer guide's examples use strftime ("Partitioning keys").
    scope.addFunction("strftime", 1, new Strftime());
    return scope;
  }
}
