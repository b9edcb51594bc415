package io.sluice.it.firehose;

import static io.sluice.it.firehose.DeliveryTesting.HOUR;
import static io.sluice.it.firehose.DeliveryTesting.NAME_TAIL;
import static io.sluice.it.firehose.DeliveryTesting.ROLE;
import static io.sluice.it.firehose.DeliveryTesting.WAIT;
import static io.sluice.it.firehose.DeliveryTesting.until;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.it.S3ProxyServer;
import io.sluice.testing.Engine;
import io.sluice.testing.TestPostgres;
import io.sluice.testing.TestSluice;
import io.sluice.testing.TestPostgres;
import io.sluice.testing.TestSluice;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Put → flush → Redshift through the AWS SDK v2 {@code FirehoseClient}, on each engine, with real
 * time: the batch is staged in an S3Proxy with its manifest and loaded into the machine's PostgreSQL
 * ({@link TestPostgres}, database {@code test}); a COPY into a table that does not exist ends with the
 * manifest under {@code errors/manifests/}. The API model wants a {@code ClusterJDBCURL} on a
 * {@code *.redshift.*} host, so the nodes map that host to the PostgreSQL
 * ({@code SLUICE_FIREHOSE_REDSHIFT_HOSTS}).
 */
@ParameterizedClass
@EnumSource(Engine.class)
class RedshiftSdkTest {
  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();
  private static final String HOST = "examplecluster.abc123xyz789.us-east-1.redshift.amazonaws.com";
  static final Map<Engine, TestSluice> NODES = new EnumMap<>(Engine.class);

  @Parameter
  Engine engine;
  FirehoseClient firehose;
  String bucket;
  String table;

  @BeforeAll
  static void start() throws Exception {
    for (Engine e : Engine.values()) {
      NODES.put(e, TestSluice.start(e, InstantSource.system(), DeliveryTesting.environment(S3,
          Map.of("SLUICE_FIREHOSE_REDSHIFT_HOSTS", HOST + "=" + TestPostgres.hostPort()))));
    }
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestSluice::close);
  }

  @BeforeEach
  void client() {
    firehose = DeliveryTesting.client(NODES.get(engine).endpoint());
    bucket = DeliveryTesting.bucket("redshift-" + engine);
    S3.createBucket(bucket);
    table = "fh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @AfterEach
  void close() throws SQLException {
    firehose.close();
    sql("DROP TABLE IF EXISTS " + table);
  }

  /** A stream loading {@code table} with comma-separated rows, staged under {@code in/}, flushed at once; its name. */
  private String stream() {
    String name = TestSluice.uniqueName("redshift-" + engine.name().toLowerCase());
    DeliveryTesting.createActive(firehose, r -> r.deliveryStreamName(name)
        .redshiftDestinationConfiguration(d -> d.roleARN(ROLE).clusterJDBCURL("jdbc:redshift://" + HOST + ":5439/test")
            .username("postgres").password("unused")
            .copyCommand(c -> c.dataTableName(table).dataTableColumns("id,name").copyOptions("delimiter ','"))
            .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).prefix("in/")
                .bufferingHints(b -> b.intervalInSeconds(0).sizeInMBs(1)))));
    return name;
  }

  @Test
  void recordsAreStagedWithTheirManifestAndCopiedIntoTheTable() throws Exception {
    sql("CREATE TABLE " + table + " (id int, name text)");
    String stream = stream();

    DeliveryTesting.putBatch(firehose, stream, List.of("1,one\n", "2,two\n"));

    until("rows in " + table, WAIT, () -> rows().size() == 2);
    assertEquals(List.of("1:one", "2:two"), rows());
    Map<String, String> staged = DeliveryTesting.objects(S3, bucket, "in/" + HOUR + stream + NAME_TAIL);
    assertEquals(List.of("1,one\n2,two\n"), List.copyOf(staged.values()));
    Map<String, String> manifests = DeliveryTesting.objects(S3, bucket, "in/manifests/" + HOUR + stream + "-.*");
    JsonNode manifest = DeliveryTesting.lines(manifests.values().iterator().next()).getFirst();
    assertEquals("s3://" + bucket + "/" + staged.keySet().iterator().next(),
        manifest.path("entries").path(0).path("url").asText());
  }

  @Test
  void aCopyIntoAMissingTableLeavesItsManifestUnderErrors() throws Exception {
    String stream = stream();

    DeliveryTesting.putBatch(firehose, stream, List.of("1,one\n"));

    Map<String, String> errors = DeliveryTesting.objects(S3, bucket, "in/errors/manifests/" + HOUR + stream + "-.*");
    Map<String, String> staged = DeliveryTesting.objects(S3, bucket, "in/" + HOUR + stream + NAME_TAIL);
    JsonNode manifest = DeliveryTesting.lines(errors.values().iterator().next()).getFirst();
    assertEquals("s3://" + bucket + "/" + staged.keySet().iterator().next(),
        manifest.path("entries").path(0).path("url").asText());
    assertEquals(List.of("1,one\n"), List.copyOf(staged.values()));
  }

  private List<String> rows() {
    List<String> out = new ArrayList<>();
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT id, name FROM " + table + " ORDER BY id")) {
      while (r.next()) {
        out.add(r.getInt(1) + ":" + r.getString(2));
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

}
