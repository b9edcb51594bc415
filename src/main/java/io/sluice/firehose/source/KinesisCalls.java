package io.sluice.firehose.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;

/**
 * A call of a Kinesis Data Streams action with its JSON parameters (AWS's member names), answered
 * with its JSON response or failed with its {@link io.sluice.protocol.AwsException}: on a node,
 * Sluice's Kinesis over the event bus ({@link io.sluice.bus.ServiceClient}); in tests, a fake.
 */
@FunctionalInterface
public interface KinesisCalls {
  CompletionStage<JsonNode> call(String action, String region, String account, ObjectNode params);
}
