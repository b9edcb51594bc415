package io.sluice.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.access.Principal;
import io.sluice.bus.Addresses;
import io.sluice.bus.BusFailures;
import io.sluice.bus.LocalRequests;
import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationResult;
import io.sluice.config.SluiceConfig;
import io.sluice.ids.RandomIds;
import io.sluice.protocol.Authenticator;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Caller;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.CredentialScope;
import io.sluice.protocol.HttpReply;
import io.sluice.protocol.HttpRequestView;
import io.sluice.protocol.IncomingCall;
import io.sluice.protocol.ProtocolDetector;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireCodec;
import io.sluice.protocol.WireProtocol;
import io.sluice.protocol.eventstream.EventStreamReply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP front door, one instance per core: detects each request's service, action and protocol,
 * checks its signature, decodes it into the operation's record, sends it as an {@link OperationCall}
 * to the service's verticle over the event bus (local, with a timeout) and renders the answer in the
 * request's protocol, or as an event stream when the operation answers with an {@link EventStreamReply}
 * ({@link EventStreamResponse}); a failed reply is answered through {@link BusFailures}.
 * Listens on the node's port and, when configured, its TLS port; both speak HTTP/1.1 and HTTP/2.
 * Also serves {@code /health}, {@code /metrics}, when enabled {@code POST /_sluice/reset}, the TLS
 * certificate at {@value #TLS_CERTIFICATE_PATH}, and the services' own resources ({@code GET} paths
 * such as the SNS signing certificate).
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(GatewayVerticle.class.getName());
  /** Where the TLS port's certificate is served, so clients can fetch it to trust it. */
  public static final String TLS_CERTIFICATE_PATH = "/_sluice/tls/cert.pem";
  private final SluiceConfig config;
  private final int port;
  private final ProtocolDetector detector;
  private final Authenticator authenticator;
  private final WireCodec codec;
  private final Supplier<String> metricsScrape;
  private final NodeHealth health;
  private final Map<String, HttpResource> resources;
  private final Map<String, RestApi> restApis;
  private final Set<EventStreamResponse> streams = new HashSet<>();
  private final TlsListener tls;
  private final MeterRegistry meters;
  private HttpServer server;
  private HttpServer tlsServer;

  /** The TLS port (concrete, not 0) and what it serves. */
  public record TlsListener(int port, TlsIdentity identity) {}

  /**
   * @param tls the TLS port to listen on as well (its TLS is ended by {@link GatewayTransport}), or
   *     null for none
   * @param meters where {@code sluice.gateway.requests} counts requests by HTTP version and TLS
   */
  public GatewayVerticle(SluiceConfig config, int port, ProtocolDetector detector, Authenticator authenticator,
                         WireCodec codec, Supplier<String> metricsScrape, NodeHealth health,
                         Map<String, HttpResource> resources, TlsListener tls, MeterRegistry meters) {
    this(config, port, detector, authenticator, codec, metricsScrape, health, resources, List.of(), tls, meters);
  }

  /**
   * @param restApis APIs served in REST style (see {@link RestApi}); the first also takes the requests
   *     without a credential scope that name no operation
   */
  public GatewayVerticle(SluiceConfig config, int port, ProtocolDetector detector, Authenticator authenticator,
                         WireCodec codec, Supplier<String> metricsScrape, NodeHealth health,
                         Map<String, HttpResource> resources, List<RestApi> restApis, TlsListener tls,
                         MeterRegistry meters) {
    this.config = config;
    this.port = port;
    this.detector = detector;
    this.authenticator = authenticator;
    this.codec = codec;
    this.metricsScrape = metricsScrape;
    this.health = health;
    this.resources = Map.copyOf(resources);
    Map<String, RestApi> bySigningName = new java.util.LinkedHashMap<>();
    restApis.forEach(api -> bySigningName.putIfAbsent(api.signingName(), api));
    this.restApis = java.util.Collections.unmodifiableMap(bySigningName);
    this.tls = tls;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.get("/health/live").handler(rc -> rc.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::health);
    router.get("/metrics").handler(this::metrics);
    router.post("/_sluice/reset").handler(this::reset);
    resources.forEach((path, resource) -> router.get(path).handler(rc -> nodeRequest(rc, resource.signed(),
        caller -> resource.get(firstValues(rc), caller))));
    if (tls != null) {
      router.get(TLS_CERTIFICATE_PATH).handler(rc -> rc.response()
          .putHeader("content-type", "application/x-pem-file").end(tls.identity().certificatePem()));
    }
    router.route().handler(rc -> handleAws(rc.request()));
    router.route().failureHandler(rc -> {
      if (rc.statusCode() >= 400 && rc.statusCode() < 500) {
        // The router refused the request itself (a client error): answered without a stack trace.
        refuse(rc.request(), new HttpScreen.Refusal(rc.statusCode(), AwsException.of(CommonError.InvalidParameterValue,
            "The request is malformed.")));
        return;
      }
      LOG.log(Level.WARNING, "request " + rc.request().method() + " " + rc.request().path() + " failed", rc.failure());
      internalFailure(rc.request(), RandomIds.uuid());
    });
    ConnectionTimeouts timeouts = new ConnectionTimeouts(vertx, config.idleTimeoutMs());
    server = listener(port, false, router, timeouts);
    tlsServer = tls == null ? null : listener(tls.port(), true, router, timeouts);
    return tlsServer == null ? server.listen() : Future.all(server.listen(), tlsServer.listen());
  }

  /**
   * A server on {@code port}, in clear text to Vert.x: HTTP/1.1, and HTTP/2 by upgrade or by its
   * preface (prior knowledge). On the TLS port {@link GatewayTransport} has ended TLS before.
   */
  private HttpServer listener(int onPort, boolean secure, Router router, ConnectionTimeouts timeouts) {
    HttpServer listener = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.host())
        .setPort(onPort)
        .setCompressionSupported(false)
        .setMaxInitialLineLength(64 * 1024)
        .setMaxHeaderSize(64 * 1024)
        .setHttp2ClearTextEnabled(true)
        // Idle connections are closed by GatewayTransport and ConnectionTimeouts, which spare
        // requests being answered.
        .setIdleTimeout(0));
    Map<HttpVersion, Counter> counted = new EnumMap<>(HttpVersion.class);
    for (HttpVersion version : HttpVersion.values()) {
      counted.put(version, Counter.builder("sluice.gateway.requests").description("HTTP requests received")
          .tag("protocol", version.alpnName()).tag("tls", Boolean.toString(secure)).register(meters));
    }
    return listener.connectionHandler(timeouts::connected)
        .requestHandler(req -> {
          counted.get(req.version()).increment();
          timeouts.requestArrived(req);
          HttpScreen.Refusal refusal = HttpScreen.check(req);
          if (refusal == null) {
            router.handle(req);
          } else {
            refuse(req, refusal);
          }
        });
  }

  /**
   * Stops accepting connections and waits up to the grace period for the requests in flight; held
   * long polls have been answered before (see {@code Sluice.stop}).
   */
  @Override
  public Future<?> stop() {
    // An event stream may last minutes: it ends now, as the duration's end would end it.
    List.copyOf(streams).forEach(EventStreamResponse::end);
    Future<Void> plain = server.shutdown(config.shutdownGraceMs(), TimeUnit.MILLISECONDS);
    return tlsServer == null ? plain
        : Future.all(plain, tlsServer.shutdown(config.shutdownGraceMs(), TimeUnit.MILLISECONDS));
  }

  private static Map<String, String> firstValues(RoutingContext rc) {
    Map<String, String> params = new java.util.HashMap<>();
    rc.queryParams().forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
    return params;
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The TLS port actually bound, or -1 without one. */
  public int actualTlsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }

  private void health(RoutingContext rc) {
    health.readiness().onComplete(ar -> {
      NodeHealth.Status status = ar.succeeded() ? ar.result() : new NodeHealth.Status(false, "health check failed");
      JsonObject body = new JsonObject().put("status", status.up() ? "UP" : "DOWN")
          .put("store", config.store().name().toLowerCase(Locale.ROOT));
      if (status.reason() != null) {
        body.put("reason", status.reason());
      }
      rc.response().putHeader("content-type", "application/json").setStatusCode(status.up() ? 200 : 503)
          .end(body.encode());
    });
  }

  private void metrics(RoutingContext rc) {
    rc.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metricsScrape.get());
  }

  /**
   * The admin reset wipes every account's state, so with credentials configured only a configured
   * key of the node's own account ({@code SLUICE_ACCOUNT}) may call it; others get AccessDenied.
   */
  private void reset(RoutingContext rc) {
    if (!config.adminEnabled()) {
      // Disabled, the endpoint does not exist: the request is just another (unknown) AWS request.
      handleAws(rc.request());
      return;
    }
    nodeRequest(rc, true, caller -> {
      if (caller != null && !administers(caller)) {
        return Future.failedFuture(AwsException.of(CommonError.AccessDenied,
            "Only a configured key of account %s may reset this node.", config.account()));
      }
      return LocalRequests.send(vertx, Addresses.SLUICE_RESET, null, config.requestTimeoutMs()).transform(ar -> {
        if (ar.failed()) {
          LOG.log(Level.WARNING, "reset failed", ar.cause());
        }
        return Future.succeededFuture(new HttpReply(ar.succeeded() ? 200 : 500, "application/json", Map.of(),
            ("{\"reset\":" + ar.succeeded() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      });
    });
  }

  private boolean administers(Caller caller) {
    return config.credentials().stream()
        .anyMatch(c -> c.accessKeyId().equals(caller.accessKeyId()) && c.account().equals(config.account()));
  }

  /**
   * Serves a request to one of the node's own paths: when {@code signed}, it must first pass the
   * signature check (see {@link Authenticator#authenticateNodeRequest}); AWS errors (the check's, or
   * the handler's) are answered in the query protocol's XML.
   */
  private void nodeRequest(RoutingContext rc, boolean signed, Function<Caller, Future<HttpReply>> handler) {
    HttpServerRequest req = rc.request();
    String requestId = RandomIds.uuid();
    Future<Caller> caller = !signed || !config.verifiesSignatures() ? Future.succeededFuture()
        : req.body().compose(body -> onContext(authenticator.authenticateNodeRequest(view(req, body.getBytes()))));
    caller.compose(handler).onComplete(ar -> {
      if (ar.succeeded()) {
        write(rc.response(), ar.result());
      } else if (awsError(ar.cause()) != null) {
        write(rc.response(), codec.error(null, WireProtocol.QUERY, awsError(ar.cause()), requestId));
      } else {
        rc.fail(ar.cause());
      }
    });
  }

  /** The stage as a future completing on this verticle's context (at once when it is already done). */
  private <T> Future<T> onContext(CompletionStage<T> stage) {
    CompletableFuture<T> f = stage.toCompletableFuture();
    if (f.isDone() && !f.isCompletedExceptionally()) {
      return Future.succeededFuture(f.join());
    }
    return Future.fromCompletionStage(f, context);
  }

  /** The AWS error a failure carries, else null. */
  private static AwsException awsError(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof AwsException e ? e : null;
  }

  private void handleAws(HttpServerRequest req) {
    String requestId = RandomIds.uuid();
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {declaredTooLarge(req)};
    Promise<Void> done = Promise.promise();
    req.handler(chunk -> {
      // An oversized body is read to its end and dropped, so the client is not cut off mid-send
      // and sees the answer.
      if (!tooLarge[0] && body.length() + chunk.length() > config.maxRequestBytes()) {
        tooLarge[0] = true;
      }
      if (!tooLarge[0]) {
        body.appendBuffer(chunk);
      }
    });
    req.endHandler(v -> done.tryComplete());
    req.exceptionHandler(done::tryFail);
    done.future().onComplete(ar -> {
      if (ar.failed()) {
        req.response().reset();
      } else if (tooLarge[0]) {
        tooLarge(req, requestId, config.maxRequestBytes());
      } else {
        try {
          dispatch(req, body.getBytes(), requestId);
        } catch (RuntimeException | LinkageError e) {
          LOG.log(Level.WARNING, "request " + requestId + " failed", e);
          internalFailure(req, requestId);
        }
      }
    });
  }

  private boolean declaredTooLarge(HttpServerRequest req) {
    String length = req.getHeader("content-length");
    if (length == null) {
      return false;
    }
    try {
      return Long.parseLong(length.trim()) > config.maxRequestBytes();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void tooLarge(HttpServerRequest req, String requestId, int limit) {
    AwsException e = AwsException.of(CommonError.InvalidParameterValue,
        "The request is larger than the %d bytes this endpoint accepts.", limit);
    HttpReply reply = codec.error(null, guessProtocol(req), e, requestId);
    write(req.response(), new HttpReply(413, reply.contentType(), reply.headers(), reply.body()));
  }

  private void refuse(HttpServerRequest req, HttpScreen.Refusal refusal) {
    HttpReply reply = codec.error(null, guessProtocol(req), refusal.error(), RandomIds.uuid());
    write(req.response(), new HttpReply(refusal.status(), reply.contentType(), reply.headers(), reply.body()));
  }

  private void internalFailure(HttpServerRequest req, String requestId) {
    AwsException e = AwsException.of(CommonError.InternalFailure,
        "The request processing has failed because of an unknown error, exception or failure.");
    write(req.response(), codec.error(null, guessProtocol(req), e, requestId));
  }

  private void dispatch(HttpServerRequest req, byte[] body, String requestId) {
    HttpRequestView view = view(req, body);
    RestApi rest = restApiFor(view);
    if (rest != null) {
      restCall(req, view, rest, requestId);
      return;
    }
    IncomingCall call;
    try {
      call = detector.detect(view);
    } catch (ProtocolDetector.DetectionFailure f) {
      write(req.response(), codec.error(f.service(), f.protocol(), f.error(), requestId));
      return;
    }
    ServiceDefinition service = call.service();
    WireProtocol protocol = call.protocol();
    if (service.maxRequestBytes() > 0 && body.length > service.maxRequestBytes()) {
      tooLarge(req, requestId, service.maxRequestBytes());
      return;
    }
    CompletionStage<Caller> caller;
    try {
      Map<String, String> urlParams = call.queryParams() != null ? call.queryParams()
          : ProtocolDetector.queryParameters(new HttpRequestView(view.method(), view.path(), view.rawQuery(),
              view.headers(), new byte[0]));
      caller = authenticator.authenticate(view, urlParams, service);
    } catch (AwsException e) {
      write(req.response(), codec.error(service, protocol, e, requestId));
      return;
    }
    onContext(caller).onComplete(authenticated -> {
      if (authenticated.failed()) {
        AwsException e = awsError(authenticated.cause());
        if (e == null) {
          LOG.log(Level.WARNING, "request " + requestId + " failed", authenticated.cause());
          internalFailure(req, requestId);
        } else {
          write(req.response(), codec.error(service, protocol, e, requestId));
        }
        return;
      }
      try {
        send(req, call, authenticated.result(), requestId, view.path());
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "request " + requestId + " failed", e);
        internalFailure(req, requestId);
      }
    });
  }

  /** The REST API {@code view} is for (see {@link RestApi} for the rule), or null. */
  private RestApi restApiFor(HttpRequestView view) {
    if (restApis.isEmpty() || view.header("x-amz-target") != null) {
      return null;
    }
    Map<String, String> params;
    try {
      params = urlParameters(view);
    } catch (AwsException e) {
      return null;
    }
    CredentialScope scope = CredentialScope.of(view, params);
    if (scope != null) {
      return restApis.get(scope.service());
    }
    if ("POST".equals(view.method()) || params.containsKey("Action")) {
      return null;
    }
    return restApis.values().iterator().next();
  }

  private static Map<String, String> urlParameters(HttpRequestView view) {
    return ProtocolDetector.queryParameters(new HttpRequestView(view.method(), view.path(), view.rawQuery(),
        view.headers(), new byte[0]));
  }

  /** Authenticates a request to a REST API as a call of its signing name, then lets the API answer. */
  private void restCall(HttpServerRequest req, HttpRequestView view, RestApi rest, String requestId) {
    ServiceDefinition signedFor = new ServiceDefinition(rest.signingName(), rest.signingName(), null, null, null,
        Set.of(), null, false, null, null, Map.of());
    CompletionStage<Caller> caller;
    try {
      caller = authenticator.authenticate(view, urlParameters(view), signedFor);
    } catch (AwsException e) {
      writeRest(req, rest.error(view, e, requestId));
      return;
    }
    onContext(caller).compose(c -> onContext(rest.handle(view, c, config.verifiesSignatures(), requestId)))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            writeRest(req, ar.result());
            return;
          }
          AwsException e = awsError(ar.cause());
          if (e == null) {
            LOG.log(Level.WARNING, "request " + requestId + " failed", ar.cause());
            e = AwsException.of(CommonError.InternalFailure,
                "The request processing has failed because of an unknown error, exception or failure.");
          }
          writeRest(req, rest.error(view, e, requestId));
        });
  }

  /** Writes a REST API's reply; the answer to a {@code HEAD} keeps its headers and sends no body. */
  private static void writeRest(HttpServerRequest req, HttpReply reply) {
    if (req.method() != io.vertx.core.http.HttpMethod.HEAD) {
      write(req.response(), reply);
      return;
    }
    HttpServerResponse response = req.response();
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(reply.status());
    response.putHeader("content-type", reply.contentType());
    reply.headers().forEach(response::putHeader);
    response.end();
  }

  private void send(HttpServerRequest req, IncomingCall call, Caller caller, String requestId, String path) {
    ServiceDefinition service = call.service();
    WireProtocol protocol = call.protocol();
    OperationCall<Object> operationCall;
    try {
      Object request = codec.decode(call);
      RequestContext ctx = new RequestContext(requestId, service.name(), call.action(), protocol, caller.region(),
          caller.account(), caller.accessKeyId(), host(req), secure(req) ? "https" : "http", path,
          config.verifiesSignatures() ? Principal.account(caller.account()) : Principal.unchecked(caller.account()));
      operationCall = new OperationCall<>(ctx, call.operation(), request);
    } catch (AwsException e) {
      write(req.response(), codec.error(service, protocol, e, requestId));
      return;
    }
    LocalRequests.<OperationResult<?>>send(vertx, service.busAddress(), operationCall, config.requestTimeoutMs())
        .onComplete(ar -> {
          try {
            if (ar.succeeded() && ar.result().body().response() instanceof EventStreamReply<?> stream) {
              EventStreamResponse.open(context, req.response(), protocol, requestId, stream, streams);
              return;
            }
            write(req.response(), reply(service, protocol, call.action(), ar, requestId));
          } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "answer to request " + requestId + " failed", e);
            internalFailure(req, requestId);
          }
        });
  }

  private HttpReply reply(ServiceDefinition service, WireProtocol protocol, String action,
                          AsyncResult<Message<OperationResult<?>>> ar,
                          String requestId) {
    if (ar.failed()) {
      return codec.error(service, protocol, BusFailures.toAwsError(ar.cause()), requestId);
    }
    OperationResult<?> result = ar.result().body();
    return result.error() != null
        ? codec.error(service, protocol, result.error(), requestId)
        : codec.success(service, protocol, action, result.response(), requestId);
  }

  private String host(HttpServerRequest req) {
    if (config.publicEndpoint().isPresent()) {
      return config.publicEndpoint().get();
    }
    String host = req.getHeader("host");
    if (host == null || host.isBlank()) {
      // HTTP/2 requests (e.g. java.net.http after an h2c upgrade) carry :authority instead of Host.
      var authority = req.authority();
      if (authority == null || authority.host().isEmpty()) {
        return "localhost:" + server.actualPort();
      }
      return authority.port() > 0 ? authority.host() + ":" + authority.port() : authority.host();
    }
    return host;
  }

  /** Whether {@code req} came over TLS (which Vert.x does not know: it was ended before it). */
  private boolean secure(HttpServerRequest req) {
    return tls != null && req.localAddress() != null && req.localAddress().port() == tls.port();
  }

  private static WireProtocol guessProtocol(HttpServerRequest req) {
    if (req.getHeader("x-amz-target") == null) {
      return WireProtocol.QUERY;
    }
    WireProtocol p = WireProtocol.fromContentType(req.getHeader("content-type"));
    return p != null ? p : WireProtocol.JSON_1_1;
  }

  private static HttpRequestView view(HttpServerRequest req, byte[] body) {
    Map<String, List<String>> headers = new HashMap<>();
    for (Map.Entry<String, String> h : req.headers()) {
      headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
    }
    String uri = req.uri();
    int q = uri.indexOf('?');
    String rawQuery = q < 0 ? "" : uri.substring(q + 1);
    String path = req.path();
    return new HttpRequestView(req.method().name(), path == null ? "/" : path, rawQuery, headers, body);
  }

  private static void write(HttpServerResponse response, HttpReply reply) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(reply.status());
    response.putHeader("content-type", reply.contentType());
    reply.headers().forEach(response::putHeader);
    response.end(Buffer.buffer(reply.body()));
  }
}
