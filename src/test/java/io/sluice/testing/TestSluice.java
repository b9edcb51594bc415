package io.sluice.testing;

import io.sluice.Sluice;
import io.sluice.config.SluiceConfig;
import io.sluice.time.Timers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A Sluice node started in-process on port 0 for black-box tests, with AWS SDK v2 clients pointed
 * at it. {@link #shared} gives one long-lived node per engine for the whole test run (tests use
 * unique queue names); {@link #start} gives a private node, e.g. with a manual clock, or with a manual
 * clock and {@link io.sluice.time.ManualTimers} so that moving the clock fires the node's timers.
 */
public final class TestSluice implements AutoCloseable {
  /** The SSE key every test node uses, so nodes sharing a Redis can read each other's messages. */
  public static final String TEST_SSE_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final Map<Engine, TestSluice> SHARED = new ConcurrentHashMap<>();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final Sluice sluice;
  private final Engine engine;
  private final String redisPrefix;
  private SqsClient sqs;
  private SnsClient sns;
  private SqsAsyncClient sqsAsync;

  private TestSluice(Sluice sluice, Engine engine, String redisPrefix) {
    this.sluice = sluice;
    this.engine = engine;
    this.redisPrefix = redisPrefix;
  }

  /** The node shared by all tests of this JVM for {@code engine}; never close it. */
  public static TestSluice shared(Engine engine) {
    return SHARED.computeIfAbsent(engine, e -> {
      TestSluice s = start(e, InstantSource.system(), Map.of());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
      return s;
    });
  }

  /** A private node; {@code env} overrides test defaults (SLUICE_* variables). */
  public static TestSluice start(Engine engine, InstantSource clock, Map<String, String> env) {
    String prefix = RedisTestServer.uniquePrefix(engine.name().toLowerCase());
    return start(engine, clock, env, prefix);
  }

  /** A private node on a given Redis key prefix (to share state with another node). */
  public static TestSluice start(Engine engine, InstantSource clock, Map<String, String> env, String redisPrefix) {
    return start(engine, clock, null, env, redisPrefix);
  }

  /** A private node whose services wait with {@code timers} (measured on {@code clock}). */
  public static TestSluice start(Engine engine, InstantSource clock, Timers timers, Map<String, String> env) {
    return start(engine, clock, timers, env, RedisTestServer.uniquePrefix(engine.name().toLowerCase()));
  }

  private static TestSluice start(Engine engine, InstantSource clock, Timers timers, Map<String, String> env,
                                  String redisPrefix) {
    TestLoop.requireFull("a Sluice node");
    SluiceConfig config = Sluice.loadConfig(environment(engine, env, redisPrefix));
    try {
      Sluice s = (timers == null ? Sluice.start(config, clock) : Sluice.start(config, clock, timers))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return new TestSluice(s, engine, redisPrefix);
    } catch (Exception e) {
      throw new IllegalStateException("Sluice did not start", e);
    }
  }

  /**
   * {@code env} plus a TLS port (any free one) whose generated certificate is written to a new
   * temporary directory (see {@link #tlsCertificate}).
   */
  public static Map<String, String> withTls(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    try {
      all.put("SLUICE_TLS_GENERATED_CERT_FILE", Files.createTempDirectory("sluice-tls").resolve("cert.pem").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    all.put("SLUICE_TLS_PORT", "0");
    return all;
  }

  /** The environment a test node is configured from. */
  public static Map<String, String> environment(Engine engine, Map<String, String> overrides, String redisPrefix) {
    Map<String, String> env = new HashMap<>();
    env.put("SLUICE_HOST", "127.0.0.1");
    env.put("SLUICE_PORT", "0");
    env.put("SLUICE_GATEWAY_INSTANCES", "2");
    env.put("SLUICE_ADMIN_ENABLED", "true");
    env.put("SLUICE_SSE_KEY", TEST_SSE_KEY);
    env.put("SLUICE_STORE", engine.name().toLowerCase());
    if (engine == Engine.REDIS) {
      env.put("SLUICE_REDIS_URL", RedisTestServer.url());
      env.put("SLUICE_REDIS_KEY_PREFIX", redisPrefix);
    }
    env.putAll(overrides);
    return env;
  }

  /** A queue name no other test uses. */
  public static String uniqueName(String base) {
    return base + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
  }

  public Engine engine() {
    return engine;
  }

  public int port() {
    return sluice.port();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + sluice.port());
  }

  /** The TLS endpoint; the node must have been started with {@code SLUICE_TLS_PORT}. */
  public URI tlsEndpoint() {
    if (sluice.tlsPort() < 0) {
      throw new IllegalStateException("this node has no TLS port");
    }
    return URI.create("https://127.0.0.1:" + sluice.tlsPort());
  }

  /** The PEM file of the TLS port's certificate, for clients to trust. */
  public Path tlsCertificate() {
    return sluice.tlsCertificateFile().orElseThrow(() -> new IllegalStateException("this node has no TLS port"));
  }

  public String redisPrefix() {
    return redisPrefix;
  }

  public Sluice sluice() {
    return sluice;
  }

  public synchronized SqsClient sqs() {
    if (sqs == null) {
      sqs = SqsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(credentials())
          .httpClient(ApacheHttpClient.builder().maxConnections(64).build())
          .build();
    }
    return sqs;
  }

  public synchronized SnsClient sns() {
    if (sns == null) {
      sns = SnsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(credentials())
          .httpClient(ApacheHttpClient.builder().maxConnections(64).build())
          .build();
    }
    return sns;
  }

  public synchronized SqsAsyncClient sqsAsync() {
    if (sqsAsync == null) {
      sqsAsync = SqsAsyncClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(credentials())
          .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(256).build())
          .build();
    }
    return sqsAsync;
  }

  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSLUICETEST", "sluice-test-secret"));
  }

  @Override
  public synchronized void close() {
    if (sqs != null) {
      sqs.close();
    }
    if (sqsAsync != null) {
      sqsAsync.close();
    }
    if (sns != null) {
      sns.close();
    }
    try {
      sluice.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Sluice did not stop", e);
    }
  }
}
