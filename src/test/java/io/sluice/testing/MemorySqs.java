package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.Sluice;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.sqs.MessageMoveTaskDriver;
import io.sluice.sqs.MessagePayloads;
import io.sluice.sqs.QueueDirectory;
import io.sluice.sqs.SqsConfig;
import io.sluice.sqs.SqsMeters;
import io.sluice.sqs.SqsServices;
import io.sluice.sqs.model.QueueId;
import io.sluice.sqs.op.CreateQueue;
import io.sluice.sqs.op.ReceiveMessage;
import io.sluice.sqs.op.SendMessage;
import io.sluice.sqs.store.InMemoryQueueStore;
import io.sluice.time.ManualClock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SQS operations on the in-memory store with a {@link ManualClock} and no Vert.x, for
 * operation-level tests: the services a node builds (settings from {@code conf/sqs.conf}, long
 * polls on {@link ManualArrivals}), message move task drivers to tick by hand, a caller of account
 * {@value #ACCOUNT} in {@value #REGION}, and shortcuts for the calls most tests begin with.
 */
public final class MemorySqs {
  public static final String ACCOUNT = "000000000000";
  public static final String REGION = "us-east-1";
  private static final SqsConfig DEFAULTS = Sluice.loadConfig(Map.of()).service(SqsConfig.SECTION);

  private final ManualClock clock = new ManualClock();
  private final InMemoryQueueStore store = new InMemoryQueueStore();
  private final ManualArrivals arrivals = new ManualArrivals(clock);
  private final SqsServices services;

  /** With the settings of {@code conf/sqs.conf}. */
  public MemorySqs() {
    this(DEFAULTS);
  }

  public MemorySqs(SqsConfig settings) {
    services = new SqsServices(store, new QueueDirectory(store, clock, settings.attributeCacheMs()), clock,
        new MessagePayloads(Base64.getDecoder().decode(TestSluice.TEST_SSE_KEY)), arrivals, settings,
        SqsMeters.NONE);
  }

  /** The settings of {@code conf/sqs.conf}. */
  public static SqsConfig defaults() {
    return DEFAULTS;
  }

  public ManualClock clock() {
    return clock;
  }

  public InMemoryQueueStore store() {
    return store;
  }

  public ManualArrivals arrivals() {
    return arrivals;
  }

  public SqsServices services() {
    return services;
  }

  /**
   * A message move task driver on these services, as a node runs one; the test ticks it by hand
   * ({@link MessageMoveTaskDriver#tick}) at the clock's time.
   */
  public MessageMoveTaskDriver moveTaskDriver(String owner) {
    return new MessageMoveTaskDriver(store, services.directory(), arrivals, owner);
  }

  /** A signed request of {@value #ACCOUNT} in {@value #REGION} to {@code http://localhost}. */
  public RequestContext context() {
    return new RequestContext("req", "sqs", "Test", WireProtocol.JSON_1_0, REGION, ACCOUNT, "AKIDTEST", "localhost",
        "http", "/");
  }

  /** Runs the operation {@code operation} builds and answers its response; an AWS error is thrown. */
  public <Q, R> R call(Function<SqsServices, ? extends Operation<Q, R>> operation, Q request) {
    return Await.await(operation.apply(services).execute(context(), request));
  }

  /** The AWS error code of a call that must fail, whether it throws at once or completes with the error. */
  public <Q> String errorCode(Function<SqsServices, ? extends Operation<Q, ?>> operation, Q request) {
    return assertThrows(AwsException.class, () -> Await.await(operation.apply(services).execute(context(), request)))
        .error().code();
  }

  /** The id of the caller's queue {@code name}. */
  public static QueueId queueId(String name) {
    return new QueueId(REGION, ACCOUNT, name);
  }

  /** The URL of the caller's queue {@code name}. */
  public static String urlOf(String name) {
    return "http://localhost/" + ACCOUNT + "/" + name;
  }

  /** Creates queue {@code name} with {@code attributes} and answers its URL. */
  public String createQueue(String name, Map<String, String> attributes) {
    return call(CreateQueue::new, new CreateQueue.Request(name, attributes, null)).queueUrl();
  }

  /** Creates a FIFO queue {@code name} (ending in .fifo) with {@code attributes} added. */
  public String createFifoQueue(String name, Map<String, String> attributes) {
    Map<String, String> fifo = new HashMap<>(attributes);
    fifo.put("FifoQueue", "true");
    return createQueue(name, fifo);
  }

  /** Sends {@code body} to a standard queue and answers the message id. */
  public String send(String url, String body) {
    return call(SendMessage::new, new SendMessage.Request(url, body, null, null, null, null, null)).messageId();
  }

  /** Sends {@code body} to a FIFO queue in {@code group} with deduplication id {@code dedupId}. */
  public SendMessage.Response sendFifo(String url, String body, String group, String dedupId) {
    return call(SendMessage::new, new SendMessage.Request(url, body, null, null, null, dedupId, group));
  }

  /** A short poll for up to {@code max} messages with every system attribute, on the queue's visibility timeout. */
  public List<ReceiveMessage.Message> receive(String url, int max) {
    return receive(url, max, null);
  }

  /** A short poll for up to {@code max} messages with every system attribute, hidden for {@code visibility} seconds. */
  public List<ReceiveMessage.Message> receive(String url, int max, Integer visibility) {
    List<ReceiveMessage.Message> messages = call(ReceiveMessage::new, new ReceiveMessage.Request(url, List.of("All"),
        null, List.of("All"), max, visibility, 0, null)).messages();
    return messages == null ? List.of() : messages;
  }
}
