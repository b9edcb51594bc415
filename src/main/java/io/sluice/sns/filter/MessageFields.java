package io.sluice.sns.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The fields of a message as a policy sees them: message attributes or the leaves of a JSON body. */
interface MessageFields {

  /** Whether the message has the field at all (for {@code exists}). */
  boolean present(String path);

  /** The field's leaf values: JSON strings, numbers, booleans and nulls; empty when absent. */
  List<JsonNode> values(String path);
}
