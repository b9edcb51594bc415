package io.sluice.protocol;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises the service, action and wire protocol of a request.
 *
 * <ul>
 *   <li>{@code X-Amz-Target: Prefix.Action}: a JSON or CBOR call; the prefix names the service and
 *       the {@code Content-Type} the protocol.</li>
 *   <li>Otherwise a query call: {@code Action} from the URL or the form body; the service from the
 *       credential scope, else the {@code Version} parameter, else the service whose resource path
 *       (e.g. an SQS queue URL) the request was posted to, else the one service that has the action.</li>
 * </ul>
 */
public final class ProtocolDetector {
  private static final int MAX_PARAMS = 20_000;
  private final ServiceRegistry registry;

  public ProtocolDetector(ServiceRegistry registry) {
    this.registry = registry;
  }

  /** Thrown detection failures carry the protocol the error should be rendered in. */
  public static final class DetectionFailure extends RuntimeException {
    private final AwsException error;
    private final WireProtocol protocol;
    private final ServiceDefinition service;

    DetectionFailure(AwsException error, WireProtocol protocol, ServiceDefinition service) {
      super(error.getMessage(), null, false, false);
      this.error = error;
      this.protocol = protocol;
      this.service = service;
    }

    public AwsException error() {
      return error;
    }

    public WireProtocol protocol() {
      return protocol;
    }

    /** The service if it was recognised, else null. */
    public ServiceDefinition service() {
      return service;
    }
  }

  public IncomingCall detect(HttpRequestView req) {
    String target = req.header("x-amz-target");
    if (target != null) {
      return detectTarget(req, target.trim());
    }
    return detectQuery(req);
  }

  private IncomingCall detectTarget(HttpRequestView req, String target) {
    WireProtocol declared = WireProtocol.fromContentType(req.header("content-type"));
    WireProtocol guess = declared != null ? declared : WireProtocol.JSON_1_1;
    int dot = target.lastIndexOf('.');
    if (dot <= 0 || dot == target.length() - 1) {
      throw new DetectionFailure(AwsException.of(CommonError.UnknownOperationException,
          "X-Amz-Target '%s' does not name an operation.", target), guess, null);
    }
    String prefix = target.substring(0, dot);
    String action = target.substring(dot + 1);
    ServiceDefinition service = registry.byTargetPrefix(prefix).orElseThrow(() -> new DetectionFailure(
        AwsException.of(CommonError.UnknownOperationException, "Unknown service target '%s'.", prefix), guess, null));
    WireProtocol protocol = declared != null ? declared : service.defaultJsonProtocol();
    if (!service.protocols().contains(protocol)) {
      throw new DetectionFailure(AwsException.of(CommonError.SerializationException,
          "%s does not accept Content-Type %s.", service.name(), req.header("content-type")),
          service.defaultJsonProtocol(), service);
    }
    if (!service.operations().containsKey(action)) {
      throw new DetectionFailure(AwsException.of(CommonError.UnknownOperationException,
          "The operation %s is not known to %s.", action, service.name()), protocol, service);
    }
    return new IncomingCall(service, action, protocol, null, req.body());
  }

  private IncomingCall detectQuery(HttpRequestView req) {
    Map<String, String> params;
    try {
      params = queryParameters(req);
    } catch (AwsException e) {
      throw new DetectionFailure(e, WireProtocol.QUERY, null);
    }
    String action = params.get("Action");
    ServiceDefinition service = chooseQueryService(req, params, action);
    if (service == null) {
      AwsException e = action == null
          ? AwsException.of(CommonError.MissingAction, "The request must contain the parameter Action.")
          : AwsException.of(CommonError.InvalidAction, "The action %s is not valid for this web service.", action);
      throw new DetectionFailure(e, WireProtocol.QUERY, null);
    }
    if (!service.protocols().contains(WireProtocol.QUERY)) {
      throw new DetectionFailure(AwsException.of(CommonError.UnknownOperationException,
          "%s is called with X-Amz-Target, not the query protocol.", service.name()),
          service.defaultJsonProtocol(), service);
    }
    if (action == null || action.isEmpty()) {
      throw new DetectionFailure(AwsException.of(CommonError.MissingAction,
          "The request must contain the parameter Action."), WireProtocol.QUERY, service);
    }
    if (!service.operations().containsKey(action)) {
      throw new DetectionFailure(AwsException.of(CommonError.InvalidAction,
          "The action %s is not valid for this web service.", action), WireProtocol.QUERY, service);
    }
    return new IncomingCall(service, action, WireProtocol.QUERY, params, req.body());
  }

  private ServiceDefinition chooseQueryService(HttpRequestView req, Map<String, String> params, String action) {
    CredentialScope scope = CredentialScope.of(req, params);
    if (scope != null) {
      var byScope = registry.byName(scope.service());
      if (byScope.isPresent()) {
        return byScope.get();
      }
      // A scope naming another service on a request that is otherwise one of ours is a wrong
      // signature (the authenticator says so), not a request for a service this endpoint lacks.
      ServiceDefinition other = byRequest(req, params, action);
      if (other == null) {
        throw new DetectionFailure(AwsException.of(CommonError.NotImplemented, "This endpoint does not serve the"
            + " service '%s' named in the request's credential scope; it serves %s.", scope.service(),
            registry.names()), WireProtocol.QUERY, null);
      }
      return other;
    }
    return byRequest(req, params, action);
  }

  private ServiceDefinition byRequest(HttpRequestView req, Map<String, String> params, String action) {
    String version = params.get("Version");
    if (version != null) {
      var byVersion = registry.byApiVersion(version);
      if (byVersion.isPresent()) {
        return byVersion.get();
      }
    }
    var byPath = registry.byResourcePath(req.path());
    if (byPath.isPresent()) {
      return byPath.get();
    }
    return action == null ? null : registry.uniqueQueryServiceFor(action).orElse(null);
  }

  /**
   * URL parameters merged with a form-encoded body (the body wins on a clash); a malformed escape
   * fails with {@code MalformedQueryString}.
   */
  public static Map<String, String> queryParameters(HttpRequestView req) {
    Map<String, String> params = new LinkedHashMap<>();
    if (!req.rawQuery().isEmpty()) {
      addDecoded(params, req.rawQuery());
    }
    String ct = req.header("content-type");
    boolean form = ct == null || ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    if ("POST".equals(req.method()) && form && req.body().length > 0) {
      addDecoded(params, new String(req.body(), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void addDecoded(Map<String, String> params, String encoded) {
    QueryStringDecoder d = new QueryStringDecoder(encoded, StandardCharsets.UTF_8, false, MAX_PARAMS);
    Map<String, List<String>> decoded;
    try {
      decoded = d.parameters();
    } catch (IllegalArgumentException e) {
      throw AwsException.of(CommonError.MalformedQueryString, "The query string contains a syntax error: %s",
          e.getMessage());
    }
    for (Map.Entry<String, List<String>> e : decoded.entrySet()) {
      if (!e.getValue().isEmpty()) {
        params.put(e.getKey(), e.getValue().get(0));
      }
    }
  }
}
