package io.sluice.sqs.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The handle of a message move task: which task, on which source queue. Opaque to clients:
 * base64 of a small JSON object, so CancelMessageMoveTask finds the task from the handle alone.
 */
public record MoveTaskHandle(String taskId, String sourceArn) {

  public String encode() {
    String json = JsonCodec.json().createObjectNode().put("taskId", taskId).put("sourceArn", sourceArn).toString();
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a handle; null when it is not one Sluice issued. */
  public static MoveTaskHandle decode(String handle) {
    if (handle == null || handle.isEmpty() || handle.length() > 4096) {
      return null;
    }
    try {
      JsonNode node = JsonCodec.json().readTree(Base64.getDecoder().decode(handle));
      if (node == null || !node.path("taskId").isTextual() || !node.path("sourceArn").isTextual()) {
        return null;
      }
      return new MoveTaskHandle(node.get("taskId").asText(), node.get("sourceArn").asText());
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }
}
