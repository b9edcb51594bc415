package io.sluice.protocol;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway needs to know about one AWS service: how it is addressed on the wire, which
 * protocols it answers in, how its errors are rendered, its operations' shapes, and the event-bus
 * address of the verticle that executes them.
 */
public record ServiceDefinition(
    String name,
    String signingName,
    String apiVersion,
    String xmlNamespace,
    String jsonTargetPrefix,
    Set<WireProtocol> protocols,
    String jsonErrorTypePrefix,
    boolean queryCompatibleErrors,
    QueryStyle queryStyle,
    String busAddress,
    Map<String, OperationSpec> operations) {

  /** Builds the operation table from operation classes (see {@link OperationSpec#ofOperationClass}). */
  public static Map<String, OperationSpec> operationsOf(Collection<Class<?>> operationClasses) {
    Map<String, OperationSpec> ops = new LinkedHashMap<>();
    for (Class<?> c : operationClasses) {
      OperationSpec spec = OperationSpec.ofOperationClass(c);
      ops.put(spec.action(), spec);
    }
    return Map.copyOf(ops);
  }

  /** The protocol used when a request names none explicitly. */
  public WireProtocol defaultJsonProtocol() {
    if (protocols.contains(WireProtocol.JSON_1_0)) {
      return WireProtocol.JSON_1_0;
    }
    return WireProtocol.JSON_1_1;
  }

  /** The JSON {@code __type} of an error. */
  public String jsonErrorType(AwsErrorCode error) {
    String explicit = error.jsonType();
    return explicit != null ? explicit : jsonErrorTypePrefix + error.code();
  }
}
