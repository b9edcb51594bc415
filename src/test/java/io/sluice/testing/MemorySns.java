package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.Sluice;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.sns.SnsConfig;
import io.sluice.sns.SnsServices;
import io.sluice.sns.delivery.BlockingWork;
import io.sluice.sns.delivery.Confirmations;
import io.sluice.sns.delivery.DeadLetters;
import io.sluice.sns.delivery.DeliveryDispatcher;
import io.sluice.sns.delivery.NotificationBodies;
import io.sluice.sns.delivery.ServiceCall;
import io.sluice.sns.model.SubscriptionRecord;
import io.sluice.sns.op.ConfirmSubscription;
import io.sluice.sns.op.CreateTopic;
import io.sluice.sns.op.Publish;
import io.sluice.sns.op.Subscribe;
import io.sluice.sns.signing.SigningKeys;
import io.sluice.sns.signing.SnsEnvelope;
import io.sluice.sns.store.CachingTopicStore;
import io.sluice.sns.store.InMemoryTopicStore;
import io.sluice.sns.store.TopicStore;
import io.sluice.storage.Sealer;
import io.sluice.storage.documents.InMemoryDocumentStore;
import io.sluice.time.ManualClock;
import io.sluice.time.ManualTimers;
import io.vertx.core.Future;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * SNS operations on the in-memory store (behind the topic cache, as on a node) with a
 * {@link ManualClock} and no Vert.x, for operation-level tests. Publishes are delivered by a real
 * {@link DeliveryDispatcher} (its sweep started, as on a node) on the store's scheduler, with
 * {@link ManualTimers} on the clock, the signing keys generated once per test JVM, and signing done
 * inline: every step of a publish, and every retry the clock's moves set off, runs on the test's
 * thread before the call or the move returns. The protocol deliveries of topic subscriptions are
 * {@link RecordingDeliveries}; a subscription's dead-letter queue gets its SendMessage calls
 * recorded ({@link #deadLetters}). Publishing to platform endpoints and phone numbers is not set up.
 * Confirmations go nowhere: a pending subscription's token is read from the store
 * ({@link #subscription}, {@link #confirm}). Settings come from {@code conf/sns.conf}; the caller is
 * account {@value #ACCOUNT} in {@value #REGION}.
 */
public final class MemorySns {
  public static final String ACCOUNT = "000000000000";
  public static final String REGION = "us-east-1";
  private static final SnsConfig DEFAULTS = Sluice.loadConfig(Map.of()).service(SnsConfig.SECTION);

  /** Generated at first use: an RSA key pair takes a while, so every test of the JVM shares one. */
  private static final class SharedKeys {
    static final SigningKeys KEYS = SigningKeys.generate(new ManualClock());
  }

  /**
   * A call another service was sent (the dead-letter queues' SendMessage).
   *
   * @param at epoch millis of the manual clock
   */
  public record ServiceCallMade(long at, String service, String action, String region, String account,
                                JsonNode params) {}

  private final ManualClock clock = new ManualClock();
  private final ManualTimers timers = new ManualTimers(clock);
  private final InMemoryTopicStore memory = new InMemoryTopicStore();
  private final TopicStore store = new CachingTopicStore(memory, clock, DEFAULTS.topicCacheMs(), arn -> {});
  private final InMemoryDocumentStore documents = new InMemoryDocumentStore();
  private final List<ServiceCallMade> deadLetters = new CopyOnWriteArrayList<>();
  private final RecordingDeliveries deliveries;
  private final DeliveryDispatcher dispatcher;
  private final SnsServices services;

  public MemorySns() {
    NotificationBodies bodies = new NotificationBodies(Future.succeededFuture(new SnsEnvelope(signingKeys())));
    deliveries = new RecordingDeliveries(clock, bodies);
    ServiceCall sqs = (service, action, region, account, params) -> {
      deadLetters.add(new ServiceCallMade(clock.millis(), service, action, region, account, params.deepCopy()));
      return Future.succeededFuture(JsonCodec.json().createObjectNode());
    };
    dispatcher = new DeliveryDispatcher(BlockingWork.inline(), timers, store, clock, DEFAULTS,
        deliveries.protocols(), new DeadLetters(sqs, bodies), bodies,
        new Sealer(Base64.getDecoder().decode(TestSluice.TEST_SSE_KEY)));
    dispatcher.start();
    // Bodies that never get signing keys: every confirmation stops before it is sent.
    NotificationBodies unsigned = new NotificationBodies(Future.failedFuture("no confirmations in operation tests"));
    Confirmations nowhere = new Confirmations(null, null, unsigned, null, clock);
    services = new SnsServices(store, documents, clock, dispatcher, nowhere, DEFAULTS);
  }

  /** The signing keys of every MemorySns of this JVM. */
  public static SigningKeys signingKeys() {
    return SharedKeys.KEYS;
  }

  public ManualClock clock() {
    return clock;
  }

  /** The timers of the dispatcher (retries, its sweep): they fire as the clock is moved. */
  public ManualTimers timers() {
    return timers;
  }

  /** Every delivery attempt to a subscription's endpoint, answered as the test chooses. */
  public RecordingDeliveries deliveries() {
    return deliveries;
  }

  /** The SendMessage calls to subscriptions' dead-letter queues, in order. */
  public List<ServiceCallMade> deadLetters() {
    return List.copyOf(deadLetters);
  }

  public DeliveryDispatcher dispatcher() {
    return dispatcher;
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

  /** Confirms the pending subscription of {@code endpoint} with its token, and answers its ARN. */
  public String confirm(String topicArn, String endpoint) {
    return call(ConfirmSubscription::new, new ConfirmSubscription.Request(topicArn,
        subscription(topicArn, endpoint).confirmationToken(), null)).subscriptionArn();
  }

  /** Subscribes and confirms (if the protocol asks for it); answers the subscription's ARN. */
  public String subscribeConfirmed(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
    String answer = subscribe(topicArn, protocol, endpoint, attributes);
    return answer.equals("pending confirmation") ? confirm(topicArn, endpoint) : answer;
  }

  /** Publishes {@code message} to a standard topic and answers the message id. */
  public String publish(String topicArn, String message) {
    return call(Publish::new, new Publish.Request(topicArn, null, null, message, null, null, null, null, null))
        .messageId();
  }

  /** The stored subscription of {@code endpoint} to the topic (pending ones included). */
  public SubscriptionRecord subscription(String topicArn, String endpoint) {
    return Await.await(store.subscriptions(topicArn)).stream().filter(s -> s.endpoint().equals(endpoint))
        .findFirst().orElseThrow(() -> new AssertionError("no subscription of " + endpoint));
  }
}
