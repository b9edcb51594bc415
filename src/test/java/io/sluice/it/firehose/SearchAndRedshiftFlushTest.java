package io.sluice.it.firehose;

import static io.sluice.firehose.destination.Batches.destination;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.delivery.FlushListener;
import io.sluice.firehose.delivery.Flusher;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.delivery.Unprocessed;
import io.sluice.firehose.destination.MemoryS3;
import io.sluice.firehose.destination.RedshiftDelivery;
import io.sluice.firehose.destination.SearchDelivery;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.store.Appended;
import io.sluice.firehose.store.FlushPlan;
import io.sluice.firehose.store.InMemoryDeliveryStreamStore;
import io.sluice.storage.Sealer;
import io.sluice.time.Timers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.sluice.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search and Redshift destinations driven by the {@link Flusher} on the in-memory store with real
 * time: records put are flushed at once (interval 0) to a {@code _bulk} receiver started in the test,
 * a document it refuses is retried alone by the flush, and a Redshift flush loads PostgreSQL.
 */
class SearchAndRedshiftFlushTest {
  private static final String DOMAIN = "arn:aws:es:us-east-1:000000000000:domain/logs";

  private final InMemoryDeliveryStreamStore store = new InMemoryDeliveryStreamStore();
  private final MemoryS3 s3 = new MemoryS3();
  private final StoredRecords kept = new StoredRecords(new Sealer(new byte[32]));
  private final List<String> bulks = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private HttpServer server;
  private Flusher flusher;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      bulks.add(body.toString(StandardCharsets.UTF_8));
      int documents = body.toString(StandardCharsets.UTF_8).split("\n").length / 2;
      // The first request: the cluster is too busy for its second document.
      StringBuilder items = new StringBuilder();
      for (int i = 0; i < documents; i++) {
        items.append(i == 0 ? "" : ",").append(bulks.size() == 1 && i == 1
            ? "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\"}}}"
            : "{\"index\":{\"status\":201}}");
      }
      req.response().end("{\"errors\":" + (bulks.size() == 1) + ",\"items\":[" + items + "]}");
    })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    InstantSource clock = InstantSource.system();
    flusher = new Flusher(store, List.of(
        SearchDelivery.create(vertx, s3, Map.of(DOMAIN, "http://127.0.0.1:" + server.actualPort()), clock),
        RedshiftDelivery.create(s3, s3, clock)), new Unprocessed(), s3, clock, Timers.vertx(vertx),
        new FirehoseConfig.Flush(60_000, 50, 50_000, 4, 50, 200), FlushListener.NONE, kept);
    flusher.start();
  }

  @AfterEach
  void stop() throws Exception {
    flusher.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFlushRetriesTheDocumentTheClusterRefusedAlone() throws Exception {
    DeliveryStreamRecord stream = stream("search", destination("Amazonopensearchservice", "{\"DomainARN\":\"" + DOMAIN
        + "\",\"IndexName\":\"web\",\"IndexRotationPeriod\":\"NoRotation\",\"BufferingHints\":{\"IntervalInSeconds\":0},"
        + "\"S3Configuration\":{\"BucketARN\":\"arn:aws:s3:::backup\"}}"));

    List<String> ids = put(stream, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

    await(() -> bulks.size() >= 2);
    assertEquals("{\"index\":{\"_index\":\"web\",\"_id\":\"" + ids.get(1) + "\"}}\n{\"n\":2}\n", bulks.get(1));
    assertEquals(2, bulks.size());
    assertTrue(s3.keys().isEmpty());
  }

  @Test
  void aRedshiftFlushLoadsTheTable() throws Exception {
    String table = "fh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    assertTrue(sql("CREATE TABLE " + table + " (id int, name text)"), "PostgreSQL at " + TestPostgres.hostPort());
    try {
      DeliveryStreamRecord stream = stream("warehouse", destination("Redshift",
          "{\"ClusterJDBCURL\":\"jdbc:redshift://" + TestPostgres.hostPort() + "/test\",\"Username\":\"postgres\",\"Password\":\"x\","
              + "\"RoleARN\":\"arn:aws:iam::000000000000:role/fh\",\"CopyCommand\":{\"DataTableName\":\"" + table
              + "\",\"CopyOptions\":\"delimiter ','\"},\"S3Configuration\":{\"BucketARN\":\"arn:aws:s3:::stage\","
              + "\"BufferingHints\":{\"IntervalInSeconds\":0}}}"));

      put(stream, "1,one\n", "2,two\n");

      await(() -> count(table) == 2);
      assertEquals(1, s3.under("stage/manifests/").size());
    } finally {
      sql("DROP TABLE " + table);
    }
  }

  private DeliveryStreamRecord stream(String name, Destination d) throws Exception {
    long now = System.currentTimeMillis();
    DeliveryStreamRecord stream = new DeliveryStreamRecord(new DeliveryStreamId("us-east-1", "000000000000", name),
        "DirectPut", now, now, 1, now, List.of(d), null, null, null, Map.of(), 1, null);
    // Empty: created (else the live stream of that name).
    assertTrue(store.create(stream, now).toCompletableFuture().get(10, TimeUnit.SECONDS).isEmpty());
    return stream;
  }

  /** Puts as PutRecordBatch does: kept as the buffer keeps them, and the flush started here when it is due at once. */
  private List<String> put(DeliveryStreamRecord stream, String... texts) throws Exception {
    List<byte[]> records = new ArrayList<>();
    for (String t : texts) {
      records.add(kept.store(t.getBytes(StandardCharsets.UTF_8), null));
    }
    FlushPlan plan = flusher.planForPut(stream);
    Appended appended = store.append(stream, records, plan, System.currentTimeMillis())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (appended.flushTaken()) {
      flusher.start(stream, plan);
    }
    return appended.recordIds();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long until = System.currentTimeMillis() + 20_000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < until) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean(), "in time");
  }

  private static boolean sql(String statement) {
    try (Connection c = TestPostgres.connect();
         Statement s = c.createStatement()) {
      s.execute(statement);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static int count(String table) {
    try (Connection c = TestPostgres.connect();
         Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      return -1;
    }
  }
}
