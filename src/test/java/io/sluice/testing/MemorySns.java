package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.Sluice;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.sns.SnsConfig;
import io.sluice.sns.SnsServices;
import io.sluice.sns.delivery.Confirmations;
import io.sluice.sns.delivery.NotificationBodies;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.op.CreateTopic;
import io.sluice.sns.op.Subscribe;
import io.sluice.sns.store.CachingTopicStore;
import io.sluice.sns.store.InMemoryTopicStore;
import io.sluice.sns.store.TopicStore;
import io.sluice.storage.documents.InMemoryDocumentStore;
import io.sluice.time.ManualClock;
import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Function;

/**
 * SNS operations on the in-memory store (behind the topic cache, as on a node) with a
 * {@link ManualClock} and no Vert.x, for operation-level tests of everything that needs no delivery:
 * topics, attributes, tags, permissions, subscriptions. There is no delivery dispatcher (Publish,
 * and subscriptions with a ReplayPolicy, need one), and confirmations go nowhere: a pending
 * subscription's token is read from the store ({@link #subscription}). Settings come from
 * {@code conf/sns.conf}; the caller is account {@value #ACCOUNT} in {@value #REGION}.
 */
public final class MemorySns {
  public static final String ACCOUNT = "000000000000";
  public static final String REGION = "us-east-1";
  private static final SnsConfig DEFAULTS = Sluice.loadConfig(Map.of()).service(SnsConfig.SECTION);

  private final ManualClock clock = new ManualClock();
  private final InMemoryTopicStore memory = new InMemoryTopicStore();
  private final TopicStore store = new CachingTopicStore(memory, clock, DEFAULTS.topicCacheMs(), arn -> {});
  private final InMemoryDocumentStore documents = new InMemoryDocumentStore();
  private final SnsServices services;

  public MemorySns() {
    // Bodies that never get signing keys: every confirmation stops before it is sent.
    NotificationBodies unsigned = new NotificationBodies(Future.failedFuture("no signing keys in operation tests"));
    services = new SnsServices(store, documents, clock, null, new Confirmations(null, null, unsigned, null, clock),
        DEFAULTS);
  }

  public ManualClock clock() {
    return clock;
  }

  /** The store the operations use (the topic cache over {@link #memory()}). */
  public TopicStore store() {
    return store;
  }

  /** The in-memory store under the cache. */
  public InMemoryTopicStore memory() {
    return memory;
  }

  public SnsServices services() {
    return services;
  }

  /** A signed request of {@value #ACCOUNT} in {@value #REGION} to {@code http://localhost}. */
  public RequestContext context() {
    return context("AKIDTEST");
  }

  /** A request of {@value #ACCOUNT} in {@value #REGION}; unsigned (such as an UnsubscribeURL) for an empty key. */
  public RequestContext context(String accessKeyId) {
    return new RequestContext("req", "sns", "Test", WireProtocol.QUERY, REGION, ACCOUNT, accessKeyId, "localhost",
        "http", "/");
  }

  /** Runs the operation {@code operation} builds, signed, and answers its response; an AWS error is thrown. */
  public <Q, R> R call(Function<SnsServices, ? extends Operation<Q, R>> operation, Q request) {
    return call(context(), operation, request);
  }

  public <Q, R> R call(RequestContext ctx, Function<SnsServices, ? extends Operation<Q, R>> operation, Q request) {
    return Await.await(operation.apply(services).execute(ctx, request));
  }

  /** The AWS error code of a signed call that must fail, whether it throws at once or completes with the error. */
  public <Q> String errorCode(Function<SnsServices, ? extends Operation<Q, ?>> operation, Q request) {
    return errorCode(context(), operation, request);
  }

  public <Q> String errorCode(RequestContext ctx, Function<SnsServices, ? extends Operation<Q, ?>> operation,
                              Q request) {
    return assertThrows(AwsException.class, () -> Await.await(operation.apply(services).execute(ctx, request)))
        .error().code();
  }

  /** The ARN of the caller's topic {@code name}. */
  public static String topicArn(String name) {
    return "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
  }

  /** The ARN of the caller's queue {@code name}. */
  public static String queueArn(String name) {
    return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
  }

  /** Creates topic {@code name} with {@code attributes} and answers its ARN. */
  public String createTopic(String name, Map<String, String> attributes) {
    return call(CreateTopic::new, new CreateTopic.Request(name, attributes, null, null)).topicArn();
  }

  /** Subscribes and answers what Subscribe answers: the ARN, or {@code pending confirmation}. */
  public String subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    return call(Subscribe::new, new Subscribe.Request(topicArn, protocol, endpoint, attributes, null))
        .subscriptionArn();
  }

  /** The stored subscription of {@code endpoint} to the topic (pending ones included). */
  public SubscriptionRecord subscription(String topicArn, String endpoint) {
    return Await.await(store.subscriptions(topicArn)).stream().filter(s -> s.endpoint().equals(endpoint))
        .findFirst().orElseThrow(() -> new AssertionError("no subscription of " + endpoint));
  }
}
