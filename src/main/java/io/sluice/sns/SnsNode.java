package io.sluice.sns;

import io.sluice.bus.ServiceClient;
import io.sluice.gateway.HttpResource;
import io.sluice.lambda.LambdaEndpoints;
import io.sluice.module.NodeContext;
import io.sluice.protocol.HttpReply;
import io.sluice.sns.delivery.ApplicationDelivery;
import io.sluice.sns.delivery.BlockingWork;
import io.sluice.sns.delivery.Confirmations;
import io.sluice.sns.delivery.DeadLetters;
import io.sluice.sns.delivery.DeliveryDispatcher;
import io.sluice.sns.delivery.EmailDelivery;
import io.sluice.sns.delivery.FirehoseDelivery;
import io.sluice.sns.delivery.HttpDelivery;
import io.sluice.sns.delivery.LambdaDelivery;
import io.sluice.sns.delivery.NotificationBodies;
import io.sluice.sns.delivery.Outbox;
import io.sluice.sns.delivery.ProtocolDelivery;
import io.sluice.sns.delivery.SmsDelivery;
import io.sluice.sns.delivery.SqsDelivery;
import io.sluice.sns.signing.SigningKeys;
import io.sluice.sns.signing.SnsEnvelope;
import io.sluice.sns.store.TopicStore;
import io.sluice.storage.Sealer;
import io.sluice.storage.StoreUnavailableException;
import io.sluice.storage.documents.DocumentKind;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.storage.documents.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SNS part of a node: its signing keys (from the configured PEM files, else one generated pair
 * kept in the store so every node signs alike), the deliveries per protocol, the dispatcher with
 * its sweep, and the resources the gateway serves for SNS (the signing certificate).
 */
public final class SnsNode {
  private static final Logger LOG = Logger.getLogger(SnsNode.class.getName());
  private static final String SIGNING_KEY_SEAL = "sns-signing-key";

  /** The generated key pair every node of a deployment signs with, as stored: the private key sealed. */
  record SigningKeyPair(String key, String certificate) {}

  private static final DocumentKind<SigningKeyPair> SIGNING_KEYS = DocumentKind.of("sns-signing-keys",
      SigningKeyPair.class);
  /** Start-up first: the node answers requests before it spends CPU on keys. */
  private static final long KEY_LOAD_DELAY_MS = 300;
  /** How long to wait before loading the shared signing keys again while the store is unavailable. */
  private static final long KEY_RETRY_MS = 1000;

  private final AtomicBoolean stopped;
  private final SnsServices services;
  private final HttpDelivery http;
  private final EmailDelivery email;
  private final Map<String, HttpResource> resources;

  private SnsNode(SnsServices services, HttpDelivery http, EmailDelivery email, Map<String, HttpResource> resources,
                  AtomicBoolean stopped) {
    this.stopped = stopped;
    this.services = services;
    this.http = http;
    this.email = email;
    this.resources = resources;
  }

