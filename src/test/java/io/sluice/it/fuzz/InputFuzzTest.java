package io.sluice.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.Sluice;
import io.sluice.module.ServiceModule;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.testing.Engine;
import io.sluice.testing.StackTraceWatch;
import io.sluice.testing.TestSluice;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Every operation of every service gets malformed and wrong requests (see {@link RequestGenerator}),
 * signed, unsigned and with broken signatures, on a node that checks signatures. None may answer
 * 5xx; every reply must be well-formed XML or JSON; no error message may show Java internals; data
 * stored before must read back unchanged afterwards. The run is seeded: a failure prints the seed,
 * and {@code -Dsluice.fuzz.seed=<seed>} repeats it.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class InputFuzzTest {
  private static final String KEY = "AKIDSLUICETEST";
  private static final String SECRET = "sluice-test-secret";
  private static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final int PARALLEL = 4;
  /** Stored data per service; a service without an entry is fuzzed all the same. */
  private static final Map<String, Supplier<StoredData>> STORED_DATA = Map.of(
      "sqs", SqsStoredData::new,
      "sns", SnsStoredData::new,
      "firehose", FirehoseStoredData::new,
      "swf", SwfStoredData::new);
  /** Text no error message may contain: Java types, packages, stack frames. */
  private static final List<String> INTERNALS = List.of("java.", "javax.", "com.fasterxml", "Exception",
      "io.sluice", "io.vertx", "io.netty", "\tat ");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new CBORMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @Parameter
  Engine engine;

  private enum Signing { SIGNED, PRESIGNED, UNSIGNED, BROKEN }

  @Test
  void malformedRequestsGetAwsErrorsAndStoredDataStaysIntact() throws Exception {
    long seed = Long.getLong("sluice.fuzz.seed", new SecureRandom().nextLong());
    System.out.println("InputFuzzTest[" + engine + "] seed " + seed + " (repeat with -Dsluice.fuzz.seed=" + seed + ")");
    try (TestSluice node = TestSluice.start(engine, InstantSource.system(), Map.of(
        "SLUICE_CREDENTIALS", KEY + ":" + SECRET,
        "SLUICE_MAX_REQUEST_BYTES", String.valueOf(MAX_REQUEST_BYTES)))) {
      // Given data stored in every service, and targets the fuzzing may damage
      List<ServiceDefinition> services = Sluice.MODULES.stream().map(ServiceModule::definition).toList();
      List<StoredData> stored = services.stream().map(s -> STORED_DATA.get(s.name()))
          .filter(java.util.Objects::nonNull).map(Supplier::get).toList();
      stored.forEach(s -> s.store(node));
      List<String> targets = stored.stream().flatMap(s -> s.targets().stream()).toList();
      RequestGenerator generator = new RequestGenerator(seed, targets);
      List<Sent> requests = new ArrayList<>();
      Random signing = new Random(seed + 1);
      for (ServiceDefinition service : services) {
        List<FuzzRequest> all = new ArrayList<>(generator.requests(service));
        all.addAll(generator.serviceRequests(service, MAX_REQUEST_BYTES));
        for (FuzzRequest r : all) {
          requests.add(new Sent(service, r, chooseSigning(signing, r), signing.nextInt(BROKEN_AUTH.size())));
        }
      }

      // When every request is sent, the log watched for stack traces
      StackTraceWatch log = StackTraceWatch.start();
      long started = System.nanoTime();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (Sent s : requests) {
          done.add(pool.submit(() -> {
            String problem = send(node.endpoint(), s);
            if (problem != null) {
              problems.add(problem + "\n  request (" + s.signing + "): " + s.request.describe());
            }
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
        log.close();
      }
      System.out.printf("InputFuzzTest[%s] %d requests in %d ms%n", engine, requests.size(),
          (System.nanoTime() - started) / 1_000_000);

      // Then none was answered 5xx or with a malformed or revealing reply, nothing logged a stack trace,
      // and the stored data is intact
      assertTrue(problems.isEmpty(), () -> problems.size() + " of " + requests.size() + " replies were wrong (seed "
          + seed + "); the first:\n" + problems.stream().limit(12).collect(Collectors.joining("\n")));
      // A reply below 500 is no reason for a stack trace in the log (DESIGN rule 15).
      assertEquals(List.of(), log.traces().stream().limit(5).toList(), "stack traces logged");
      stored.forEach(s -> s.assertIntact(node));
    }
  }

  private record Sent(ServiceDefinition service, FuzzRequest request, Signing signing, int brokenAuth) {}

  private static Signing chooseSigning(Random random, FuzzRequest r) {
    int n = random.nextInt(10);
    if (n < 6) {
      return Signing.SIGNED;
    }
    if (n < 7 && "GET".equals(r.method())) {
      return Signing.PRESIGNED;
    }
    return n < 8 ? Signing.UNSIGNED : Signing.BROKEN;
  }

  private static final List<Map<String, String>> BROKEN_AUTH = List.of(
      Map.of("Authorization", "AWS4-HMAC-SHA256"),
      Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=%zz/20240101/us-east-1/sqs/aws4_request,"
          + " SignedHeaders=host, Signature=00"),
      Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/x/y/sqs/aws4_request, SignedHeaders=,"
          + " Signature="),
      Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/20240101/us-east-1/sqs/aws4_request,"
          + " SignedHeaders=host;x-amz-date, Signature=zz", "X-Amz-Date", "2024"),
      Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/20240101/us-east-1/sqs/aws4_request,"
          + " SignedHeaders=host, Signature=00", "X-Amz-Date", "20240101T000000Z"),
      Map.of("Authorization", "Basic Zm9vOmJhcg=="),
      Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=/, SignedHeaders=host;;, Signature=%"),
      Map.of("X-Amz-Security-Token", "garbage", "X-Amz-Date", "not a date"));

  /** Sends one request; answers what is wrong with the reply, or null. */
  private static String send(URI endpoint, Sent s) {
    FuzzRequest r = s.request;
    URI uri = URI.create(endpoint.toString().replaceAll("/$", "") + r.target());
    Map<String, String> headers = new java.util.HashMap<>(r.headers());
    switch (s.signing) {
      case SIGNED, PRESIGNED -> {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(r.method())).uri(uri);
        r.headers().forEach(unsigned::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign((SignRequest.Builder<AwsCredentialsIdentity> b) -> {
          b.identity(AwsCredentialsIdentity.create(KEY, SECRET)).request(unsigned.build())
              .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, s.service.signingName())
              .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1");
          if (r.body() != null) {
            b.payload(ContentStreamProvider.fromByteArray(r.body()));
          }
          if (s.signing == Signing.PRESIGNED) {
            b.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
          }
        }).request();
        uri = signed.getUri();
        signed.headers().forEach((k, v) -> {
          if (!Set.of("host", "content-length").contains(k.toLowerCase(Locale.ROOT))) {
            headers.put(k, v.get(0));
          }
        });
      }
      case BROKEN -> headers.putAll(BROKEN_AUTH.get(s.brokenAuth));
      case UNSIGNED -> { }
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    headers.forEach(b::header);
    b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
    HttpResponse<byte[]> answer;
    try {
      answer = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      return "no answer: " + e;
    }
    return checkReply(answer.statusCode(), answer.headers().firstValue("content-type").orElse(""), answer.body());
  }

  /** What is wrong with a reply, or null: a 5xx, a body that does not parse, a revealing message. */
  static String checkReply(int status, String contentType, byte[] body) {
    String where = "HTTP " + status + " " + contentType + ": " + abbreviate(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    if (status >= 500) {
      return "server error, " + where;
    }
    String message;
    try {
      if (contentType.startsWith("text/xml")) {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var builder = f.newDocumentBuilder();
        builder.setErrorHandler(null);
        Document doc = builder.parse(new ByteArrayInputStream(body));
        if (status < 400) {
          return null;
        }
        var code = doc.getElementsByTagNameNS("*", "Code");
        if (code.getLength() == 0 || code.item(0).getTextContent().isBlank()) {
          return "error without a code, " + where;
        }
        var m = doc.getElementsByTagNameNS("*", "Message");
        message = m.getLength() == 0 ? "" : m.item(0).getTextContent();
      } else if (contentType.contains("json") || contentType.contains("cbor")) {
        JsonNode tree = (contentType.contains("cbor") ? CBOR : JSON).readTree(body);
        if (status < 400) {
          return null;
        }
        if (tree == null || tree.path("__type").asText("").isBlank()) {
          return "error without a __type, " + where;
        }
        message = tree.has("message") ? tree.path("message").asText() : tree.path("Message").asText();
      } else {
        return "unexpected content type, " + where;
      }
    } catch (Exception e) {
      return "reply does not parse (" + e.getMessage() + "), " + where;
    }
    for (String internal : INTERNALS) {
      if (message.contains(internal)) {
        return "message shows '" + internal + "', " + where;
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) + "..." : s;
  }

  @Test
  void replyCheckRefusesWhatItMust() {
    assertEquals(null, checkReply(400, "text/xml", ("<?xml version=\"1.0\"?><ErrorResponse><Error><Code>X</Code>"
        + "<Message>fine</Message></Error></ErrorResponse>").getBytes()));
    assertTrue(checkReply(500, "text/xml", new byte[0]).startsWith("server error"));
    assertTrue(checkReply(400, "text/xml", "<a>\u0001</a>".getBytes()).startsWith("reply does not parse"));
    assertTrue(checkReply(400, "application/x-amz-json-1.0",
        "{\"__type\":\"X\",\"message\":\"Cannot deserialize `java.lang.Integer`\"}".getBytes())
        .startsWith("message shows"));
  }
}
