package io.sluice.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.Sluice;
import io.sluice.bus.LocalCodec;
import io.sluice.bus.OperationCall;
import io.sluice.bus.OperationRunner;
import io.sluice.bus.OperationTable;
import io.sluice.config.SluiceConfig;
import io.sluice.protocol.AwsErrorCode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.Operation;
import io.sluice.protocol.ProtocolDetector;
import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.protocol.SigV4Authenticator;
import io.sluice.protocol.SigV4Verifier;
import io.sluice.protocol.WireCodec;
import io.sluice.protocol.WireProtocol;
import io.sluice.protocol.eventstream.EventStreamReply;
import io.sluice.protocol.eventstream.StreamEvent;
import io.sluice.testing.RawEventStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * An operation that answers with an event stream, through the gateway and a stand-in service on a
 * real event bus, read on a plain socket with AWS's reference decoder: the initial response first,
 * the events, the end or an exception frame; back-pressure from a client that does not read; a
 * client that hangs up, or a stream over its duration, cancels the source.
 */
class EventStreamReplyTest {
  private static final String ADDRESS = "test.watch";
  private static final ObjectMapper JSON = JsonCodec.json();
  private static final ObjectMapper CBOR = JsonCodec.cbor();
  private static final Sources SOURCES = new Sources(new ConcurrentHashMap<>());

  /** A modeled error of the stand-in's event stream. */
  record WatchError(String code, int httpStatus, boolean senderFault) implements AwsErrorCode {}

  /** The sources the operation made, by the watched thing's name. */
  record Sources(Map<String, Source> byName) {}

  /**
   * Watches a thing: {@code Count} events (all there are when absent) of {@code PayloadBytes} each,
   * then nothing more, the end ({@code End} "complete"), an AWS error (an error code), or another
   * failure ("boom"), within {@code MaxMillis} (a minute when absent).
   */
  public static final class WatchThing implements Operation<WatchThing.Request, EventStreamReply<WatchThing.Response>> {
    public record Request(String name, Long count, String end, Integer payloadBytes, Long maxMillis) {}

    public record Response(String watching) {}

    /** The payload of one event. */
    public record Change(Long seq, String data) {}

    private final Sources sources;

    public WatchThing(Sources sources) {
      this.sources = sources;
    }

    @Override
    public CompletionStage<EventStreamReply<Response>> execute(RequestContext context, Request request) {
      Source source = new Source(request.count() == null ? Long.MAX_VALUE : request.count(), request.end(),
          request.payloadBytes() == null ? 1 : request.payloadBytes());
      sources.byName().put(request.name(), source);
      return CompletableFuture.completedFuture(new EventStreamReply<>(new Response(request.name()), source,
          Duration.ofMillis(request.maxMillis() == null ? 60_000 : request.maxMillis())));
    }
  }

  /** A publisher on a thread of its own that emits only what is requested. */
  static final class Source implements Flow.Publisher<StreamEvent> {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
    private final long count;
    private final String end;
    private final String data;
    final AtomicLong requested = new AtomicLong();
    final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private long demand;
    private long emitted;
    private boolean over;

