package io.sluice.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.access.Principal;
import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.protocol.WireProtocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Calls another service's operation over the event bus the way the gateway does, with the request
 * given as that service's JSON parameters (AWS's member names). One service reaches another only
 * this way, never through its classes (SNS delivering to SQS, Firehose reading Kinesis).
 * Failures of the operation complete the future with its {@link AwsException}. A call made as a
 * {@link Principal} is subject to the target resource's policy when the node checks access.
 */
public final class ServiceClient {
  private static final ObjectMapper JSON = JsonCodec.json();
  private final Vertx vertx;
  private final ServiceRegistry registry;
  private final long timeoutMs;
  private final boolean checksAccess;

  public ServiceClient(Vertx vertx, ServiceRegistry registry, long timeoutMs) {
    this(vertx, registry, timeoutMs, false);
  }

  /** @param checksAccess whether calls made as a principal are subject to resource policies */
  public ServiceClient(Vertx vertx, ServiceRegistry registry, long timeoutMs, boolean checksAccess) {
    this.vertx = vertx;
    this.registry = registry;
    this.timeoutMs = timeoutMs;
    this.checksAccess = checksAccess;
  }

  /** Runs {@code action} of {@code service} in a region and account; the response as JSON ({@code {}} if none). */
  public Future<JsonNode> call(String service, String action, String region, String account, ObjectNode params) {
    return send(service, action, region, Principal.unchecked(account), params);
  }

  /**
   * Runs {@code action} of {@code service} in a region as {@code principal} (in its account), whom the
   * target resource's policy must allow when this node checks access.
   */
  public Future<JsonNode> callAs(String service, String action, String region, Principal principal,
                                 ObjectNode params) {
    return send(service, action, region, checksAccess ? principal : principal.asUnchecked(), params);
  }

  private Future<JsonNode> send(String service, String action, String region, Principal principal,
                                ObjectNode params) {
    ServiceDefinition definition = registry.byName(service).orElse(null);
    OperationSpec spec = definition == null ? null : definition.operations().get(action);
    if (spec == null) {
      return Future.failedFuture(AwsException.of(CommonError.InvalidAction, "%s has no action %s", service, action));
    }
    RequestContext ctx = new RequestContext(RandomIds.uuid(), definition.name(), action,
        definition.defaultJsonProtocol() == null ? WireProtocol.JSON_1_0 : definition.defaultJsonProtocol(),
        region, principal.account(), "", "localhost", "http", "/", principal);
    OperationCall<Object> call;
    try {
      call = new OperationCall<>(ctx, spec, JSON.convertValue(params == null ? JSON.createObjectNode() : params,
          spec.requestType()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(AwsException.of(CommonError.ValidationError, "%s", e.getMessage()));
    }
    return LocalRequests.<OperationResult<?>>send(vertx, definition.busAddress(), call, timeoutMs)
        .recover(failure -> Future.failedFuture(BusFailures.toAwsError(failure)))
        .compose(reply -> {
          OperationResult<?> result = reply.body();
          if (result.error() != null) {
            return Future.failedFuture(result.error());
          }
          return Future.succeededFuture(result.response() == null ? JSON.createObjectNode()
              : JSON.valueToTree(result.response()));
        });
  }
}
