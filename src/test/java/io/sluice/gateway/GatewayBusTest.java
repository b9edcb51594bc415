package io.sluice.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.Sluice;
import io.sluice.bus.LocalCodec;
import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationResult;
import io.sluice.config.SluiceConfig;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.ProtocolDetector;
import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.protocol.SigV4Authenticator;
import io.sluice.protocol.SigV4Verifier;
import io.sluice.protocol.WireCodec;
import io.sluice.protocol.WireProtocol;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.RawHttp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of a stand-in service on a real event bus: what the service receives, and
 * the HTTP answer when its reply fails (a recipient failure keeps its code, a timeout is 503, a
 * service nobody serves is 500).
 */
class GatewayBusTest {
  private static final String ADDRESS = "test.things";
  /** The shortest request timeout the configuration allows. */
  private static final String TIMEOUT_MS = "1000";

  /** The stand-in's one operation, in Sluice's convention. */
  static final class PutThing {
    public record Request(String name) {}

    public record Response(String placed) {}
  }

  private static final ServiceDefinition THINGS = new ServiceDefinition("things", "things", "2020-01-01", null,
      "ThingService", Set.of(WireProtocol.JSON_1_0), "com.example.things#", false, QueryStyle.WRAPPED, ADDRESS,
      ServiceDefinition.operationsOf(List.of(PutThing.class)));

  /** A service whose verticle runs nowhere. */
  private static final ServiceDefinition ABSENT = new ServiceDefinition("absent", "absent", "2020-01-01", null,
      "AbsentService", Set.of(WireProtocol.JSON_1_0), "com.example.absent#", false, QueryStyle.WRAPPED, "test.absent",
      ServiceDefinition.operationsOf(List.of(PutThing.class)));

  private static Vertx vertx;
  private static URI endpoint;
  private static final CompletableFuture<OperationCall<?>> received = new CompletableFuture<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    LocalCodec.registerAll(vertx.eventBus());
    // The stand-in answers by the thing's name: with a failure code, not at all, or with a response.
    vertx.eventBus().<OperationCall<?>>localConsumer(ADDRESS, m -> {
      OperationCall<?> call = m.body();
      String name = ((PutThing.Request) call.request()).name();
      switch (name) {
        case "unavailable" -> m.fail(503, "Try again later.");
        case "rejected" -> m.fail(400, "Thing names are short.");
        case "silent" -> { }
        default -> {
          received.complete(call);
          m.reply(OperationResult.success(new PutThing.Response(name + "@shelf")));
        }
      }
    }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    SluiceConfig config = Sluice.loadConfig(Map.of("SLUICE_REQUEST_TIMEOUT_MS", TIMEOUT_MS));
    ServiceRegistry services = new ServiceRegistry(List.of(THINGS, ABSENT));
    GatewayVerticle gateway = new GatewayVerticle(config, 0, new ProtocolDetector(services),
        new SigV4Authenticator(config, new SigV4Verifier(config.credentials(), InstantSource.system())),
        new WireCodec(), () -> "", () -> Future.succeededFuture(NodeHealth.Status.UP), Map.of(),
        null, new SimpleMeterRegistry());
    vertx.deployVerticle(gateway).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    endpoint = URI.create("http://127.0.0.1:" + gateway.actualPort() + "/");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Answer putThing(String service, String name) {
    return RawHttp.postJson(endpoint, service + ".PutThing", "{\"Name\":\"" + name + "\"}");
  }

  @Test
  void serviceReceivesATypedCallAndItsResponseIsRendered() throws Exception {
    // When a thing is put through the gateway
    Answer answer = putThing("ThingService", "lamp");

    // Then the service received the call of PutThing with its request record
    OperationCall<?> call = received.get(10, TimeUnit.SECONDS);
    assertEquals(OperationSpec.ofOperationClass(PutThing.class), call.spec());
    assertInstanceOf(PutThing.Request.class, call.request());
    assertEquals("PutThing", call.context().action());

    // And the client reads the response
    assertEquals(200, answer.status());
    assertEquals("{\"Placed\":\"lamp@shelf\"}", answer.body());
  }

  @Test
  void recipientFailingWith503IsAnsweredServiceUnavailable() {
    // When the service fails the request with code 503
    Answer answer = putThing("ThingService", "unavailable");

    // Then the client is told to retry
    assertEquals(503, answer.status());
    assertEquals("ServiceUnavailable", answer.header("x-amzn-ErrorType"));
  }

  @Test
  void recipientFailingWith400IsAnsweredAsAClientError() {
    // When the service rejects the request with code 400
    Answer answer = putThing("ThingService", "rejected");

    // Then the client sees a client error with that status
    assertEquals(400, answer.status());
    assertEquals("ValidationError", answer.header("x-amzn-ErrorType"));
  }

  @Test
  void serviceThatDoesNotAnswerInTimeIsServiceUnavailable() {
    // When the service does not answer within the request timeout
    Answer answer = putThing("ThingService", "silent");

    // Then the client is told to retry
    assertEquals(503, answer.status());
    assertEquals("ServiceUnavailable", answer.header("x-amzn-ErrorType"));
  }

  @Test
  void serviceNobodyServesIsAnInternalFailure() {
    // When a request goes to a service whose verticle runs nowhere
    Answer answer = putThing("AbsentService", "lamp");

    // Then it is a server fault
    assertEquals(500, answer.status());
    assertEquals("InternalFailure", answer.header("x-amzn-ErrorType"));
  }
}
