package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.delivery.DestinationDelivery;
import io.sluice.firehose.delivery.S3Output;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.JsonCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Delivers to Amazon OpenSearch Service, OpenSearch Serverless and Elasticsearch as Firehose does
 * (developer guide, "Understand data delivery", "Handle data delivery failures"): one {@code _bulk}
 * request per attempt ({@link BulkRequest}) to the destination's URL; documents the cluster refused
 * are retried alone until {@code RetryOptions.DurationInSeconds} (300 s by default) after the first
 * attempt, then written to the S3 configuration's error prefix as {@code AmazonOpenSearchService-failed}
 * ({@code elasticsearch-failed} for an Elasticsearch destination), one JSON document per line in AWS's
 * layout. {@code S3BackupMode} {@code AllDocuments} also writes every record to S3.
 *
 * <p>The URL is {@code ClusterEndpoint} ({@code CollectionEndpoint} for Serverless) or, for a
 * destination given by {@code DomainARN}, the URL {@code sluice.firehose.opensearch-endpoints} maps
 * the ARN to: a domain ARN names no host Sluice could reach. Requests are not signed.
 */
public final class SearchDelivery implements DestinationDelivery {
  private static final Set<String> KINDS = Set.of("Elasticsearch", "Amazonopensearchservice",
      "AmazonOpenSearchServerless");
  private static final long TIMEOUT_MS = 60_000;
  /** The most a _bulk answer may hold (an item per document of a batch of up to 128 MiB). */
  private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
  private static final int MESSAGE_LIMIT = 2_000;

  private final EndpointClient http;
  private final S3Output s3;
  private final Map<String, String> domainEndpoints;
  private final InstantSource clock;

  /** Delivers with {@code http}, writes to S3 through {@code s3}; {@code domainEndpoints} maps domain ARNs to URLs. */
  public SearchDelivery(EndpointClient http, S3Output s3, Map<String, String> domainEndpoints, InstantSource clock) {
    this.http = http;
    this.s3 = s3;
    this.domainEndpoints = Map.copyOf(domainEndpoints);
    this.clock = clock;
  }

  /** A delivery with its own HTTP client on {@code vertx}, requests timing out after a minute. */
  public static SearchDelivery create(Vertx vertx, S3Output s3, Map<String, String> domainEndpoints,
                                      InstantSource clock) {
    return new SearchDelivery(new EndpointClient(vertx, TIMEOUT_MS), s3, domainEndpoints, clock);
  }

  /** A delivery over {@code client} (the node's, shared with the HTTP endpoint and Splunk deliveries). */
  public static SearchDelivery create(EndpointClient client, S3Output s3, Map<String, String> domainEndpoints,
                                      InstantSource clock) {
    return new SearchDelivery(client, s3, domainEndpoints, clock);
  }

  @Override
  public Set<String> kinds() {
    return KINDS;
  }

  @Override
  public long retryDurationMillis(Destination destination) {
    return destination.config().path("RetryOptions").path("DurationInSeconds").asLong(300) * 1000;
  }

  @Override
  public CompletionStage<AttemptResult> attempt(DeliveryBatch batch, int attempt) {
    if (batch.records().isEmpty()) {
      return CompletableFuture.completedFuture(AttemptResult.delivered());
    }
    Destination d = batch.destination();
    String endpoint = endpoint(d);
    if (endpoint == null) {
      return CompletableFuture.completedFuture(AttemptResult.failed(batch.records(), new DeliveryFailure(false,
          "DomainNotFound", "no URL is configured for " + d.config().path("DomainARN").asText()
              + " (sluice.firehose.opensearch-endpoints, SLUICE_FIREHOSE_OPENSEARCH_ENDPOINTS)")));
    }
    BulkRequest bulk = request(d, batch.records());
    String url = endpoint.replaceAll("/+$", "") + "/_bulk";
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/x-ndjson");
    return http.post(url, headers, Buffer.buffer(bulk.body()), MAX_RESPONSE_BYTES)
        .thenApply(response -> result(bulk, response.status(), response.body()))
        .exceptionally(t -> AttemptResult.failed(batch.records(), new DeliveryFailure(true,
            "ConnectionFailed", "the _bulk request to " + url + " failed: " + rootMessage(t))));
  }

  private static String rootMessage(Throwable t) {
    Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    return String.valueOf(cause.getMessage());
  }

