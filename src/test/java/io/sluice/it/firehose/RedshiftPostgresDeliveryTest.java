package io.sluice.it.firehose;

import static io.sluice.firehose.destination.Batches.batch;
import static io.sluice.firehose.destination.Batches.destination;
import static io.sluice.firehose.destination.Batches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.AttemptResult;
import io.sluice.firehose.delivery.DeliveryBatch;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.firehose.destination.MemoryS3;
import io.sluice.firehose.destination.RedshiftDelivery;
import io.sluice.protocol.JsonCodec;
import io.sluice.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedshiftDelivery} against a real PostgreSQL ({@link TestPostgres}, database {@code test},
 * trust authentication) reached through a {@code jdbc:redshift://} URL: the batch staged with its
 * manifest, rows loaded as the CopyOptions say (pipe-delimited text, CSV, JSON 'auto'), a refused
 * COPY ending in the errors manifest, a retry reusing the staged objects, and the S3 backup.
 */
class RedshiftPostgresDeliveryTest {
  private static final long AT = 1569504109000L; // 2019-09-26T13:21:49Z

  private final MemoryS3 s3 = new MemoryS3();
  private final RedshiftDelivery delivery = RedshiftDelivery.create(s3, s3,
      InstantSource.fixed(Instant.ofEpochMilli(AT)));
  private String table;

  @BeforeEach
  void table() throws SQLException {
    table = "fh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @AfterEach
  void drop() throws SQLException {
    sql("DROP TABLE IF EXISTS " + table);
  }

  private DeliveryBatch batchOf(String copyOptions, String extra, List<DeliveryRecord> records) {
    return batch(destination("Redshift", "{\"ClusterJDBCURL\":\"jdbc:redshift://" + TestPostgres.hostPort() + "/test\","
        + "\"Username\":\"postgres\",\"Password\":\"unused\",\"RoleARN\":\"arn:aws:iam::000000000000:role/fh\","
        + "\"CopyCommand\":{\"DataTableName\":\"" + table + "\",\"DataTableColumns\":\"id,name\","
        + "\"CopyOptions\":\"" + copyOptions + "\"},"
        + "\"S3Configuration\":{\"BucketARN\":\"arn:aws:s3:::stage\",\"Prefix\":\"in/\"}" + extra + "}"),
        "batch-" + table, records);
  }

  @Test
  void aBatchIsStagedWithItsManifestThenCopiedIntoTheTable() throws Exception {
    sql("CREATE TABLE " + table + " (id int, name text)");
    DeliveryBatch b = batchOf("", "", List.of(record("r1", AT, "1|one\n"), record("r2", AT, "2|\\N\n")));

    AttemptResult result = attempt(b, 1);

    assertTrue(result.allDelivered(), () -> String.valueOf(result.failure()));
    assertEquals(List.of("1:one", "2:null"), rows());
    assertEquals(Map.of("stage/in/obj-1", "1|one\n2|\\N\n"), s3.under("stage/in/obj-"));
    Map<String, String> manifests = s3.under("stage/in/manifests/2019/09/26/13/logs-2019-09-26-13-21-49-");
    assertEquals(1, manifests.size());
    JsonNode manifest = JsonCodec.json().readTree(manifests.values().iterator().next());
    assertEquals("s3://stage/in/obj-1", manifest.path("entries").path(0).path("url").asText());
    assertTrue(manifest.path("entries").path(0).path("mandatory").asBoolean());
  }

  @Test
  void csvWithAHeaderIsLoadedAsRedshiftReadsIt() throws Exception {
    sql("CREATE TABLE " + table + " (id int, name text)");
    DeliveryBatch b = batchOf("CSV IGNOREHEADER 1 GZIP", "",
        List.of(record("r1", AT, "id,name\n"), record("r2", AT, "3,\"a, b\"\n")));

    AttemptResult result = attempt(b, 1);

    assertTrue(result.allDelivered(), () -> String.valueOf(result.failure()));
    assertEquals(List.of("3:a, b"), rows());
  }

  @Test
  void jsonAutoMapsEachObjectsMembersToTheTablesColumns() throws Exception {
    sql("CREATE TABLE " + table + " (id int, name text, extra jsonb)");
    DeliveryBatch b = batch(destination("Redshift", "{\"ClusterJDBCURL\":\"jdbc:redshift://" + TestPostgres.hostPort() + "/test\","
        + "\"Username\":\"postgres\",\"Password\":\"unused\",\"RoleARN\":\"arn:aws:iam::000000000000:role/fh\","
        + "\"CopyCommand\":{\"DataTableName\":\"" + table + "\",\"CopyOptions\":\"json 'auto' blanksasnull emptyasnull\"},"
        + "\"S3Configuration\":{\"BucketARN\":\"arn:aws:s3:::stage\"}}"), "json-" + table,
        List.of(record("r1", AT, "{\"id\":7,\"name\":\"x\",\"extra\":{\"k\":[1]}}"), record("r2", AT, "{\"id\":8,\"name\":\"\"}")));

    assertTrue(attempt(b, 1).allDelivered());

    assertEquals(List.of("7:x", "8:null"), rows());
    assertEquals("{\"k\": [1]}", single("SELECT extra::text FROM " + table + " WHERE id = 7"));
  }

  @Test
  void aRefusedCopyStopsAndItsManifestGoesToTheErrorsFolder() throws Exception {
    DeliveryBatch b = batchOf("", "", List.of(record("r1", AT, "1|one\n")));

    AttemptResult result = attempt(b, 1);
    delivery.giveUp(b, result.failed(), result.failure(), 1).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals("Redshift.TableNotFound", result.failure().errorCode());
    assertFalse(result.failure().retryable());
    Map<String, String> errors = s3.under("stage/in/errors/manifests/2019/09/26/13/logs-2019-09-26-13-21-49-");
    assertEquals(1, errors.size());
    assertEquals("s3://stage/in/obj-1",
        JsonCodec.json().readTree(errors.values().iterator().next()).path("entries").path(0).path("url").asText());
  }

  @Test
  void aRetryLoadsTheObjectsStagedByTheFirstAttempt() throws Exception {
    DeliveryBatch b = batchOf("", "", List.of(record("r1", AT, "1|one\n")));

    assertFalse(attempt(b, 1).allDelivered());
    sql("CREATE TABLE " + table + " (id int, name text)");
    AttemptResult retry = attempt(b, 2);

    assertTrue(retry.allDelivered());
    assertEquals(List.of("1:one"), rows());
    assertEquals(1, s3.under("stage/in/obj-").size());
  }

  @Test
  void backupEnabledWritesTheDeliveredRecordsToTheBackupBucket() throws Exception {
    sql("CREATE TABLE " + table + " (id int, name text)");
    DeliveryBatch b = batchOf("", ",\"S3BackupMode\":\"Enabled\",\"S3BackupConfiguration\":"
        + "{\"BucketARN\":\"arn:aws:s3:::copy\",\"Prefix\":\"all/\"}", List.of(record("r1", AT, "1|one\n")));

    assertTrue(attempt(b, 1).allDelivered());
    delivery.delivered(b).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(List.of("1|one\n"), new ArrayList<>(s3.under("copy/all/").values()));
  }

  @Test
  void credentialsInSecretsManagerAreRefusedWithoutStaging() throws Exception {
    DeliveryBatch b = batchOf("", ",\"SecretsManagerConfiguration\":{\"Enabled\":true}", List.of(record("r1", AT, "1|one\n")));

    AttemptResult result = attempt(b, 1);

    assertEquals("Redshift.AuthenticationFailed", result.failure().errorCode());
    assertFalse(result.failure().retryable());
    assertTrue(s3.keys().isEmpty());
  }

  private AttemptResult attempt(DeliveryBatch b, int n) throws Exception {
    return delivery.attempt(b, n).toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private List<String> rows() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT id, name FROM " + table + " ORDER BY id")) {
      while (r.next()) {
        out.add(r.getInt(1) + ":" + r.getString(2));
      }
    }
    return out;
  }

  private String single(String query) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getString(1);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static Connection connect() throws SQLException {
    return TestPostgres.connect();
  }

}
