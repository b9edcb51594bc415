package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;

/**
 * A call of another service's operation with its JSON parameters, answered with its JSON response
 * or failed with its {@link io.sluice.protocol.AwsException}: on a node
 * {@link io.sluice.bus.ServiceClient#call}, over the event bus; in operation-level tests a stand-in.
 */
@FunctionalInterface
public interface ServiceCall {
  Future<JsonNode> call(String service, String action, String region, String account, ObjectNode params);
}