  public static Future<SnsNode> start(NodeContext node, TopicStore store, DocumentStore documents, SnsConfig config) {
    Vertx vertx = node.vertx();
    InstantSource clock = node.clock();
    Sealer sealer = new Sealer(node.sseKey());
    // Configured key files are read now (a bad file fails the start); generating or fetching the
    // shared pair takes a moment, so it is done in the background and deliveries wait for it.
    boolean fromFiles = config.signingKeyFile().isPresent();
    AtomicBoolean stopped = new AtomicBoolean();
    Future<SigningKeys> keys = fromFiles ? signingKeys(vertx, documents, config, clock, sealer)
        : vertx.timer(KEY_LOAD_DELAY_MS).compose(t -> whileStoreUnavailable(vertx, stopped, KEY_RETRY_MS,
            () -> signingKeys(vertx, documents, config, clock, sealer)));
    keys.onFailure(t -> {
      // Cancelled: the node stopped (or failed to start) before the delayed load ran.
      if (!(t instanceof java.util.concurrent.CancellationException)) {
        LOG.log(Level.SEVERE, "SNS signing keys could not be loaded; SNS cannot deliver", t);
      }
    });
    NotificationBodies bodies = new NotificationBodies(keys.map(SnsEnvelope::new));
    ServiceClient client = node.serviceClient();
    HttpDelivery http = new HttpDelivery(vertx, bodies, clock, node.timers(), config.httpTimeoutMs());
    Outbox outbox = new Outbox(documents, clock, sealer);
    EmailDelivery email = new EmailDelivery(vertx, config.smtp(), bodies, outbox);
    OptOuts optOuts = new OptOuts(documents);
    Map<String, ProtocolDelivery> protocols = new HashMap<>();
    protocols.put("sqs", new SqsDelivery(client, bodies));
    protocols.put("http", http);
    protocols.put("https", http);
    protocols.put("email", email);
    protocols.put("email-json", email);
    protocols.put("lambda", new LambdaDelivery(http, bodies, new LambdaEndpoints(node.config().lambdaEndpoints())));
    protocols.put("firehose", new FirehoseDelivery(client, node.services(), bodies));
    protocols.put("application", new ApplicationDelivery(new PlatformApplications(documents),
        config.platformWebhooks(), http, outbox));
    protocols.put("sms", new SmsDelivery(new SmsSettings(documents), optOuts, config.smsWebhook(), http, outbox));
    DeliveryDispatcher dispatcher = new DeliveryDispatcher(BlockingWork.workerPool(vertx), node.timers(), store, clock,
        config, protocols, new DeadLetters(client, bodies), bodies, sealer);
    Confirmations confirmations = new Confirmations(http, client, bodies, email, clock);
    SnsServices services = new SnsServices(store, documents, clock, dispatcher, confirmations, config);
    Future<HttpReply> certificate = keys.map(k -> new HttpReply(200, "application/x-pem-file", Map.of(),
        k.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    Map<String, HttpResource> resources = new HashMap<>();
    resources.put(NotificationBodies.CERT_PATH, HttpResource.open(params -> certificate));
    resources.put(Outbox.PATH, (params, caller) -> outbox.listing(params.get("protocol"),
        caller == null ? null : caller.account()));
    resources.put(OptOuts.REPLY_PATH,
        (params, caller) -> optOuts.reply(params, caller, node.config().region(), node.config().account()));
    dispatcher.start();
    SnsNode sns = new SnsNode(services, http, email, resources, stopped);
    return fromFiles ? keys.map(k -> sns).onFailure(t -> sns.stop()) : Future.succeededFuture(sns);
  }

  /**
   * {@code load}, again every {@code retryMillis} for as long as it fails because the store is
   * unavailable (logged once, and the recovery) and the node has not stopped; other failures end it.
   */
  static <T> Future<T> whileStoreUnavailable(Vertx vertx, AtomicBoolean stopped, long retryMillis,
                                             Supplier<Future<T>> load) {
    AtomicBoolean waited = new AtomicBoolean();
    return retried(vertx, stopped, waited, retryMillis, load).onSuccess(loaded -> {
      if (waited.get()) {
        LOG.info("SNS signing keys loaded; deliveries resume");
      }
    });
  }

  private static <T> Future<T> retried(Vertx vertx, AtomicBoolean stopped, AtomicBoolean waited, long retryMillis,
                                       Supplier<Future<T>> load) {
    return load.get().recover(failure -> {
      if (stopped.get() || StoreUnavailableException.in(failure) == null) {
        return Future.failedFuture(failure);
      }
      if (waited.compareAndSet(false, true)) {
        LOG.warning("SNS signing keys could not be loaded yet (" + failure.getMessage()
            + "); deliveries wait until the store is back");
      }
      return vertx.timer(retryMillis).compose(t -> retried(vertx, stopped, waited, retryMillis, load));
    });
  }

  /**
   * Keys from the configured files, else the pair stored for all nodes (a node-wide document): the
   * first node to store its generated pair wins, and every node signs with that one.
   */
  private static Future<SigningKeys> signingKeys(Vertx vertx, DocumentStore documents, SnsConfig config,
                                                 InstantSource clock, Sealer sealer) {
    if (config.signingKeyFile().isPresent()) {
      return vertx.executeBlocking(() -> SigningKeys.load(config.signingKeyFile().map(Path::of),
          config.signingCertFile().map(Path::of), clock));
    }
    return vertx.executeBlocking(() -> {
      SigningKeys generated = SigningKeys.generate(clock);
      return new SigningKeyPair(sealer.sealText(generated.privateKeyPem(), SIGNING_KEY_SEAL),
          generated.certificatePem());
    }).compose(pair -> Future.fromCompletionStage(documents.putIfAbsent(SIGNING_KEYS, Scope.GLOBAL, "default", pair)))
        // A pair stored by a version before sealing has its key in the clear; it is read as it is.
        .map(stored -> SigningKeys.fromPem(sealer.openText(stored.key()), stored.certificate()));
  }

  public SnsServices services() {
    return services;
  }

  /** GET paths the gateway serves for SNS. */
  public Map<String, HttpResource> resources() {
    return resources;
  }

  /**
   * Stops the sweep, lets the attempts under way store their outcome, then closes the HTTP and SMTP
   * clients; undelivered messages stay in the store.
   */
  public Future<Void> stop() {
    stopped.set(true);
    return services.deliveries().stop().onComplete(ignored -> {
      http.close();
      email.close();
    });
  }
}