  /** The attempt's result from the cluster's answer: per document for a 200, else every record failed. */
  static AttemptResult result(BulkRequest bulk, int status, byte[] body) {
    List<DeliveryRecord> all = bulk.documents().stream().map(BulkRequest.Document::record).toList();
    if (status != 200) {
      return AttemptResult.failed(all, new DeliveryFailure(true, String.valueOf(status), text(body)));
    }
    List<BulkResponse.Item> items = BulkResponse.items(body, all.size());
    if (items == null) {
      return AttemptResult.failed(all, new DeliveryFailure(true, "200",
          "the _bulk answer has no item per document: " + text(body)));
    }
    Map<String, BulkResponse.Item> failed = new LinkedHashMap<>();
    List<DeliveryRecord> records = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).failed()) {
        DeliveryRecord r = all.get(i);
        failed.put(r.recordId(), items.get(i));
        records.add(r);
      }
    }
    return failed.isEmpty() ? AttemptResult.delivered() : AttemptResult.failed(records, new BulkFailure(failed));
  }

  @Override
  public CompletionStage<Void> giveUp(DeliveryBatch batch, List<DeliveryRecord> failed, DeliveryFailure cause,
                                      int attempts) {
    long now = clock.millis();
    ObjectNode s3Configuration = (ObjectNode) batch.destination().config().path("S3Configuration");
    List<byte[]> lines = new ArrayList<>();
    for (BulkRequest.Document doc : request(batch.destination(), failed).documents()) {
      lines.add(errorLine(doc, cause, attempts, now));
    }
    CompletionStage<Void> errors = lines.isEmpty() ? CompletableFuture.completedFuture(null)
        : s3.writeErrors(batch.stream(), s3Configuration, errorOutputType(batch.destination().kind()), lines, now);
    // AllDocuments: every incoming record goes to S3, delivered or not (API reference, S3BackupMode).
    return allDocuments(batch.destination()) ? errors.thenCompose(v -> backup(batch, now)) : errors;
  }

  @Override
  public CompletionStage<Void> delivered(DeliveryBatch batch) {
    return allDocuments(batch.destination()) ? backup(batch, clock.millis()) : CompletableFuture.completedFuture(null);
  }

  private CompletionStage<Void> backup(DeliveryBatch batch, long now) {
    return s3.writeRecords(batch.stream(), (ObjectNode) batch.destination().config().path("S3Configuration"),
        batch.records(), now).thenApply(urls -> null);
  }

  /** The error-output type failed documents are written under for {@code kind}. */
  static String errorOutputType(String kind) {
    // The API reference names elasticsearch-failed/ for the Elasticsearch destination's older
    // documentation and AmazonOpenSearchService-failed/ for the OpenSearch destinations.
    return kind.equals("Elasticsearch") ? "elasticsearch-failed" : "AmazonOpenSearchService-failed";
  }

  /** One failed document in AWS's layout (developer guide, "Handle data delivery failures", OpenSearch). */
  static byte[] errorLine(BulkRequest.Document doc, DeliveryFailure cause, int attempts, long now) {
    BulkResponse.Item own = cause instanceof BulkFailure b ? b.of(doc.record().recordId()) : null;
    ObjectNode line = JsonCodec.json().createObjectNode();
    line.put("attemptsMade", attempts);
    line.put("arrivalTimestamp", doc.record().arrivalMillis());
    line.put("errorCode", own != null ? String.valueOf(own.status()) : cause.errorCode());
    line.put("errorMessage", own != null ? own.message() : cause.getMessage());
    line.put("attemptEndingTimestamp", now);
    if (doc.id() != null) {
      line.put("esDocumentId", doc.id());
    }
    line.put("esIndexName", doc.index());
    if (doc.type() != null) {
      line.put("esTypeName", doc.type());
    }
    line.put("rawData", Base64.getEncoder().encodeToString(doc.record().data()));
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code _bulk} request for {@code records} as {@code d} configures it. */
  static BulkRequest request(Destination d, List<DeliveryRecord> records) {
    JsonNode c = d.config();
    boolean serverless = d.kind().equals("AmazonOpenSearchServerless");
    // Serverless has no rotation or type; OneDay is the others' default (API reference).
    String rotation = serverless ? null : c.path("IndexRotationPeriod").asText("OneDay");
    String type = serverless || !c.hasNonNull("TypeName") || c.path("TypeName").asText().isEmpty()
        ? null : c.path("TypeName").asText();
    // Serverless has no DocumentIdOptions and its time-series collections refuse a given _id: the
    // collection generates ids. Elsewhere FIREHOSE_DEFAULT is the default.
    boolean firehoseIds = !serverless && !"NO_DOCUMENT_ID".equals(
        c.path("DocumentIdOptions").path("DefaultDocumentIdFormat").asText("FIREHOSE_DEFAULT"));
    return BulkRequest.of(records, c.path("IndexName").asText(), rotation, type, firehoseIds);
  }

  /** The URL of {@code d}'s cluster or collection, or null for a domain ARN with no URL configured. */
  String endpoint(Destination d) {
    JsonNode c = d.config();
    for (String member : List.of("ClusterEndpoint", "CollectionEndpoint")) {
      if (c.hasNonNull(member)) {
        return c.get(member).asText();
      }
    }
    return domainEndpoints.get(c.path("DomainARN").asText());
  }

  private static boolean allDocuments(Destination d) {
    return "AllDocuments".equals(d.config().path("S3BackupMode").asText());
  }

  private static String text(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > MESSAGE_LIMIT ? s.substring(0, MESSAGE_LIMIT) : s;
  }
}
