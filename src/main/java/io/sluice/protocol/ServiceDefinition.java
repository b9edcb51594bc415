package io.sluice.protocol;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the gateway needs to know about one AWS service: how it is addressed on the wire, which
 * protocols it answers in, how its errors are rendered, its operations' shapes, and the event-bus
 * address of the verticle that executes them. The protocol layer knows services only through these
 * records.
 *
 * @param queryResourcePath paths of the service's resources that query calls may be posted to
 *                          (SQS's queue URLs), which name the service when nothing else does; or null
 * @param unsignedActions   actions that anyone may call without a signature, and where their caller's
 *                          account is found
 * @param maxRequestBytes   the largest request body the service takes (AWS's quota), below the node's
 *                          {@code max-request-bytes}; 0: the node's
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
    Map<String, OperationSpec> operations,
    Pattern queryResourcePath,
    UnsignedActions unsignedActions,
    int maxRequestBytes) {

  /**
   * Actions AWS lets anyone call unsigned (e.g. the SubscribeURL and UnsubscribeURL links SNS sends
   * to endpoints). Such a caller acts in the account and region of the ARN in the first of
   * {@code arnParameters} that holds one, else in the node's defaults.
   */
  public record UnsignedActions(Set<String> actions, List<String> arnParameters) {
    public static final UnsignedActions NONE = new UnsignedActions(Set.of(), List.of());
  }

  /** A service with no resource paths and no unsigned actions. */
  public ServiceDefinition(String name, String signingName, String apiVersion, String xmlNamespace,
                           String jsonTargetPrefix, Set<WireProtocol> protocols, String jsonErrorTypePrefix,
                           boolean queryCompatibleErrors, QueryStyle queryStyle, String busAddress,
                           Map<String, OperationSpec> operations) {
    this(name, signingName, apiVersion, xmlNamespace, jsonTargetPrefix, protocols, jsonErrorTypePrefix,
        queryCompatibleErrors, queryStyle, busAddress, operations, null, UnsignedActions.NONE, 0);
  }

  /** This service, whose resources have paths matching {@code regex} (see {@link #queryResourcePath}). */
  public ServiceDefinition withQueryResourcePath(String regex) {
    return new ServiceDefinition(name, signingName, apiVersion, xmlNamespace, jsonTargetPrefix, protocols,
        jsonErrorTypePrefix, queryCompatibleErrors, queryStyle, busAddress, operations, Pattern.compile(regex),
        unsignedActions, maxRequestBytes);
  }

  /** This service, with actions anyone may call unsigned. */
  public ServiceDefinition withUnsignedActions(UnsignedActions unsigned) {
    return new ServiceDefinition(name, signingName, apiVersion, xmlNamespace, jsonTargetPrefix, protocols,
        jsonErrorTypePrefix, queryCompatibleErrors, queryStyle, busAddress, operations, queryResourcePath, unsigned,
        maxRequestBytes);
  }

  /** This service, taking request bodies of at most {@code bytes}. */
  public ServiceDefinition withMaxRequestBytes(int bytes) {
    return new ServiceDefinition(name, signingName, apiVersion, xmlNamespace, jsonTargetPrefix, protocols,
        jsonErrorTypePrefix, queryCompatibleErrors, queryStyle, busAddress, operations, queryResourcePath,
        unsignedActions, bytes);
  }

  /** True when {@code path} names one of this service's resources. */
  public boolean ownsResourcePath(String path) {
    return queryResourcePath != null && queryResourcePath.matcher(path).matches();
  }

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