    Source(long count, String end, int payloadBytes) {
      this.count = count;
      this.end = end;
      this.data = "x".repeat(payloadBytes);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
      thread.execute(() -> subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          requested.addAndGet(n);
          thread.execute(() -> {
            demand += n;
            drain(subscriber);
          });
        }

        @Override
        public void cancel() {
          cancelled.complete(null);
          thread.execute(() -> over = true);
        }
      }));
    }

    private void drain(Flow.Subscriber<? super StreamEvent> subscriber) {
      while (!over && demand > 0 && emitted < count) {
        demand--;
        emitted++;
        subscriber.onNext(new StreamEvent("ThingChanged", new WatchThing.Change(emitted, data)));
      }
      if (!over && emitted == count && end != null) {
        over = true;
        switch (end) {
          case "complete" -> subscriber.onComplete();
          case "boom" -> subscriber.onError(new IllegalStateException("boom"));
          default -> subscriber.onError(AwsException.of(new WatchError(end, 400, true),
              "The thing is watched already."));
        }
      }
    }
  }

  private static final ServiceDefinition WATCHER = new ServiceDefinition("watcher", "watcher", "2020-01-01", null,
      "Watcher", Set.of(WireProtocol.JSON_1_1, WireProtocol.CBOR_1_1), "", false, QueryStyle.WRAPPED, ADDRESS,
      ServiceDefinition.operationsOf(List.of(WatchThing.class)));

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    LocalCodec.registerAll(vertx.eventBus());
    OperationTable operations = OperationTable.of(List.of(WatchThing.class), Sources.class, SOURCES);
    vertx.eventBus().<OperationCall<?>>localConsumer(ADDRESS, m -> OperationRunner.run(m, operations,
            (ctx, t) -> AwsException.of(CommonError.InternalFailure, "unexpected")))
        .completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = deployGateway().actualPort();
  }

  private static GatewayVerticle deployGateway() throws Exception {
    SluiceConfig config = Sluice.loadConfig(Map.of());
    GatewayVerticle gateway = new GatewayVerticle(config, 0, new ProtocolDetector(new ServiceRegistry(List.of(WATCHER))),
        new SigV4Authenticator(config, new SigV4Verifier(config.credentials(), InstantSource.system())),
        new WireCodec(), () -> "", () -> Future.succeededFuture(NodeHealth.Status.UP), Map.of(),
        null, new SimpleMeterRegistry());
    vertx.deployVerticle(gateway).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return gateway;
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static RawEventStream watch(String json) throws IOException {
    return RawEventStream.post(port, Map.of("Content-Type", "application/x-amz-json-1.1",
        "X-Amz-Target", "Watcher.WatchThing"), json.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Message m, String header) {
    var value = m.getHeaders().get(header);
    return value == null ? null : value.getString();
  }

  /** The counter's value once it has not moved for 300 ms (within 20 s). */
  private static long settled(AtomicLong counter) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = counter.get();
      if (now == last) {
        return now;
      }
      last = now;
      Thread.sleep(300);
    }
    throw new AssertionError("still growing after 20 s: " + counter.get());
  }

  private static JsonNode json(Message m) throws IOException {
    return JSON.readTree(m.getPayload());
  }

  @Test
  void initialResponseThenEventsThenAnExceptionFrameEndTheStream() throws Exception {
    // When a thing with three changes and then an AWS error is watched
    try (RawEventStream stream = watch("{\"Name\":\"lamp\",\"Count\":3,\"End\":\"ResourceInUseException\"}")) {
      // Then the answer is an event stream
      assertEquals(200, stream.status());
      assertEquals("application/vnd.amazon.eventstream", stream.header("content-type"));
      assertEquals("chunked", stream.header("transfer-encoding"));

      // And its first event is the initial response in the request's JSON
      Message initial = stream.next();
      assertEquals("event", text(initial, ":message-type"));
      assertEquals("initial-response", text(initial, ":event-type"));
      assertEquals("application/json", text(initial, ":content-type"));
      assertEquals("lamp", json(initial).get("Watching").asText());

      // And the three events follow in order
      for (long seq = 1; seq <= 3; seq++) {
        Message event = stream.next();
        assertEquals("event", text(event, ":message-type"));
        assertEquals("ThingChanged", text(event, ":event-type"));
        assertEquals(seq, json(event).get("Seq").asLong());
      }

      // And the error is an exception frame of its code, after which the stream ends
      Message exception = stream.next();
      assertEquals("exception", text(exception, ":message-type"));
      assertEquals("ResourceInUseException", text(exception, ":exception-type"));
      assertEquals("The thing is watched already.", json(exception).get("message").asText());
      assertNull(stream.next());
    }
  }

  /** Asks for a watch over HTTP/2 (an h2c upgrade), the answer's body unread. */
  private static HttpResponse<InputStream> watchOverHttp2(HttpClient client, String json) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "Watcher.WatchThing")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  @Test
  void streamIsAnsweredOverHttp2() throws Exception {
    // When the watch is asked over HTTP/2
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<InputStream> answer = watchOverHttp2(client, "{\"Name\":\"radio\",\"Count\":2,\"End\":\"complete\"}");

    // Then the same stream arrives in HTTP/2 data frames
    assertEquals(HttpClient.Version.HTTP_2, answer.version());
    assertEquals("application/vnd.amazon.eventstream", answer.headers().firstValue("content-type").orElseThrow());
    List<Message> messages = new ArrayList<>();
    try (InputStream body = answer.body()) {
      new MessageDecoder(messages::add).feed(body.readAllBytes());
    }
    assertEquals(List.of("initial-response", "ThingChanged", "ThingChanged"),
        messages.stream().map(m -> text(m, ":event-type")).toList());
  }

  @Test
  void sourceThatCompletesEndsTheStream() throws Exception {
    try (RawEventStream stream = watch("{\"Name\":\"clock\",\"Count\":2,\"End\":\"complete\"}")) {
      assertEquals("initial-response", text(stream.next(), ":event-type"));
      assertEquals(1, json(stream.next()).get("Seq").asLong());
      assertEquals(2, json(stream.next()).get("Seq").asLong());
      assertNull(stream.next());
    }
  }

  @Test
  void failureOtherThanAnAwsErrorEndsWithAnErrorMessage() throws Exception {
    try (RawEventStream stream = watch("{\"Name\":\"fuse\",\"Count\":1,\"End\":\"boom\"}")) {
      stream.next();
      stream.next();
      Message error = stream.next();
      assertEquals("error", text(error, ":message-type"));
      assertEquals("InternalFailure", text(error, ":error-code"));
      assertTrue(!text(error, ":error-message").contains("boom"), text(error, ":error-message"));
      assertNull(stream.next());
    }
  }

  @Test
  void cborRequestGetsCborPayloads() throws Exception {
    // When the watch is asked in CBOR
    byte[] body = CBOR.writeValueAsBytes(Map.of("Name", "kettle", "Count", 1, "End", "complete"));
    try (RawEventStream stream = RawEventStream.post(port, Map.of("Content-Type", "application/x-amz-cbor-1.1",
        "X-Amz-Target", "Watcher.WatchThing"), body)) {
      // Then the initial response and the events are CBOR
      Message initial = stream.next();
      assertEquals("application/cbor", text(initial, ":content-type"));
      assertEquals("kettle", CBOR.readTree(initial.getPayload()).get("Watching").asText());
      Message event = stream.next();
      assertEquals("application/cbor", text(event, ":content-type"));
      assertEquals(1, CBOR.readTree(event.getPayload()).get("Seq").asLong());
      assertNull(stream.next());
    }
  }

  @Test
  void clientThatHangsUpCancelsTheSource() throws Exception {
    // Given a stream that is open and quiet after its initial response
    RawEventStream stream = watch("{\"Name\":\"door\",\"Count\":0}");
    assertEquals("initial-response", text(stream.next(), ":event-type"));
    Source source = SOURCES.byName().get("door");
    assertTrue(!source.cancelled.isDone());

    // When the client hangs up
    stream.close();

    // Then the source is cancelled
    source.cancelled.get(10, TimeUnit.SECONDS);
  }

  @Test
  void http2ClientThatResetsItsStreamCancelsTheSource() throws Exception {
    // Given a quiet stream over HTTP/2 on a connection that stays open
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<InputStream> answer = watchOverHttp2(client, "{\"Name\":\"antenna\",\"Count\":0}");
    assertEquals(HttpClient.Version.HTTP_2, answer.version());
    Source source = SOURCES.byName().get("antenna");
    assertTrue(!source.cancelled.isDone());

    // When the client gives up the stream (a reset of that stream only)
    answer.body().close();

    // Then the source is cancelled
    source.cancelled.get(10, TimeUnit.SECONDS);
  }

  @Test
  void streamEndsAtItsMaximumDurationAndCancelsTheSource() throws Exception {
    // Given a quiet stream that may last 300 ms
    try (RawEventStream stream = watch("{\"Name\":\"window\",\"Count\":0,\"MaxMillis\":300}")) {
      assertEquals("initial-response", text(stream.next(), ":event-type"));

      // Then it ends by itself, and its source is cancelled
      assertNull(stream.next());
      SOURCES.byName().get("window").cancelled.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void gatewayThatStopsEndsItsStreamsAndCancelsTheirSources() throws Exception {
    // Given a quiet stream of a minute on a gateway of its own
    GatewayVerticle gateway = deployGateway();
    try (RawEventStream stream = RawEventStream.post(gateway.actualPort(), Map.of(
        "Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "Watcher.WatchThing"),
        "{\"Name\":\"lighthouse\",\"Count\":0}".getBytes(StandardCharsets.UTF_8))) {
      assertEquals("initial-response", text(stream.next(), ":event-type"));

      // When the gateway stops (its grace period is far shorter than the stream's minute)
      vertx.undeploy(gateway.deploymentID()).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

      // Then the stream has ended, and its source is cancelled
      assertNull(stream.next());
      SOURCES.byName().get("lighthouse").cancelled.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void clientThatDoesNotReadHoldsBackTheSource() throws Exception {
    // Given an endless source of 16 KiB events, and a client that reads only the initial response
    try (RawEventStream stream = watch("{\"Name\":\"river\",\"PayloadBytes\":16384}")) {
      assertEquals("initial-response", text(stream.next(), ":event-type"));
      Source source = SOURCES.byName().get("river");

      // Then the gateway stops asking for events once the connection's buffers are full
      long held = settled(source.requested);
      assertTrue(held < 2_000, "requested " + held + " events of 16 KiB from a client that reads nothing");

      // And asks again once the client reads
      for (int i = 0; i < held + 100; i++) {
        assertEquals("ThingChanged", text(stream.next(), ":event-type"));
      }
      assertTrue(source.requested.get() > held);
    }
  }
}
