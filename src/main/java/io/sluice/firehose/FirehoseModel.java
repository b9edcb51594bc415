package io.sluice.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.ModelShapes;
import java.util.List;

/**
 * The shapes of Firehose's API model (botocore's {@code firehose/2015-08-04}, documentation removed,
 * in {@code firehose/shapes.json}), and the check of a request against them ({@link ModelShapes}):
 * every violation in one ValidationException.
 */
public final class FirehoseModel {
  private static final ModelShapes SHAPES = ModelShapes.load("/firehose/shapes.json", FirehoseError.ValidationException);

  private FirehoseModel() {}

  /** The shape named {@code name}; missing if the model has none. */
  public static JsonNode shape(String name) {
    return SHAPES.shape(name);
  }

  /** The names of the members of structure {@code shape}, in the model's order. */
  public static List<String> members(String shape) {
    return SHAPES.members(shape);
  }

  /** The shape of member {@code member} of structure {@code shape}, or null if it has none. */
  public static String memberShape(String shape, String member) {
    return SHAPES.memberShape(shape, member);
  }

  /** Checks {@code value} (a request record, converted to JSON) against structure {@code shape}. */
  public static void validate(String shape, Object value) {
    SHAPES.validate(shape, value);
  }

  /** An empty JSON object. */
  public static ObjectNode object() {
    return ModelShapes.object();
  }
}
