package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.DestinationDelivery;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.Destination;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Delivers to Amazon Redshift as Firehose does (developer guide, "Understand data delivery"): the
 * batch is first written to the intermediate bucket ({@code S3Configuration}, through
 * {@link S3Output#writeRecords}) with a COPY manifest listing the objects ({@link RedshiftManifest}),
 * then the COPY is run on {@code ClusterJDBCURL} as {@code Username}/{@code Password}. Retried until
 * {@code RetryOptions.DurationInSeconds} (3600 s by default); then the manifest is written again under
 * {@code errors/manifests/} for a manual backfill. {@code S3BackupMode} {@code Enabled} writes the
 * delivered records to {@code S3BackupConfiguration}.
 *
 * <p>The COPY AWS would issue ({@link RedshiftCopy#redshiftStatement}) is logged; Sluice runs the
 * same load against PostgreSQL with {@link RedshiftLoader} on {@code jdbc} (off the event loop), as
 * PostgreSQL cannot read S3. A batch is staged once per node: a retry on the node that staged it
 * reuses the staged objects and manifest; another node (after a takeover) stages it again.
 */
public final class RedshiftDelivery implements DestinationDelivery {
  private static final Logger LOG = Logger.getLogger(RedshiftDelivery.class.getName());
  private static final int STAGED_LIMIT = 1024;

  /** A staged batch: its objects' URLs and its manifest's URL. */
  private record Staged(List<String> objects, String manifest) {}

  private final S3Output s3;
  private final ObjectStore objects;
  private final Executor jdbc;
  private final InstantSource clock;
  private final Map<String, String> hosts;
  private final Map<String, Staged> staged = new ConcurrentHashMap<>();

  /** Stages with {@code s3} and {@code objects}, runs JDBC on {@code jdbc}. */
  public RedshiftDelivery(S3Output s3, ObjectStore objects, Executor jdbc, InstantSource clock) {
    this(s3, objects, jdbc, clock, Map.of());
  }

  /** As above, connecting to the cluster hosts {@code hosts} maps ({@link RedshiftLoader#mapped}) elsewhere. */
  public RedshiftDelivery(S3Output s3, ObjectStore objects, Executor jdbc, InstantSource clock,
                          Map<String, String> hosts) {
    this.s3 = s3;
    this.objects = objects;
    this.jdbc = jdbc;
    this.clock = clock;
    this.hosts = Map.copyOf(hosts);
  }

  /** A delivery running JDBC on virtual threads (the factory the Firehose module calls). */
  public static RedshiftDelivery create(S3Output s3, ObjectStore objects, InstantSource clock) {
    return create(s3, objects, clock, Map.of());
  }

  /** As {@link #create(S3Output, ObjectStore, InstantSource)}, with cluster hosts mapped ({@code sluice.firehose.redshift-hosts}). */
  public static RedshiftDelivery create(S3Output s3, ObjectStore objects, InstantSource clock,
                                        Map<String, String> hosts) {
    return new RedshiftDelivery(s3, objects, Executors.newVirtualThreadPerTaskExecutor(), clock, hosts);
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Redshift");
  }

  @Override
  public long retryDurationMillis(Destination destination) {
    return destination.config().path("RetryOptions").path("DurationInSeconds").asLong(3600) * 1000;
  }

  @Override
  public CompletionStage<AttemptResult> attempt(DeliveryBatch batch, int attempt) {
    if (batch.records().isEmpty()) {
      return CompletableFuture.completedFuture(AttemptResult.delivered());
    }
    JsonNode c = batch.destination().config();
    if (c.path("SecretsManagerConfiguration").path("Enabled").asBoolean(false)) {
      return CompletableFuture.completedFuture(AttemptResult.failed(batch.records(), new DeliveryFailure(false,
          "Redshift.AuthenticationFailed", "Sluice does not read AWS Secrets Manager: give the destination "
              + "Username and Password and disable SecretsManagerConfiguration")));
    }
    return stage(batch).thenComposeAsync(st -> {
      LOG.info(() -> "Firehose " + batch.stream().id().name() + " to Redshift: "
          + RedshiftCopy.redshiftStatement(c.path("CopyCommand"), st.manifest(), c.path("RoleARN").asText()));
      RedshiftCopy copy = RedshiftCopy.of(c.path("CopyCommand"));
      RedshiftLoader.load(RedshiftLoader.mapped(c.path("ClusterJDBCURL").asText(), hosts), c.path("Username").asText(),
          c.path("Password").asText(), copy, batch.records());
      return CompletableFuture.completedFuture(AttemptResult.delivered());
    }, jdbc).exceptionally(t -> AttemptResult.failed(batch.records(), cause(t)));
  }

  @Override
  public CompletionStage<Void> giveUp(DeliveryBatch batch, List<DeliveryRecord> failed, DeliveryFailure cause,
                                      int attempts) {
    JsonNode s3Configuration = batch.destination().config().path("S3Configuration");
    return stage(batch).thenCompose(st -> objects.put(batch.stream().id().account(), RedshiftManifest.bucket(s3Configuration),
            RedshiftManifest.key(s3Configuration, true, batch.stream().id().name(), clock.millis(), id(batch)),
            RedshiftManifest.body(st.objects()), null))
        .whenComplete((v, t) -> staged.remove(batch.batchId()));
  }

  @Override
  public CompletionStage<Void> delivered(DeliveryBatch batch) {
    staged.remove(batch.batchId());
    JsonNode c = batch.destination().config();
    if (!"Enabled".equals(c.path("S3BackupMode").asText())) {
      return CompletableFuture.completedFuture(null);
    }
    return s3.writeRecords(batch.stream(), (ObjectNode) c.path("S3BackupConfiguration"), batch.records(),
        clock.millis()).thenApply(urls -> null);
  }

  /** The batch's objects and manifest in the intermediate bucket, written now unless this node did already. */
  private CompletionStage<Staged> stage(DeliveryBatch batch) {
    Staged known = staged.get(batch.batchId());
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    ObjectNode s3Configuration = (ObjectNode) batch.destination().config().path("S3Configuration");
    long now = clock.millis();
    String bucket = RedshiftManifest.bucket(s3Configuration);
    String key = RedshiftManifest.key(s3Configuration, false, batch.stream().id().name(), now, id(batch));
    return s3.writeRecords(batch.stream(), s3Configuration, batch.records(), now)
        .thenCompose(urls -> objects.put(batch.stream().id().account(), bucket, key, RedshiftManifest.body(urls), null)
            .thenApply(v -> new Staged(urls, "s3://" + bucket + "/" + key)))
        .thenApply(st -> {
          if (staged.size() >= STAGED_LIMIT) {
            staged.clear();
          }
          staged.put(batch.batchId(), st);
          return st;
        });
  }

  /** The manifest's id: the same for every attempt of the batch, on any node. */
  private static String id(DeliveryBatch batch) {
    return UUID.nameUUIDFromBytes(batch.batchId().getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static DeliveryFailure cause(Throwable t) {
    Throwable c = t;
    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof DeliveryFailure f ? f
        : new DeliveryFailure(true, "Redshift.InternalError", String.valueOf(c.getMessage()));
  }
}
